package io.territoryscorecard.evaluation;

import java.time.LocalDateTime;

/**
 * One evaluation of one period with one ruleset version, and how far it got. Its purpose says whether it becomes the
 * period's current results or a restatement beside them.
 *
 * @param snapshotAt when the run took the one snapshot of the data that it reads all its facts from (null until then)
 * @param snapshotImportId the newest applied import that snapshot held (null: none, or no snapshot yet)
 * @param snapshotImportFile that import's file name
 * @param snapshotImportAppliedAt when that import was applied
 */
public record EvaluationRun(long id, String period, long rulesetVersionId, Purpose purpose, Status status,
        String requestedBy, LocalDateTime startedAt, LocalDateTime finishedAt, int territoriesTotal,
        int territoriesDone, int kpiAssessments, int perspectiveScores, int territoryScores, int improvementFlags,
        String error, LocalDateTime snapshotAt, Long snapshotImportId, String snapshotImportFile,
        LocalDateTime snapshotImportAppliedAt) {

    public enum Status {
        RUNNING, COMPLETED, FAILED
    }

    public enum Purpose {
        /** On completion the run becomes the period's current results ({@code period_result}). */
        CURRENT,
        /**
         * On completion the run becomes the period's results under its ruleset version ({@code period_restatement}),
         * beside the current results, which it never touches.
         */
        RESTATEMENT
    }
}
