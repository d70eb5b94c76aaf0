package io.territoryscorecard.ruleset.fact;

/** The four perspectives of the Balanced Scorecard. */
public enum Perspective {
    FINANCIAL("Financial"),
    CUSTOMER("Customer"),
    INTERNAL_PROCESS("Internal process"),
    LEARNING_GROWTH("Learning & growth");

    private final String label;

    Perspective(String label) {
        this.label = label;
    }

    /** The name people read: "Internal process". */
    public String getLabel() {
        return label;
    }
}
