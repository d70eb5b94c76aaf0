package io.territoryscorecard.account;

import io.territoryscorecard.csv.CsvWriter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log for admins, as JSON or as a CSV export. */
@RestController
@RequestMapping("/api/audit")
@PreAuthorize("hasRole('ADMIN')")
class AuditController {

    private static final int MAX_ROWS = 100_000;

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping
    List<AuditEvent> list(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "200") int limit) {
        return audit.find(actor, action, time("from", from), time("to", to), Math.max(1, Math.min(limit, MAX_ROWS)));
    }

    @GetMapping("/export.csv")
    void export(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            HttpServletResponse response) throws IOException {
        List<AuditEvent> events = audit.find(actor, action, time("from", from), time("to", to), MAX_ROWS);
        CsvWriter csv = CsvWriter.download(response, "audit.csv");
        csv.row(Arrays.asList("id", "occurred_at", "actor", "action", "target", "details", "remote_address"));
        for (AuditEvent e : events) {
            csv.row(Arrays.asList(e.id(), e.occurredAt(), e.actor(), e.action(), e.target(), e.details(),
                    e.remoteAddress()));
        }
    }

    private static LocalDateTime time(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return text.length() == 10 ? java.time.LocalDate.parse(text).atStartOfDay() : LocalDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + ": '" + text + "' is not a date (2026-11-27) or time "
                    + "(2026-11-27T10:15:00)");
        }
    }
}
