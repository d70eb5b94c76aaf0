package io.territoryscorecard.evaluation;

import io.territoryscorecard.measurement.Period;

/** Only one run per period at a time: two would race to become the period's current results. */
public class EvaluationAlreadyRunningException extends RuntimeException {

    public EvaluationAlreadyRunningException(Period period) {
        super("an evaluation of " + period + " is already running; wait for it to finish");
    }
}
