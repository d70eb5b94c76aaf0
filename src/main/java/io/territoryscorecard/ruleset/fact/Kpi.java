package io.territoryscorecard.ruleset.fact;

import java.io.Serializable;
import java.util.Objects;

/** A KPI of the catalogue; one fact per catalogue entry is in every session. */
public final class Kpi implements Serializable {

    private final String code;
    private final String name;
    private final Perspective perspective;
    private final Direction direction;
    private final String unit;

    public Kpi(String code, String name, Perspective perspective, Direction direction, String unit) {
        this.code = Objects.requireNonNull(code);
        this.name = Objects.requireNonNull(name);
        this.perspective = Objects.requireNonNull(perspective);
        this.direction = Objects.requireNonNull(direction);
        this.unit = unit;
    }

    public String getCode() { return code; }
    public String getName() { return name; }
    public Perspective getPerspective() { return perspective; }
    public Direction getDirection() { return direction; }
    public String getUnit() { return unit; }

    @Override
    public String toString() { return "Kpi[" + code + "]"; }
}
