package io.territoryscorecard.ruleset.fact;

/**
 * An improvement flag raised for a territory, about the whole territory, one perspective or one KPI. The message is
 * what managers read: plain words with the numbers.
 */
public final class ImprovementFlag extends TerritoryNotice {

    private ImprovementFlag(String territory, String code, Severity severity, Perspective perspective, String kpi,
            String message) {
        super(territory, code, severity, perspective, kpi, message);
    }

    public static ImprovementFlag forTerritory(String territory, String code, Severity severity, String message) {
        return new ImprovementFlag(territory, code, severity, null, null, message);
    }

    public static ImprovementFlag forPerspective(String territory, String code, Severity severity,
            Perspective perspective, String message) {
        return new ImprovementFlag(territory, code, severity, perspective, null, message);
    }

    public static ImprovementFlag forKpi(String territory, String code, Severity severity, Kpi kpi, String message) {
        return new ImprovementFlag(territory, code, severity, kpi.getPerspective(), kpi.getCode(), message);
    }
}
