package io.territoryscorecard.ruleset.fact;

import java.io.Serializable;
import java.math.BigDecimal;

/** How far a KPI reached its target (1.00 = on target), clamped to [0, cap]. Unrounded: rules compare this value. */
public final class Attainment implements Serializable {

    private final ValidMeasurement measurement;
    private final BigDecimal value;
    private final BigDecimal unclamped;

    public Attainment(ValidMeasurement measurement, BigDecimal unclamped, BigDecimal cap) {
        this.measurement = measurement;
        this.unclamped = unclamped;
        this.value = Decimals.clamp(unclamped, BigDecimal.ZERO, cap);
    }

    public String getTerritory() { return measurement.getTerritory(); }
    public String getKpi() { return measurement.getKpi(); }
    public String getKpiName() { return measurement.getKpiName(); }
    public Perspective getPerspective() { return measurement.getPerspective(); }
    public BigDecimal getActual() { return measurement.getActual(); }
    public BigDecimal getTarget() { return measurement.getTarget(); }
    public BigDecimal getValue() { return value; }
    public BigDecimal getUnclamped() { return unclamped; }

    @Override
    public String toString() { return "Attainment[" + getTerritory() + " " + getKpi() + " " + Decimals.plain(value) + "]"; }
}
