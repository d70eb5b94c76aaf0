package io.territoryscorecard.ruleset.fact;

import java.io.Serializable;
import java.math.BigDecimal;

/** The 0-100 score of a KPI, read off the score line at its attainment, with the KPI's weight in its perspective. */
public final class KpiScore implements Serializable {

    private final Attainment attainment;
    private final BigDecimal weight;
    private final BigDecimal score;
    private final ScoreBreakpoint from;
    private final ScoreBreakpoint to;

    private KpiScore(Attainment attainment, BigDecimal weight, BigDecimal score, ScoreBreakpoint from, ScoreBreakpoint to) {
        this.attainment = attainment;
        this.weight = weight;
        this.score = score;
        this.from = from;
        this.to = to;
    }

    /** The score on the straight line from one breakpoint to the next. */
    public static KpiScore between(Attainment attainment, BigDecimal weight, ScoreBreakpoint from, ScoreBreakpoint to) {
        BigDecimal rise = attainment.getValue().subtract(from.getAttainment())
                .multiply(to.getScore().subtract(from.getScore()));
        BigDecimal score = from.getScore().add(Decimals.divide(rise, to.getAttainment().subtract(from.getAttainment())));
        return new KpiScore(attainment, weight, score, from, to);
    }

    /** The score of a breakpoint itself, used below the first and above the last breakpoint. */
    public static KpiScore at(Attainment attainment, BigDecimal weight, ScoreBreakpoint point) {
        return new KpiScore(attainment, weight, point.getScore(), point, point);
    }

    public String getTerritory() { return attainment.getTerritory(); }
    public String getKpi() { return attainment.getKpi(); }
    public String getKpiName() { return attainment.getKpiName(); }
    public Perspective getPerspective() { return attainment.getPerspective(); }
    public Attainment getAttainment() { return attainment; }
    public BigDecimal getWeight() { return weight; }
    public BigDecimal getScore() { return score; }
    public ScoreBreakpoint getFrom() { return from; }
    public ScoreBreakpoint getTo() { return to; }

    @Override
    public String toString() { return "KpiScore[" + getTerritory() + " " + getKpi() + " " + Decimals.plain(score) + "]"; }
}
