package io.territoryscorecard.evaluation;

import io.territoryscorecard.measurement.Period;

/**
 * Only one run per period at a time (one per period and ruleset version for restatements): two would race to become
 * the period's current results, or its restatement with that version.
 */
public class EvaluationAlreadyRunningException extends RuntimeException {

    public EvaluationAlreadyRunningException(Period period) {
        super("an evaluation of " + period + " is already running; wait for it to finish");
    }

    private EvaluationAlreadyRunningException(String message) {
        super(message);
    }

    static EvaluationAlreadyRunningException restatement(Period period, long rulesetVersionId) {
        return new EvaluationAlreadyRunningException("a restatement of " + period + " with ruleset version "
                + rulesetVersionId + " is already running; wait for it to finish");
    }
}
