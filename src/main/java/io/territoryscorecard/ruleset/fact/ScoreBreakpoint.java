package io.territoryscorecard.ruleset.fact;

import java.math.BigDecimal;

/** Setting: a point of the KPI score line, attainment -> score; between two points the score is on the straight line. */
public final class ScoreBreakpoint {

    private final BigDecimal attainment;
    private final BigDecimal score;

    public ScoreBreakpoint(String attainment, String score) {
        this.attainment = Decimals.parse(attainment);
        this.score = Decimals.parse(score);
    }

    public BigDecimal getAttainment() { return attainment; }
    public BigDecimal getScore() { return score; }

    @Override
    public String toString() { return "ScoreBreakpoint[" + attainment + " -> " + score + "]"; }
}
