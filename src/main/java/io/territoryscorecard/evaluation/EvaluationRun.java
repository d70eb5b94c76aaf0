package io.territoryscorecard.evaluation;

import java.time.LocalDateTime;

/** One evaluation of one period with one ruleset version, and how far it got. */
public record EvaluationRun(long id, String period, long rulesetVersionId, Status status, String requestedBy,
        LocalDateTime startedAt, LocalDateTime finishedAt, int territoriesTotal, int territoriesDone,
        int kpiAssessments, int perspectiveScores, int territoryScores, int improvementFlags, String error) {

    public enum Status {
        RUNNING, COMPLETED, FAILED
    }
}
