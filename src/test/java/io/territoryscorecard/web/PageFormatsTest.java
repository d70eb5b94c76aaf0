package io.territoryscorecard.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PageFormatsTest {

    private final PageFormats formats = new PageFormats();

    @Test
    void writesAmountsWithThousandsSeparatorsAndTheCataloguesUnit() {
        assertThat(formats.measure(new BigDecimal("179750.49"), "EUR")).isEqualTo("179,750 EUR");
        assertThat(formats.measure(new BigDecimal("179750.50"), "EUR")).isEqualTo("179,751 EUR");
        assertThat(formats.measure(new BigDecimal("1234567"), "EUR")).isEqualTo("1,234,567 EUR");
        assertThat(formats.measure(new BigDecimal("69"), "%")).isEqualTo("69.0 %");
        assertThat(formats.measure(new BigDecimal("42"), "days")).isEqualTo("42 days");
        assertThat(formats.measure(new BigDecimal("67.25"), "days")).isEqualTo("67.3 days");
        assertThat(formats.measure(BigDecimal.ONE, "days")).isEqualTo("1 day");
        assertThat(formats.measure(new BigDecimal("8.50"), "score")).isEqualTo("8.5");
        assertThat(formats.measure(new BigDecimal("3"), "count")).isEqualTo("3");
        assertThat(formats.measure(new BigDecimal("1200.5"), "kg")).isEqualTo("1,200.5 kg");
        assertThat(formats.measure(null, "EUR")).isEmpty();
    }

    @Test
    void writesSharesScoresChangesAndWeights() {
        assertThat(formats.share(new BigDecimal("0.6897"))).isEqualTo("69.0 %");
        assertThat(formats.share(new BigDecimal("1.2"))).isEqualTo("120.0 %");
        assertThat(formats.score(new BigDecimal("80"))).isEqualTo("80.00");
        assertThat(formats.score(null)).isEmpty();
        assertThat(formats.change(new BigDecimal("1.5"))).isEqualTo("+1.50");
        assertThat(formats.change(new BigDecimal("-0.25"))).isEqualTo("-0.25");
        assertThat(formats.change(new BigDecimal("-0.001"))).isEqualTo("0.00");
        assertThat(formats.change(BigDecimal.ZERO)).isEqualTo("0.00");
        assertThat(formats.weight(new BigDecimal("40.000"))).isEqualTo("40 %");
        assertThat(formats.count(12830)).isEqualTo("12,830");
    }

    @Test
    void namesPerspectivesAndDirectionsInWords() {
        assertThat(formats.perspective("LEARNING_GROWTH")).isEqualTo("Learning & growth");
        assertThat(formats.perspective("INTERNAL_PROCESS")).isEqualTo("Internal process");
        assertThat(formats.perspective("SOMETHING_ELSE")).isEqualTo("SOMETHING_ELSE");
        assertThat(formats.direction("LOWER")).isEqualTo("lower is better");
        assertThat(formats.direction("HIGHER")).isEqualTo("higher is better");
    }
}
