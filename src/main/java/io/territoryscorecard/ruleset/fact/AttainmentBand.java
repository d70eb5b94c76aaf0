package io.territoryscorecard.ruleset.fact;

import java.util.Objects;

/**
 * Setting: the KPI status for an attainment range (attainment is actual/target, 1.00 = on target). A band without a
 * KPI applies to every KPI that has no bands of its own; a KPI with bands of its own uses only those.
 */
public final class AttainmentBand extends Band {

    private final String kpi;

    public AttainmentBand(Status status, String from, String to) {
        this(null, status, from, to);
    }

    private AttainmentBand(String kpi, Status status, String from, String to) {
        super(status, from, to);
        this.kpi = kpi;
    }

    /** A band of one KPI's own set: {@code AttainmentBand.forKpi("REVENUE", Status.GREEN, "1.05", null)}. */
    public static AttainmentBand forKpi(String kpi, Status status, String from, String to) {
        return new AttainmentBand(Objects.requireNonNull(kpi, "kpi"), status, from, to);
    }

    /** The KPI code of a KPI's own band; null for the bands of all KPIs. */
    public String getKpi() { return kpi; }

    @Override
    public String toString() { return kpi == null ? super.toString() : kpi + " " + super.toString(); }
}
