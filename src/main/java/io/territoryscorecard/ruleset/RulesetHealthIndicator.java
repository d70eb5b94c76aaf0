package io.territoryscorecard.ruleset;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** UP when a ruleset is loaded, with its version; the database has its own indicator. */
@Component("ruleset")
class RulesetHealthIndicator implements HealthIndicator {

    private final ActiveRuleset active;

    RulesetHealthIndicator(ActiveRuleset active) {
        this.active = active;
    }

    @Override
    public Health health() {
        return active.current()
                .map(loaded -> Health.up()
                        .withDetail("version", loaded.version().id())
                        .withDetail("label", loaded.version().label())
                        .withDetail("sha256", loaded.version().sha256())
                        .withDetail("rules", loaded.rules().ruleNames().size())
                        .build())
                .orElseGet(() -> Health.down().withDetail("reason", "no ruleset loaded").build());
    }
}
