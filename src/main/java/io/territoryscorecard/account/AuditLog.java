package io.territoryscorecard.account;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The append-only record of who did what: sign-ins (and failures), evaluation runs, ruleset activations, account and
 * token changes. There is deliberately no method to change or remove an entry.
 */
@Service
public class AuditLog {

    private final JdbcClient jdbc;

    AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records an action; the caller's address is taken from the current request when there is one. */
    public void record(String actor, String action, String target, String details) {
        jdbc.sql("""
                INSERT INTO audit_event (occurred_at, actor, action, target, details, remote_address)
                VALUES (:at, :actor, :action, :target, :details, :address)
                """)
                .param("at", LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS))
                .param("actor", clip(actor, 100)).param("action", clip(action, 50)).param("target", clip(target, 300))
                .param("details", clip(details, 2000)).param("address", clip(remoteAddress(), 64))
                .update();
    }

    /**
     * A page of the entries that pass the filter (times inclusive), newest first: {@code limit} entries after skipping
     * {@code offset}.
     */
    public List<AuditEvent> find(Filter filter, long offset, int limit) {
        return jdbc.sql("""
                SELECT id, occurred_at, actor, action, target, details, remote_address
                  FROM audit_event
                 WHERE (:actor IS NULL OR actor = :actor)
                   AND (:action IS NULL OR action = :action)
                   AND (:target IS NULL OR LOWER(target) LIKE :target ESCAPE '!')
                   AND (:from IS NULL OR occurred_at >= :from)
                   AND (:to IS NULL OR occurred_at <= :to)
                 ORDER BY id DESC
                 LIMIT :limit OFFSET :offset
                """)
                .param("actor", filter.actor()).param("action", filter.action())
                .param("target", filter.target() == null ? null
                        : "%" + likeEscaped(filter.target().toLowerCase()) + "%")
                .param("from", filter.from()).param("to", filter.to())
                .param("limit", limit).param("offset", offset)
                .query(AuditEvent.class).list();
    }

    /** Every action that has been recorded at least once, in alphabetical order (for a filter's choices). */
    public List<String> actions() {
        return jdbc.sql("SELECT DISTINCT action FROM audit_event ORDER BY action").query(String.class).list();
    }

    /**
     * Which entries to show; a null (or blank) part does not filter.
     *
     * @param target a part of the target, in any case ("ruleset version 3", "period 2026-10")
     */
    public record Filter(String actor, String action, String target, LocalDateTime from, LocalDateTime to) {

        public Filter {
            actor = blankToNull(actor);
            action = blankToNull(action);
            target = blankToNull(target);
        }

        private static String blankToNull(String text) {
            return text == null || text.isBlank() ? null : text.strip();
        }
    }

    private static String likeEscaped(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static String remoteAddress() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes instanceof ServletRequestAttributes servlet ? servlet.getRequest().getRemoteAddr() : null;
    }

    private static String clip(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }
}
