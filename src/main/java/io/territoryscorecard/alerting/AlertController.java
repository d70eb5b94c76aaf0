package io.territoryscorecard.alerting;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.territoryscorecard.account.CurrentAccount;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /api/alerts}: the alerts of the caller's territories, one alert, and acknowledging one (managers for their
 * territories, sales ops and admins for all; viewers only read). The CSV export is {@code /api/alerts/export.csv}.
 */
@Tag(name = "Alerts", description = "Alerts raised by the rules, and their acknowledgement.")
@RestController
@RequestMapping("/api/alerts")
class AlertController {

    private final AlertService alerts;
    private final CurrentAccount current;

    AlertController(AlertService alerts, CurrentAccount current) {
        this.alerts = alerts;
        this.current = current;
    }

    @Operation(summary = "Alerts of the territories in your scope", description = "Newest period first, then most severe; each with its rules, status, acknowledgement and deliveries.")
    @GetMapping
    Listing list(@RequestParam(required = false) String period, @RequestParam(required = false) String status,
            @RequestParam(required = false) String severity, @RequestParam(required = false) String territory,
            @RequestParam(defaultValue = "200") int limit) {
        Alerts.Filter filter = Alerts.Filter.parse(period, status, severity, territory, limit);
        List<Alert> found = alerts.list(filter, current.scope());
        return new Listing(found.size(), found);
    }

    @Operation(summary = "One alert")
    @ApiResponse(responseCode = "404", description = "No such alert, or one outside your scope.")
    @GetMapping("/{id}")
    Alert show(@PathVariable long id) {
        return alerts.find(id, current.scope())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "alert " + id + " does not exist"));
    }

    @Operation(summary = "Acknowledge an alert", description = "Managers for the territories in their scope; audited as `ALERT_ACKNOWLEDGED`.")
    @ApiResponse(responseCode = "404", description = "No such alert, or one outside your scope.")
    @ApiResponse(responseCode = "409", description = "Already acknowledged, or resolved.")
    @PostMapping("/{id}/acknowledge")
    @PreAuthorize("hasAnyRole('MANAGER', 'SALES_OPS', 'ADMIN')")
    Alert acknowledge(@PathVariable long id, @RequestBody(required = false) Acknowledgement body) {
        return alerts.acknowledge(id, current.username(), current.scope(), body == null ? null : body.note());
    }

    record Listing(int count, List<Alert> alerts) {
    }

    record Acknowledgement(String note) {
    }
}
