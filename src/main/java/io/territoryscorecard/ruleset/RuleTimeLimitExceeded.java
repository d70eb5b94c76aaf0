package io.territoryscorecard.ruleset;

import java.time.Duration;

/** Rules ran longer than a batch allows: most likely a rule with a loop that never ends. */
public class RuleTimeLimitExceeded extends RuleFailure {

    public RuleTimeLimitExceeded(String rule, Duration budget, int territories) {
        super(rule, "The rules ran longer than the time budget of " + budget.toSeconds() + " s"
                + (territories > 0 ? " for " + territories + " territories" : "") + " and were stopped while rule \""
                + rule + "\" was running: check it for a loop that never ends");
    }

    /** The same as told by a rule worker, in its words. */
    RuleTimeLimitExceeded(String rule, String message) {
        super(rule, message);
    }
}
