package io.territoryscorecard.ruleset;

import io.territoryscorecard.ruleset.fact.Perspective;
import io.territoryscorecard.ruleset.fact.Severity;
import io.territoryscorecard.ruleset.fact.Status;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.List;

/**
 * Everything the rules derived for one territory in one period. Numbers are unrounded; whoever stores or shows them
 * rounds (scores to 2 decimals, attainment to 4).
 */
public record TerritoryAssessment(String territory, Overall overall, List<PerspectiveResult> perspectives,
        List<KpiResult> kpis, List<Flag> flags, List<Alert> alerts) implements Serializable {

    /** The overall score and status; both null when no perspective could be scored. */
    public record Overall(BigDecimal score, Status status, Explanation explanation)
            implements Serializable {
    }

    public record PerspectiveResult(Perspective perspective, BigDecimal score, Status status, BigDecimal weight,
            Explanation explanation) implements Serializable {
    }

    /** One catalogue KPI; attainment, status and score are null unless the data quality is VALID. */
    public record KpiResult(String kpi, Perspective perspective, DataQuality dataQuality, BigDecimal actual,
            BigDecimal target, BigDecimal attainment, Status status, BigDecimal score, BigDecimal weight,
            Explanation explanation) implements Serializable {
    }

    public record Flag(String code, Severity severity, String message, Perspective perspective, String kpi, String key,
            List<String> rules) implements Serializable {
    }

    /** An alert the alert rules asked for; the alerting module decides whom it reaches and when. */
    public record Alert(String code, Severity severity, String message, Perspective perspective, String kpi, String key,
            List<String> rules) implements Serializable {
    }
}
