package io.territoryscorecard.ruleset.fact;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * Setting: a point of the KPI score line, attainment -> score; between two points the score is on the straight line.
 * A point without a KPI belongs to the line of every KPI that has no line of its own; a KPI with points of its own
 * uses only those.
 */
public final class ScoreBreakpoint implements Serializable {

    private final String kpi;
    private final BigDecimal attainment;
    private final BigDecimal score;

    public ScoreBreakpoint(String attainment, String score) {
        this(null, attainment, score);
    }

    private ScoreBreakpoint(String kpi, String attainment, String score) {
        this.kpi = kpi;
        this.attainment = Decimals.parse(attainment);
        this.score = Decimals.parse(score);
    }

    /** A point of one KPI's own score line: {@code ScoreBreakpoint.forKpi("REVENUE", "0.95", "60")}. */
    public static ScoreBreakpoint forKpi(String kpi, String attainment, String score) {
        return new ScoreBreakpoint(Objects.requireNonNull(kpi, "kpi"), attainment, score);
    }

    /** The KPI code of a point of a KPI's own line; null for the line of all KPIs. */
    public String getKpi() { return kpi; }
    public BigDecimal getAttainment() { return attainment; }
    public BigDecimal getScore() { return score; }

    @Override
    public String toString() {
        return "ScoreBreakpoint[" + (kpi == null ? "" : kpi + " ") + attainment + " -> " + score + "]";
    }
}
