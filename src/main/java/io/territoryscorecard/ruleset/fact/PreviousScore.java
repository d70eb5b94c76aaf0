package io.territoryscorecard.ruleset.fact;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * The stored overall score (2 decimals) of a territory in an earlier period: {@code periodsBack} 1 is the month
 * before the evaluated one, 2 the month before that, and so on. Absent when that period has no current result.
 */
public final class PreviousScore implements Serializable {

    private final String territory;
    private final String period;
    private final int periodsBack;
    private final BigDecimal score;

    public PreviousScore(String territory, String period, int periodsBack, BigDecimal score) {
        this.territory = Objects.requireNonNull(territory);
        this.period = Objects.requireNonNull(period);
        this.periodsBack = periodsBack;
        this.score = Objects.requireNonNull(score);
    }

    public String getTerritory() { return territory; }
    public String getPeriod() { return period; }
    public int getPeriodsBack() { return periodsBack; }
    public BigDecimal getScore() { return score; }

    @Override
    public String toString() { return "PreviousScore[" + territory + " " + period + " " + score + "]"; }
}
