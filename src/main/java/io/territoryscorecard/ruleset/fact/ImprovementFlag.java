package io.territoryscorecard.ruleset.fact;

import java.util.Objects;

/**
 * An improvement flag raised for a territory, about the whole territory, one perspective or one KPI. The message is
 * what managers read: plain words with the numbers.
 */
public final class ImprovementFlag {

    private final String territory;
    private final String code;
    private final Severity severity;
    private final Perspective perspective;
    private final String kpi;
    private final String message;

    private ImprovementFlag(String territory, String code, Severity severity, Perspective perspective, String kpi,
            String message) {
        this.territory = Objects.requireNonNull(territory, "territory");
        this.code = Objects.requireNonNull(code, "code");
        this.severity = Objects.requireNonNull(severity, "severity");
        this.perspective = perspective;
        this.kpi = kpi;
        this.message = Objects.requireNonNull(message, "message");
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

    public String getTerritory() { return territory; }
    public String getCode() { return code; }
    public Severity getSeverity() { return severity; }
    public Perspective getPerspective() { return perspective; }
    public String getKpi() { return kpi; }
    public String getMessage() { return message; }

    /** What makes a flag unique within a territory: one flag per code and subject. */
    public String getKey() {
        return code + "/" + (perspective == null ? "" : perspective) + "/" + (kpi == null ? "" : kpi);
    }

    @Override
    public String toString() { return "ImprovementFlag[" + territory + " " + getKey() + " " + message + "]"; }
}
