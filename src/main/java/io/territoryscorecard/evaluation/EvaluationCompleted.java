package io.territoryscorecard.evaluation;

/** A run completed and its results are now the period's current results. */
public record EvaluationCompleted(long runId, String period, long rulesetVersionId, int territoryScores,
        int improvementFlags) {
}
