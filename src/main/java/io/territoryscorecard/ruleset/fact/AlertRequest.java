package io.territoryscorecard.ruleset.fact;

/**
 * A request to alert the people responsible for a territory, about the whole territory, one perspective or one KPI.
 * Alert rules insert it; the alerting module decides who receives it (the territory's and the region's managers) and
 * whether it is sent (not for incomplete data unless configured). The message is what the manager reads.
 */
public final class AlertRequest extends TerritoryNotice {

    private AlertRequest(String territory, String code, Severity severity, Perspective perspective, String kpi,
            String message) {
        super(territory, code, severity, perspective, kpi, message);
    }

    public static AlertRequest forTerritory(String territory, String code, Severity severity, String message) {
        return new AlertRequest(territory, code, severity, null, null, message);
    }

    public static AlertRequest forPerspective(String territory, String code, Severity severity,
            Perspective perspective, String message) {
        return new AlertRequest(territory, code, severity, perspective, null, message);
    }

    public static AlertRequest forKpi(String territory, String code, Severity severity, Kpi kpi, String message) {
        return new AlertRequest(territory, code, severity, kpi.getPerspective(), kpi.getCode(), message);
    }
}
