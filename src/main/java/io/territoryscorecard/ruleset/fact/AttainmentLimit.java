package io.territoryscorecard.ruleset.fact;

import java.util.Objects;

/**
 * Setting: the attainment (actual/target, 1.00 = on target) from which a KPI is GREEN or AMBER; below the lowest limit
 * it is RED. A limit without a KPI applies to every KPI that has no limits of its own; a KPI with limits of its own
 * uses only those.
 */
public final class AttainmentLimit extends StatusLimit {

    private final String kpi;

    public AttainmentLimit(Status status, String from) {
        this(null, status, from);
    }

    private AttainmentLimit(String kpi, Status status, String from) {
        super(status, from);
        this.kpi = kpi;
    }

    /** A limit of one KPI's own set: {@code AttainmentLimit.forKpi("REVENUE", Status.GREEN, "1.05")}. */
    public static AttainmentLimit forKpi(String kpi, Status status, String from) {
        return new AttainmentLimit(Objects.requireNonNull(kpi, "kpi"), status, from);
    }

    /** The KPI code of a KPI's own limit; null for the limits of all KPIs. */
    public String getKpi() { return kpi; }

    @Override
    public String toString() { return kpi == null ? super.toString() : kpi + " " + super.toString(); }
}
