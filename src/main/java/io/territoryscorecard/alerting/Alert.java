package io.territoryscorecard.alerting;

import java.time.LocalDateTime;
import java.util.List;

/**
 * An alert about a territory in a period, as managers see it.
 *
 * @param rules the ids of the rules that asked for it
 * @param heldReason why no e-mail was sent for it, or null
 * @param deliveries the e-mails that carried it
 */
public record Alert(long id, String territory, String territoryName, String region, String period, String code,
        String severity, String message, String perspective, String kpi, List<String> rules, AlertStatus status,
        LocalDateTime raisedAt, long raisedByRun, long lastRun, String heldReason, LocalDateTime acknowledgedAt,
        String acknowledgedBy, String acknowledgementNote, LocalDateTime resolvedAt, Long resolvedByRun,
        List<Delivery> deliveries) {

    /** One e-mail that carried the alert, and how far it got. */
    public record Delivery(String recipient, String status, int attempts, LocalDateTime sentAt, String lastError) {
    }
}
