package io.territoryscorecard.scorecard;

import java.math.BigDecimal;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One territory's full scorecard for a period, as the API returns it.
 *
 * @param purpose CURRENT for the period's current results, RESTATEMENT for a restatement with another version
 * @param stale the territory's measurements that changed after the run read them; null when none did
 */
public record Scorecard(String territory, String territoryName, String region, String period, String rulesetVersion,
        long rulesetVersionId, long evaluationRunId, String purpose, Overall overall, StaleData stale,
        List<PerspectiveLine> perspectives, List<KpiLine> kpis, List<FlagLine> flags) {

    public record Overall(BigDecimal score, String status, JsonNode explanation) {
    }

    public record PerspectiveLine(String code, BigDecimal score, String status, BigDecimal weight,
            JsonNode explanation) {
    }

    /** @param direction HIGHER or LOWER: which way is better, from the KPI catalogue */
    public record KpiLine(String code, String name, String perspective, String unit, String direction,
            String dataQuality,
            BigDecimal actual, BigDecimal target, BigDecimal attainment, String status, BigDecimal score,
            BigDecimal weight, JsonNode explanation) {
    }

    public record FlagLine(String code, String severity, String message, String perspective, String kpi,
            List<String> rules) {
    }
}
