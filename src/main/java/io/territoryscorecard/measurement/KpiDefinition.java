package io.territoryscorecard.measurement;

import io.territoryscorecard.input.UserInput;
import java.util.List;

/**
 * A KPI of the catalogue. {@code perspective} is one of FINANCIAL, CUSTOMER, INTERNAL_PROCESS, LEARNING_GROWTH;
 * {@code direction} is HIGHER or LOWER (which way is better).
 */
public record KpiDefinition(String code, String name, String perspective, String unit, String direction,
        int displayOrder) {

    /**
     * What a message says about a code that is not in the catalogue: "unknown KPI 'X'; the catalogue has A, B" (the
     * codes in the order given, or how many there are when they are more than 30).
     */
    public static String unknown(String code, List<String> catalogue) {
        return "unknown KPI '" + UserInput.shortened(code, 60) + "'; the catalogue has "
                + (catalogue.size() <= 30 ? String.join(", ", catalogue) : catalogue.size() + " KPIs");
    }
}
