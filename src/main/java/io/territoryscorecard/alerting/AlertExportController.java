package io.territoryscorecard.alerting;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.territoryscorecard.account.CurrentAccount;
import io.territoryscorecard.csv.CsvWriter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The alerts of the caller's territories as CSV, with the filters of {@code /api/alerts}. Names, messages and notes
 * come from imported files, rules and people, so they go through {@link CsvWriter}, which keeps a spreadsheet from
 * running them as formulas.
 */
@Tag(name = "Alerts")
@RestController
class AlertExportController {

    private final AlertService alerts;
    private final CurrentAccount current;

    AlertExportController(AlertService alerts, CurrentAccount current) {
        this.alerts = alerts;
        this.current = current;
    }

    // Also beside the page: a signed-in browser's session counts on pages, not under /api, which wants a token.
    @Operation(summary = "Alerts as CSV", description = "The filters of `GET /api/alerts`; cells a spreadsheet would run as formulas are escaped.")
    @GetMapping({"/api/alerts/export.csv", "/alerts/export.csv"})
    void export(@RequestParam(required = false) String period, @RequestParam(required = false) String status,
            @RequestParam(required = false) String severity, @RequestParam(required = false) String territory,
            @RequestParam(defaultValue = "1000") int limit, HttpServletResponse response) throws IOException {
        Alerts.Filter filter = Alerts.Filter.parse(period, status, severity, territory, limit);
        CsvWriter csv = CsvWriter.download(response,
                "alerts" + (filter.period() == null ? "" : "-" + filter.period()) + ".csv");
        csv.row(Arrays.asList("id", "period", "territory_code", "territory_name", "region_code", "code", "severity",
                "message", "perspective", "kpi_code", "rules", "status", "raised_at", "held_reason", "acknowledged_at",
                "acknowledged_by", "acknowledgement_note", "resolved_at"));
        for (Alert a : alerts.list(filter, current.scope())) {
            csv.row(Arrays.asList(a.id(), a.period(), a.territory(), a.territoryName(), a.region(), a.code(),
                    a.severity(), a.message(), a.perspective(), a.kpi(), String.join(" ", a.rules()), a.status(),
                    a.raisedAt(), a.heldReason(), a.acknowledgedAt(), a.acknowledgedBy(), a.acknowledgementNote(),
                    a.resolvedAt()));
        }
    }
}
