package io.territoryscorecard.scorecard;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ScoreLimitsTest {

    @Test
    void readsTheLimitsFromTheBandsStoredExplanationsName() {
        assertThat(ScoreLimits.NONE.with("AMBER", "60 <= score < 80"))
                .isEqualTo(new ScoreLimits(new BigDecimal("80"), new BigDecimal("60")));
        assertThat(ScoreLimits.NONE.with("GREEN", "85.5 <= score").with("RED", "score < 55"))
                .isEqualTo(new ScoreLimits(new BigDecimal("85.5"), new BigDecimal("55")));
        assertThat(ScoreLimits.NONE.with("GREEN", "80 <= score"))
                .isEqualTo(new ScoreLimits(new BigDecimal("80"), null));
    }

    @Test
    void ignoresBandsOfOtherValuesAndMissingOnes() {
        assertThat(ScoreLimits.NONE.with("AMBER", "0.90 <= attainment < 1.00")).isEqualTo(ScoreLimits.NONE);
        assertThat(ScoreLimits.NONE.with(null, null)).isEqualTo(ScoreLimits.NONE);
        assertThat(ScoreLimits.NONE.isEmpty()).isTrue();
    }
}
