package io.territoryscorecard.ruleset.fact;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One measured KPI of a territory in the evaluated period, as stored. {@code actual} is null when the KPI was not
 * measured; {@code target} may be null or unusable (zero, negative): the data-quality rules decide what is valid.
 */
public final class Measurement implements Serializable {

    private final String territory;
    private final String kpi;
    private final String kpiName;
    private final Perspective perspective;
    private final Direction direction;
    private final BigDecimal actual;
    private final BigDecimal target;

    public Measurement(String territory, Kpi kpi, BigDecimal actual, BigDecimal target) {
        this.territory = Objects.requireNonNull(territory);
        this.kpi = kpi.getCode();
        this.kpiName = kpi.getName();
        this.perspective = kpi.getPerspective();
        this.direction = kpi.getDirection();
        this.actual = actual;
        this.target = target;
    }

    public String getTerritory() { return territory; }
    public String getKpi() { return kpi; }
    public String getKpiName() { return kpiName; }
    public Perspective getPerspective() { return perspective; }
    public Direction getDirection() { return direction; }
    public BigDecimal getActual() { return actual; }
    public BigDecimal getTarget() { return target; }

    @Override
    public String toString() { return "Measurement[" + territory + " " + kpi + " " + actual + "/" + target + "]"; }
}
