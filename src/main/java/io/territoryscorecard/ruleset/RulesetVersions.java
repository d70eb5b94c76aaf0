package io.territoryscorecard.ruleset;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Stores ruleset versions with their files, and which one is active. */
@Repository
public class RulesetVersions {

    private static final String SELECT = """
            SELECT id, label, sha256, source, created_by, note, created_at, active, activated_at
              FROM ruleset_version
            """;

    /**
     * How a server start that activated its rules folder is named ("start-up of app01"; plain "start-up" before
     * the host was named). Usernames have no spaces, so no account can be taken for a start-up.
     */
    public static final String STARTUP = "start-up";

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;

    RulesetVersions(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    public Optional<RulesetVersion> find(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(RulesetVersion.class).optional();
    }

    public Optional<RulesetVersion> findBySha256(String sha256) {
        return jdbc.sql(SELECT + " WHERE sha256 = :sha").param("sha", sha256).query(RulesetVersion.class).optional();
    }

    public Optional<RulesetVersion> active() {
        return jdbc.sql(SELECT + " WHERE active = TRUE").query(RulesetVersion.class).optional();
    }

    public List<RulesetVersion> all() {
        return jdbc.sql(SELECT + " ORDER BY id DESC").query(RulesetVersion.class).list();
    }

    /** The version with this content: the existing row when the same files were recorded before, else a new one. */
    @Transactional
    public RulesetVersion record(RulesetSource source, String createdBy, String note) {
        String sha = source.sha256();
        Optional<RulesetVersion> existing = findBySha256(sha);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            jdbc.sql("""
                    INSERT INTO ruleset_version (label, sha256, source, created_by, note, created_at, active)
                    VALUES (:label, :sha, :source, :createdBy, :note, :now, FALSE)
                    """)
                    .param("label", source.label()).param("sha", sha).param("source", truncate(source.origin(), 500))
                    .param("createdBy", createdBy).param("note", note).param("now", now()).update();
        } catch (DuplicateKeyException raced) {
            return findBySha256(sha).orElseThrow();
        }
        RulesetVersion version = findBySha256(sha).orElseThrow();
        jdbcTemplate.batchUpdate("INSERT INTO ruleset_file (ruleset_version_id, path, content) VALUES (?, ?, ?)",
                source.files().entrySet().stream()
                        .map(file -> new Object[] {version.id(), file.getKey(), file.getValue()}).toList());
        return version;
    }

    /**
     * Makes this version the active one and records the activation; exactly one version is active afterwards.
     * Concurrent activations are serialised by the row locks of the first update.
     */
    @Transactional
    public RulesetVersion activate(long id, String by, String note) {
        LocalDateTime now = now();
        jdbc.sql("UPDATE ruleset_version SET active = FALSE WHERE active = TRUE AND id <> :id").param("id", id).update();
        jdbc.sql("UPDATE ruleset_version SET active = TRUE, activated_at = :now WHERE id = :id")
                .param("id", id).param("now", now).update();
        jdbc.sql("INSERT INTO ruleset_activation (ruleset_version_id, activated_at, activated_by, note) "
                + "VALUES (:id, :now, :by, :note)")
                .param("id", id).param("now", now).param("by", by).param("note", truncate(note, 2000)).update();
        return find(id).orElseThrow();
    }

    /** The rule files of a stored version, as they were recorded. */
    public RulesetSource source(long id) {
        RulesetVersion version = find(id).orElseThrow(() -> new RulesetVersionNotFoundException(id));
        TreeMap<String, String> files = new TreeMap<>();
        jdbc.sql("SELECT path, content FROM ruleset_file WHERE ruleset_version_id = :id ORDER BY path")
                .param("id", id).query(rs -> {
                    files.put(rs.getString("path"), rs.getString("content"));
                });
        return new RulesetSource(version.label(), files, "ruleset version " + id);
    }

    /** Activations, newest first. */
    public List<Activation> activations(int limit) {
        return jdbc.sql("SELECT id, ruleset_version_id, activated_at, activated_by, note FROM ruleset_activation "
                + "ORDER BY id DESC LIMIT :limit").param("limit", limit).query(Activation.class).list();
    }

    /** The version the latest server start activated from its rules folder, if any start did. */
    public Optional<Long> lastStartupVersion() {
        return jdbc.sql("SELECT ruleset_version_id FROM ruleset_activation WHERE activated_by = :by "
                + "OR activated_by LIKE :host ORDER BY id DESC LIMIT 1")
                .param("by", STARTUP).param("host", STARTUP + " of %").query(Long.class).optional();
    }

    /** One entry of the activation history. */
    public record Activation(long id, long rulesetVersionId, LocalDateTime activatedAt, String activatedBy,
            String note) {
    }

    /** No ruleset version with this id. */
    public static class RulesetVersionNotFoundException extends RuntimeException {

        RulesetVersionNotFoundException(long id) {
            super("ruleset version " + id + " does not exist");
        }
    }

    private static LocalDateTime now() {
        // MariaDB through Connector/J drops fractions of a second: store whole seconds everywhere.
        return LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
    }

    private static String truncate(String text, int length) {
        return text == null || text.length() <= length ? text : "..." + text.substring(text.length() - length + 3);
    }
}
