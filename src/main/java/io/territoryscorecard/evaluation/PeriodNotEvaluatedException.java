package io.territoryscorecard.evaluation;

import io.territoryscorecard.measurement.Period;

/** A preview needs the period's current results to compare with, and the period has none. */
public class PeriodNotEvaluatedException extends RuntimeException {

    PeriodNotEvaluatedException(Period period) {
        super("period " + period + " has no current results to compare with; evaluate it first "
                + "(POST /api/evaluations {\"period\":\"" + period + "\"})");
    }
}
