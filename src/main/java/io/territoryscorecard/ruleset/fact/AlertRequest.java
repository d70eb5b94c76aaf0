package io.territoryscorecard.ruleset.fact;

import java.util.Objects;

/**
 * A request to alert the people responsible for a territory, about the whole territory, one perspective or one KPI.
 * Alert rules insert it; the alerting module decides who receives it (the territory's and the region's managers) and
 * whether it is sent (not for incomplete data unless configured). The message is what the manager reads.
 */
public final class AlertRequest {

    private final String territory;
    private final String code;
    private final Severity severity;
    private final Perspective perspective;
    private final String kpi;
    private final String message;

    private AlertRequest(String territory, String code, Severity severity, Perspective perspective, String kpi,
            String message) {
        this.territory = Objects.requireNonNull(territory, "territory");
        this.code = Objects.requireNonNull(code, "code");
        this.severity = Objects.requireNonNull(severity, "severity");
        this.perspective = perspective;
        this.kpi = kpi;
        this.message = Objects.requireNonNull(message, "message");
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

    public String getTerritory() { return territory; }
    public String getCode() { return code; }
    public Severity getSeverity() { return severity; }
    public Perspective getPerspective() { return perspective; }
    public String getKpi() { return kpi; }
    public String getMessage() { return message; }

    /** What makes an alert unique within a territory and period: one per code and subject. */
    public String getKey() {
        return code + "/" + (perspective == null ? "" : perspective) + "/" + (kpi == null ? "" : kpi);
    }

    @Override
    public String toString() { return "AlertRequest[" + territory + " " + getKey() + " " + message + "]"; }
}
