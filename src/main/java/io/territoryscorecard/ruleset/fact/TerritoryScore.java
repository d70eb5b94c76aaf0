package io.territoryscorecard.ruleset.fact;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.List;

/**
 * The overall score of a territory: the weighted mean of the perspective scores present, the weights renormalised
 * over those present. Computed over a common denominator so that a result that is exactly a band limit (80) is not
 * made 79.999... by intermediate rounding.
 */
public final class TerritoryScore implements Serializable {

    private final String territory;
    private final List<PerspectiveScore> perspectiveScores;
    private final BigDecimal score;

    private TerritoryScore(String territory, List<PerspectiveScore> perspectiveScores) {
        this.territory = territory;
        this.perspectiveScores = perspectiveScores;
        // sum(w_i * N_i / D_i) / sum(w_i) = sum(w_i * N_i * prod_{j!=i} D_j) / (sum(w_i) * prod_j D_j)
        BigDecimal productOfTotals = perspectiveScores.stream().map(PerspectiveScore::getTotalWeight)
                .reduce(BigDecimal.ONE, BigDecimal::multiply);
        BigDecimal numerator = BigDecimal.ZERO;
        BigDecimal weights = BigDecimal.ZERO;
        for (PerspectiveScore p : perspectiveScores) {
            BigDecimal others = productOfTotals.divide(p.getTotalWeight(), RoundingMode.UNNECESSARY);
            numerator = numerator.add(p.getWeight().multiply(p.getWeightedSum()).multiply(others));
            weights = weights.add(p.getWeight());
        }
        this.score = Decimals.divide(numerator, weights.multiply(productOfTotals));
    }

    /** The weighted mean of the given perspective scores (all of one territory; at least one). */
    public static TerritoryScore weightedMean(String territory, Collection<?> perspectiveScores) {
        List<PerspectiveScore> scores = perspectiveScores.stream().map(PerspectiveScore.class::cast).toList();
        if (scores.isEmpty()) {
            throw new IllegalArgumentException("an overall score needs at least one perspective score");
        }
        return new TerritoryScore(territory, scores);
    }

    public String getTerritory() { return territory; }
    public List<PerspectiveScore> getPerspectiveScores() { return perspectiveScores; }
    public BigDecimal getScore() { return score; }

    /** The score as stored, rounded half-up to 2 decimals: trends compare these. */
    public BigDecimal getStoredScore() { return Decimals.round(score, 2); }

    @Override
    public String toString() { return "TerritoryScore[" + territory + " " + Decimals.plain(score) + "]"; }
}
