package io.territoryscorecard;

/** The accounts the demo Liquibase context seeds (db/changes/0008-demo-accounts.yaml), with their public passwords. */
public enum DemoAccount {

    ADMIN("admin", "demo-admin"),
    SALES_OPS("salesops", "demo-salesops"),
    /** Region manager of NORTH: NORTH-01..NORTH-10. */
    NORTH_MANAGER("north.manager", "demo-manager"),
    /** Manager of NORTH-01 and NORTH-02 only. */
    HAMBURG_MANAGER("hamburg.manager", "demo-manager"),
    /** Viewer granted region SOUTH. */
    SOUTH_VIEWER("south.viewer", "demo-viewer");

    private final String username;
    private final String password;

    DemoAccount(String username, String password) {
        this.username = username;
        this.password = password;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    @Override
    public String toString() {
        return username;
    }
}
