package io.territoryscorecard.ruleset.fact;

import java.io.Serializable;
import java.util.Objects;

/**
 * What improvement flags and alert requests share: a coded notice of some severity about a territory as a whole, one
 * perspective or one KPI, with a message in plain words. One notice per code and subject ({@link #getKey()}).
 */
public abstract class TerritoryNotice implements Serializable {

    private final String territory;
    private final String code;
    private final Severity severity;
    private final Perspective perspective;
    private final String kpi;
    private final String message;

    TerritoryNotice(String territory, String code, Severity severity, Perspective perspective, String kpi,
            String message) {
        this.territory = Objects.requireNonNull(territory, "territory");
        this.code = Objects.requireNonNull(code, "code");
        this.severity = Objects.requireNonNull(severity, "severity");
        this.perspective = perspective;
        this.kpi = kpi;
        this.message = Objects.requireNonNull(message, "message");
    }

    public String getTerritory() { return territory; }
    public String getCode() { return code; }
    public Severity getSeverity() { return severity; }
    public Perspective getPerspective() { return perspective; }
    public String getKpi() { return kpi; }
    public String getMessage() { return message; }

    /** What makes a notice unique within a territory: its code and subject. */
    public String getKey() {
        return code + "/" + (perspective == null ? "" : perspective) + "/" + (kpi == null ? "" : kpi);
    }

    @Override
    public String toString() { return getClass().getSimpleName() + "[" + territory + " " + getKey() + " " + message + "]"; }
}
