package io.territoryscorecard.alerting;

import io.territoryscorecard.account.AccessScope;
import io.territoryscorecard.account.AuditLog;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/** Listing and acknowledging alerts within the caller's scope; every acknowledgement goes into the audit log. */
@Service
public class AlertService {

    /** The longest note a person may write when acknowledging. */
    public static final int NOTE_LENGTH = 1000;

    private final Alerts alerts;
    private final AuditLog audit;

    AlertService(Alerts alerts, AuditLog audit) {
        this.alerts = alerts;
        this.audit = audit;
    }

    public List<Alert> list(Alerts.Filter filter, AccessScope scope) {
        return alerts.list(filter, scope);
    }

    public Optional<Alert> find(long id, AccessScope scope) {
        return alerts.find(id, scope);
    }

    /**
     * Acknowledges an open alert of the scope: 404 when it is not in the scope (as if it did not exist), 409 when
     * someone acknowledged it first or an evaluation resolved it, 400 for a note that is too long.
     */
    public Alert acknowledge(long id, String username, AccessScope scope, String note) {
        String trimmed = note == null || note.isBlank() ? null : note.strip();
        if (trimmed != null && trimmed.length() > NOTE_LENGTH) {
            throw new IllegalArgumentException("note: at most " + NOTE_LENGTH + " characters, not " + trimmed.length());
        }
        Alert alert = alerts.find(id, scope).orElseThrow(() -> notFound(id));
        if (alert.status() == AlertStatus.OPEN
                && alerts.acknowledge(id, username, trimmed, LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS))) {
            audit.record(username, "ALERT_ACKNOWLEDGED", "alert " + id + ": " + alert.territory() + " "
                    + alert.period() + " " + alert.code(), trimmed == null ? "no note" : "note: " + trimmed);
            return alerts.find(id, scope).orElseThrow();
        }
        Alert now = alerts.find(id, scope).orElseThrow(() -> notFound(id));
        throw new ResponseStatusException(HttpStatus.CONFLICT, switch (now.status()) {
            case ACKNOWLEDGED -> "alert " + id + " was already acknowledged by " + now.acknowledgedBy() + " at "
                    + now.acknowledgedAt();
            case RESOLVED -> "alert " + id + " was resolved by evaluation run " + now.resolvedByRun() + " at "
                    + now.resolvedAt() + ": the rules no longer ask for it";
            case OPEN -> "alert " + id + " changed while it was being acknowledged; try again";
        });
    }

    private static ResponseStatusException notFound(long id) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "alert " + id + " does not exist");
    }
}
