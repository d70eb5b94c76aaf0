package io.territoryscorecard.measurement;

import java.math.BigDecimal;

/** A stored measurement; {@code actual} is null when not measured, {@code target} may be null. */
public record MeasurementRow(long territoryId, String kpiCode, BigDecimal actual, BigDecimal target) {
}
