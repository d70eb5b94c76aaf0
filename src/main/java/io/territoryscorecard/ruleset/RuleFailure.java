package io.territoryscorecard.ruleset;

/**
 * The rules of a batch failed: a rule threw, ran out of memory, recursed without end, ran past the time budget or
 * fired past the limit. The message names the rule that was running.
 */
public class RuleFailure extends IllegalStateException {

    private final String rule;

    protected RuleFailure(String rule, String message) {
        super(message);
        this.rule = rule;
    }

    /** The rule that was running, or null when no rule was. */
    public String rule() {
        return rule;
    }
}
