package io.territoryscorecard.account;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.territoryscorecard.csv.CsvWriter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit log for admins, as JSON or as a CSV export. The export also answers at {@code /audit/export.csv}, beside
 * the audit page, for a browser signed in with the form (the API takes credentials with each request, not a session).
 */
@Tag(name = "Audit", description = "The append-only audit log.")
@RestController
@PreAuthorize("hasRole('ADMIN')")
class AuditController {

    private static final int MAX_ROWS = 100_000;

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    /** @param target a part of the target, in any case: {@code ruleset version 3}, {@code period 2026-10} */
    @Operation(summary = "The audit log, newest first", description = "Sign-ins and failures, runs, ruleset activations, account and token changes; `target` matches a part of the target in any case; `from`/`to` as 2026-11-27 or 2026-11-27T10:15:00.")
    @GetMapping("/api/audit")
    List<AuditEvent> list(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
            @RequestParam(required = false) String target, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(defaultValue = "200") int limit,
            @RequestParam(defaultValue = "0") long offset) {
        return audit.find(new AuditLog.Filter(actor, action, target, time("from", from), time("to", to)),
                Math.max(0, offset), Math.max(1, Math.min(limit, MAX_ROWS)));
    }

    @Operation(summary = "The audit log as CSV", description = "The same filters as `GET /api/audit`.")
    @GetMapping({"/api/audit/export.csv", "/audit/export.csv"})
    void export(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
            @RequestParam(required = false) String target, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, HttpServletResponse response) throws IOException {
        List<AuditEvent> events = audit.find(new AuditLog.Filter(actor, action, target, time("from", from),
                time("to", to)), 0, MAX_ROWS);
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
