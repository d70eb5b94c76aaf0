package io.territoryscorecard.account;

/**
 * The territories an account may see: everything, or those the linked person manages (directly, or all of a region
 * they manage) plus every territory of the granted region. Queries apply it as a SQL condition, see
 * {@link #SQL_CONDITION}.
 */
public record AccessScope(boolean everything, long personId, long regionId) {

    /** No person or region: matches no id, as ids start at 1. */
    private static final long NONE = -1;

    /**
     * The scope as a condition on territory alias {@code t} and region alias {@code r}, with the named parameters
     * {@code scopeAll}, {@code scopePerson} and {@code scopeRegion} (bind them with {@link #bind}).
     */
    public static final String SQL_CONDITION = "(:scopeAll = TRUE OR t.manager_id = :scopePerson"
            + " OR r.manager_id = :scopePerson OR r.id = :scopeRegion)";

    public static AccessScope all() {
        return new AccessScope(true, NONE, NONE);
    }

    public static AccessScope of(Long personId, Long regionId) {
        return new AccessScope(false, personId == null ? NONE : personId, regionId == null ? NONE : regionId);
    }

    /** Binds the parameters of {@link #SQL_CONDITION}. */
    public org.springframework.jdbc.core.simple.JdbcClient.StatementSpec bind(
            org.springframework.jdbc.core.simple.JdbcClient.StatementSpec statement) {
        return statement.param("scopeAll", everything).param("scopePerson", personId).param("scopeRegion", regionId);
    }
}
