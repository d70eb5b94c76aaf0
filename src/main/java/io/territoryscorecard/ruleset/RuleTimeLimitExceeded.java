package io.territoryscorecard.ruleset;

import java.time.Duration;

/** Rules ran longer than a batch allows: most likely a rule with a loop that never ends. */
public class RuleTimeLimitExceeded extends RuntimeException {

    private final String rule;

    public RuleTimeLimitExceeded(String rule, Duration budget, int territories) {
        super("The rules ran longer than the time budget of " + budget.toSeconds() + " s for " + territories
                + " territories and were stopped while rule \"" + rule + "\" was running: check it for a loop that "
                + "never ends");
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
