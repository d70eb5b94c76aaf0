package io.territoryscorecard.ruleset;

/** Rules fired more often than a batch allows: most likely a rule that keeps triggering itself. */
public class RuleFiringLimitExceeded extends RuntimeException {

    private final String rule;

    public RuleFiringLimitExceeded(String rule, long firings, long limit, int territories) {
        super("The rules fired " + limit + " times for " + territories + " territories and were stopped (limit "
                + limit + "); rule \"" + rule + "\" fired most (" + firings
                + " times): check it for a loop, such as a rule that re-inserts or modifies what it matches");
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
