package io.territoryscorecard.ruleset.fact;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;

/**
 * The score of a perspective: the weighted mean of its KPI scores, with the perspective's weight in the overall
 * score. The exact sum and total weight are kept so that the overall score divides only once.
 */
public final class PerspectiveScore implements Serializable {

    private final String territory;
    private final Perspective perspective;
    private final BigDecimal weight;
    private final List<KpiScore> kpiScores;
    private final BigDecimal weightedSum;
    private final BigDecimal totalWeight;
    private final BigDecimal score;

    private PerspectiveScore(String territory, Perspective perspective, BigDecimal weight, List<KpiScore> kpiScores) {
        this.territory = territory;
        this.perspective = perspective;
        this.weight = weight;
        this.kpiScores = kpiScores;
        this.weightedSum = kpiScores.stream().map(k -> k.getScore().multiply(k.getWeight()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        this.totalWeight = kpiScores.stream().map(KpiScore::getWeight).reduce(BigDecimal.ZERO, BigDecimal::add);
        this.score = Decimals.divide(weightedSum, totalWeight);
    }

    /** The weighted mean of the given KPI scores (all of one territory and perspective; at least one). */
    public static PerspectiveScore weightedMean(String territory, PerspectiveWeight weight, Collection<?> kpiScores) {
        List<KpiScore> scores = kpiScores.stream().map(KpiScore.class::cast).toList();
        if (scores.isEmpty()) {
            throw new IllegalArgumentException("a perspective score needs at least one KPI score");
        }
        return new PerspectiveScore(territory, weight.getPerspective(), weight.getWeight(), scores);
    }

    public String getTerritory() { return territory; }
    public Perspective getPerspective() { return perspective; }
    public BigDecimal getWeight() { return weight; }
    public List<KpiScore> getKpiScores() { return kpiScores; }
    public BigDecimal getWeightedSum() { return weightedSum; }
    public BigDecimal getTotalWeight() { return totalWeight; }
    public BigDecimal getScore() { return score; }

    @Override
    public String toString() { return "PerspectiveScore[" + territory + " " + perspective + " " + Decimals.plain(score) + "]"; }
}
