package io.territoryscorecard.account;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class Accounts {

    private static final String SELECT = """
            SELECT id, username, display_name, password_hash, role, person_id, scope_region_id, enabled, created_at
              FROM account
            """;

    private final JdbcClient jdbc;

    Accounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Account> byUsername(String username) {
        return jdbc.sql(SELECT + " WHERE username = :username").param("username", username)
                .query(Account.class).optional();
    }

    Optional<Account> byId(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(Account.class).optional();
    }

    List<Account> all() {
        return jdbc.sql(SELECT + " ORDER BY username").query(Account.class).list();
    }

    boolean anyWithRole(Role role) {
        return jdbc.sql("SELECT COUNT(*) FROM account WHERE role = :role AND enabled = TRUE")
                .param("role", role.name()).query(Integer.class).single() > 0;
    }

    long create(String username, String displayName, String passwordHash, Role role, Long personId,
            Long scopeRegionId) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO account (username, display_name, password_hash, role, person_id, scope_region_id,
                                     enabled, created_at)
                VALUES (:username, :displayName, :hash, :role, :person, :region, TRUE, :now)
                """)
                .param("username", username).param("displayName", displayName).param("hash", passwordHash)
                .param("role", role.name()).param("person", personId).param("region", scopeRegionId)
                .param("now", LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void update(long id, String displayName, Role role, Long personId, Long scopeRegionId, boolean enabled) {
        jdbc.sql("""
                UPDATE account SET display_name = :displayName, role = :role, person_id = :person,
                       scope_region_id = :region, enabled = :enabled
                 WHERE id = :id
                """)
                .param("id", id).param("displayName", displayName).param("role", role.name())
                .param("person", personId).param("region", scopeRegionId).param("enabled", enabled).update();
    }

    void changePassword(long id, String passwordHash) {
        jdbc.sql("UPDATE account SET password_hash = :hash WHERE id = :id").param("id", id).param("hash", passwordHash)
                .update();
    }

    Optional<Long> personIdByEmail(String email) {
        return jdbc.sql("SELECT id FROM person WHERE email = :email").param("email", email).query(Long.class)
                .optional();
    }

    Optional<Long> regionIdByCode(String code) {
        return jdbc.sql("SELECT id FROM region WHERE code = :code").param("code", code).query(Long.class).optional();
    }
}
