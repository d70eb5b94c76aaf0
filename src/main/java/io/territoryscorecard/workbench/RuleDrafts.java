package io.territoryscorecard.workbench;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Stores drafts and their files. Who may read or change which draft is {@link DraftService}'s decision. */
@Repository
class RuleDrafts {

    private static final String SELECT = """
            SELECT id, title, owner, base_version_id, stored_version_id, created_at, updated_at
              FROM rule_draft
            """;

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;

    RuleDrafts(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    /** A new draft holding these files. */
    @Transactional
    RuleDraft create(String title, String owner, long baseVersionId, SortedMap<String, String> files) {
        LocalDateTime now = now();
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO rule_draft (title, owner, base_version_id, created_at, updated_at)
                VALUES (:title, :owner, :base, :now, :now)""")
                .param("title", title).param("owner", owner).param("base", baseVersionId).param("now", now)
                .update(key, "id");
        long id = key.getKey().longValue();
        jdbcTemplate.batchUpdate("INSERT INTO rule_draft_file (draft_id, path, content) VALUES (?, ?, ?)",
                files.entrySet().stream().map(file -> new Object[] {id, file.getKey(), file.getValue()}).toList());
        return find(id).orElseThrow();
    }

    Optional<RuleDraft> find(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(RuleDraft.class).optional();
    }

    /** The drafts of one owner, or everybody's when owner is null; last changed first. */
    List<RuleDraft> ownedBy(String owner) {
        return jdbc.sql(SELECT + " WHERE (:owner IS NULL OR owner = :owner) ORDER BY updated_at DESC, id DESC")
                .param("owner", owner).query(RuleDraft.class).list();
    }

    /** The draft's files by path (a spreadsheet as the Base64 text of its bytes). */
    SortedMap<String, String> files(long id) {
        TreeMap<String, String> files = new TreeMap<>();
        jdbc.sql("SELECT path, content FROM rule_draft_file WHERE draft_id = :id ORDER BY path").param("id", id)
                .query(rs -> {
                    files.put(rs.getString("path"), rs.getString("content"));
                });
        return files;
    }

    /** Writes a file, new or replacing the one at its path. */
    @Transactional
    void put(long id, String path, String content) {
        int updated = jdbc.sql("UPDATE rule_draft_file SET content = :content WHERE draft_id = :id AND path = :path")
                .param("id", id).param("path", path).param("content", content).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO rule_draft_file (draft_id, path, content) VALUES (:id, :path, :content)")
                    .param("id", id).param("path", path).param("content", content).update();
        }
        touch(id);
    }

    /** Whether the file was there to rename. */
    @Transactional
    boolean rename(long id, String from, String to) {
        int renamed = jdbc.sql("UPDATE rule_draft_file SET path = :to WHERE draft_id = :id AND path = :from")
                .param("id", id).param("from", from).param("to", to).update();
        touch(id);
        return renamed == 1;
    }

    /** Whether the file was there to delete. */
    @Transactional
    boolean delete(long id, String path) {
        int deleted = jdbc.sql("DELETE FROM rule_draft_file WHERE draft_id = :id AND path = :path")
                .param("id", id).param("path", path).update();
        touch(id);
        return deleted == 1;
    }

    void storedAs(long id, long versionId) {
        jdbc.sql("UPDATE rule_draft SET stored_version_id = :version WHERE id = :id")
                .param("id", id).param("version", versionId).update();
    }

    /** After its activation a draft goes on from the version it became. */
    void rebase(long id, long versionId) {
        jdbc.sql("UPDATE rule_draft SET base_version_id = :version, updated_at = :now WHERE id = :id")
                .param("id", id).param("version", versionId).param("now", now()).update();
    }

    @Transactional
    void discard(long id) {
        jdbc.sql("DELETE FROM rule_draft_file WHERE draft_id = :id").param("id", id).update();
        jdbc.sql("DELETE FROM rule_draft WHERE id = :id").param("id", id).update();
    }

    private void touch(long id) {
        jdbc.sql("UPDATE rule_draft SET updated_at = :now WHERE id = :id").param("id", id).param("now", now())
                .update();
    }

    private static LocalDateTime now() {
        // MariaDB through Connector/J drops fractions of a second: store whole seconds everywhere.
        return LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
    }
}
