package io.territoryscorecard.ruleset.fact;

/** Setting: the KPI status for an attainment range (attainment is actual/target, 1.00 = on target). */
public final class AttainmentBand extends Band {

    public AttainmentBand(Status status, String from, String to) {
        super(status, from, to);
    }
}
