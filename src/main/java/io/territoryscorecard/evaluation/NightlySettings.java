package io.territoryscorecard.evaluation;

import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param schedule when the nightly evaluation of the previous month runs (Spring cron, server time zone); "-" turns
 *     it off
 * @param minimumCompleteness the share of valid measurements (territories x catalogue KPIs) below which the nightly
 *     evaluation does not run, from 0 to 1
 */
@ConfigurationProperties("scorecard.evaluation")
record NightlySettings(String schedule, BigDecimal minimumCompleteness) {

    NightlySettings {
        if (minimumCompleteness == null || minimumCompleteness.signum() < 0
                || minimumCompleteness.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("scorecard.evaluation.minimum-completeness must be between 0 and 1, "
                    + "such as 0.90; it is " + minimumCompleteness);
        }
    }
}
