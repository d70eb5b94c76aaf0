package io.territoryscorecard.ruleset.web;

import io.territoryscorecard.ruleset.ActiveRuleset;
import io.territoryscorecard.ruleset.RuleProblem;
import io.territoryscorecard.ruleset.commands.RulesFolderAtStartup;
import io.territoryscorecard.ruleset.engine.RuleWorkers;

import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * UP when a ruleset is loaded, with its version and the process ids of the rule workers that run it; the database
 * has its own indicator. A rules folder that this start did not activate for its errors is shown beside it: the
 * service still evaluates with the active version.
 */
@Component("ruleset")
class RulesetHealthIndicator implements HealthIndicator {

    private final ActiveRuleset active;
    private final RulesFolderAtStartup folder;

    RulesetHealthIndicator(ActiveRuleset active, RulesFolderAtStartup folder) {
        this.active = active;
        this.folder = folder;
    }

    @Override
    public Health health() {
        Health.Builder health = active.current()
                .map(loaded -> Health.up()
                        .withDetail("version", loaded.version().id())
                        .withDetail("label", loaded.version().label())
                        .withDetail("sha256", loaded.version().sha256())
                        .withDetail("rules", loaded.rules().ruleNames().size()))
                .orElseGet(() -> Health.down().withDetail("reason", "no ruleset loaded"));
        // Started when first needed and replaced after a runaway rule: none (yet) is not a fault.
        health.withDetail("ruleWorkers", RuleWorkers.processes().stream().map(ProcessHandle::pid).toList());
        folder.rejected().ifPresent(rejected -> health.withDetail("rejectedFolder", Map.of(
                "origin", rejected.origin(),
                "sha256", rejected.sha256(),
                "errors", rejected.errors().stream().map(RuleProblem::toString).toList())));
        return health.build();
    }
}
