package io.territoryscorecard.ruleset.fact;

import java.io.Serializable;
import java.math.BigDecimal;

/** A measurement that the data-quality rules accepted: it can be scored. */
public final class ValidMeasurement implements Serializable {

    private final Measurement measurement;

    public ValidMeasurement(Measurement measurement) {
        this.measurement = measurement;
    }

    public Measurement getMeasurement() { return measurement; }
    public String getTerritory() { return measurement.getTerritory(); }
    public String getKpi() { return measurement.getKpi(); }
    public String getKpiName() { return measurement.getKpiName(); }
    public Perspective getPerspective() { return measurement.getPerspective(); }
    public Direction getDirection() { return measurement.getDirection(); }
    public BigDecimal getActual() { return measurement.getActual(); }
    public BigDecimal getTarget() { return measurement.getTarget(); }

    @Override
    public String toString() { return "Valid" + measurement; }
}
