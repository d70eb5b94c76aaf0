package io.territoryscorecard.evaluation;

import io.territoryscorecard.measurement.Period;

/**
 * An evaluation (or restatement) of a period without a single measurement is refused before a run is recorded: its
 * results would say "no data" for every territory and, being the newest, become everyone's default period. An
 * {@link IllegalArgumentException}, because the period is a bad value the caller gave: pages that show such errors as
 * a message show this one too.
 */
public class PeriodHasNoMeasurementsException extends IllegalArgumentException {

    private final String period;

    PeriodHasNoMeasurementsException(Period period) {
        super(period + " has no measurements: import them first (Imports page or `import`), then evaluate");
        this.period = period.toString();
    }

    /** The period, written YYYY-MM. */
    public String period() {
        return period;
    }
}
