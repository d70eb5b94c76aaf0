package io.territoryscorecard.evaluation;

/**
 * A run completed and its results are now the period's current results. Published inside the transaction that
 * completes the run: a listener's writes commit with it, and a listener that throws fails the run.
 */
public record EvaluationCompleted(long runId, String period, long rulesetVersionId, int territoryScores,
        int improvementFlags) {
}
