package io.territoryscorecard.account;

/** What an account may do. Managers and viewers see only their scope; the others see every territory. */
public enum Role {
    /** Accounts, settings and the audit log. */
    ADMIN,
    /** Rules, imports and evaluation runs. */
    SALES_OPS,
    /** Scorecards and alerts of the territories they manage (for a region manager, the whole region). */
    MANAGER,
    /** Read-only scorecards of their scope. */
    VIEWER;

    /** Whether the role sees every territory rather than a scope. */
    public boolean seesEverything() {
        return this == ADMIN || this == SALES_OPS;
    }
}
