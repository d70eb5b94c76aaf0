package io.territoryscorecard.ruleset;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
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

    /** Makes this version the active one; exactly one version is active afterwards. */
    @Transactional
    public RulesetVersion activate(long id) {
        jdbc.sql("UPDATE ruleset_version SET active = FALSE WHERE active = TRUE AND id <> :id").param("id", id).update();
        jdbc.sql("UPDATE ruleset_version SET active = TRUE, activated_at = :now WHERE id = :id AND active = FALSE")
                .param("id", id).param("now", now()).update();
        return find(id).orElseThrow();
    }

    private static LocalDateTime now() {
        // MariaDB through Connector/J drops fractions of a second: store whole seconds everywhere.
        return LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
    }

    private static String truncate(String text, int length) {
        return text == null || text.length() <= length ? text : "..." + text.substring(text.length() - length + 3);
    }
}
