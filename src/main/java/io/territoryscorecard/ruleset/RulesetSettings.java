package io.territoryscorecard.ruleset;

import java.time.Duration;
import org.springframework.util.unit.DataSize;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param location folder with the rule files; when it does not exist the copy packaged in the jar is used
 * @param maxFiringsPerTerritory rule firings allowed per territory in a batch before the batch is stopped as a loop
 * @param timeBudget how long the rules may run for one batch before they are stopped as a runaway
 * @param maxFileSize the largest rule file accepted
 */
@ConfigurationProperties("scorecard.ruleset")
public record RulesetSettings(String location, int maxFiringsPerTerritory, Duration timeBudget, DataSize maxFileSize) {

    public RulesetSettings {
        if (timeBudget == null) {
            timeBudget = Duration.ofSeconds(60);
        }
        if (maxFileSize == null) {
            maxFileSize = DataSize.ofMegabytes(1);
        }
    }
}
