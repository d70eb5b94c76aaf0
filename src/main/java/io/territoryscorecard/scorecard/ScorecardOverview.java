package io.territoryscorecard.scorecard;

import java.math.BigDecimal;
import java.util.List;

/**
 * Every territory's overall and perspective scores for a period.
 *
 * @param purpose CURRENT for the period's current results, RESTATEMENT for a restatement with another version
 * @param stale the measurements of the listed territories that changed after the run read them; null when none did
 */
public record ScorecardOverview(String period, String rulesetVersion, long rulesetVersionId, long evaluationRunId,
        String purpose, StaleData stale, List<TerritoryLine> territories) {

    /** @param stale the territory's measurements that changed after the run read them; null when none did */
    public record TerritoryLine(String territory, String territoryName, String region, Score overall,
            List<PerspectiveScore> perspectives, StaleData stale) {
    }

    public record Score(BigDecimal score, String status) {
    }

    public record PerspectiveScore(String code, BigDecimal score, String status, BigDecimal weight) {
    }
}
