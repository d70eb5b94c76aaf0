package io.territoryscorecard.measurement;

/**
 * A KPI of the catalogue. {@code perspective} is one of FINANCIAL, CUSTOMER, INTERNAL_PROCESS, LEARNING_GROWTH;
 * {@code direction} is HIGHER or LOWER (which way is better).
 */
public record KpiDefinition(String code, String name, String perspective, String unit, String direction,
        int displayOrder) {
}
