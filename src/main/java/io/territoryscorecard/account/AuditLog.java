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

    /** Entries newest first, optionally only those of one actor or action, between two times (inclusive). */
    public List<AuditEvent> find(String actor, String action, LocalDateTime from, LocalDateTime to, int limit) {
        return jdbc.sql("""
                SELECT id, occurred_at, actor, action, target, details, remote_address
                  FROM audit_event
                 WHERE (:actor IS NULL OR actor = :actor)
                   AND (:action IS NULL OR action = :action)
                   AND (:from IS NULL OR occurred_at >= :from)
                   AND (:to IS NULL OR occurred_at <= :to)
                 ORDER BY id DESC
                 LIMIT :limit
                """)
                .param("actor", actor).param("action", action).param("from", from).param("to", to)
                .param("limit", limit)
                .query(AuditEvent.class).list();
    }

    private static String remoteAddress() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes instanceof ServletRequestAttributes servlet ? servlet.getRequest().getRemoteAddr() : null;
    }

    private static String clip(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }
}
