package io.territoryscorecard.account;

import java.time.LocalDateTime;

/** One line of the audit log. */
public record AuditEvent(long id, LocalDateTime occurredAt, String actor, String action, String target,
        String details, String remoteAddress) {
}
