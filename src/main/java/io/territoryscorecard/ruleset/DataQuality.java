package io.territoryscorecard.ruleset;

/** Whether a catalogue KPI of a territory could be scored, as the data-quality rules decided. */
public enum DataQuality {
    /** Accepted by the rules and scored. */
    VALID,
    /** No measurement, or no actual value (flagged MISSING_DATA). */
    MISSING,
    /** A measurement the scorecard cannot use, such as a target of 0 (flagged INVALID_DATA). */
    INVALID,
    /** Neither accepted nor flagged by the rules: the ruleset has no rule for this case. */
    NOT_SCORED
}
