package io.territoryscorecard.ruleset;

/** Rules fired more often than a batch allows: most likely a rule that keeps triggering itself. */
public class RuleFiringLimitExceeded extends RuleFailure {

    public RuleFiringLimitExceeded(String rule, long firings, long limit, int territories) {
        super(rule, "The rules fired " + limit + " times for " + territories + " territories and were stopped (limit "
                + limit + "); rule \"" + rule + "\" fired most (" + firings
                + " times): check it for a loop, such as a rule that re-inserts or modifies what it matches");
    }

    /** The same as told by a rule worker, in its words. */
    RuleFiringLimitExceeded(String rule, String message) {
        super(rule, message);
    }
}
