package io.territoryscorecard.ruleset;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param location folder with the rule files; when it does not exist the copy packaged in the jar is used
 * @param maxFiringsPerTerritory rule firings allowed per territory in a batch before the batch is stopped as a loop
 */
@ConfigurationProperties("scorecard.ruleset")
public record RulesetSettings(String location, int maxFiringsPerTerritory) {
}
