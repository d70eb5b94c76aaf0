package io.territoryscorecard.measurement;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.territoryscorecard.account.CurrentAccount;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/data-quality[?period=2026-10][&limit=10]}: completeness and freshness of a period's measurements
 * (the latest period with measurements by default) for the caller's territories, with the least complete and the
 * stalest territories. The full list per territory is {@code /api/data-quality/export.csv}.
 */
@Tag(name = "Data quality", description = "Completeness and freshness of measurements.")
@RestController
@RequestMapping("/api/data-quality")
class DataQualityController {

    private final DataQualityReports reports;
    private final CurrentAccount current;

    DataQualityController(DataQualityReports reports, CurrentAccount current) {
        this.reports = reports;
        this.current = current;
    }

    @Operation(summary = "Completeness and freshness of a period's measurements", description = "For the territories in your scope, with the least complete and stalest territories; the latest period with measurements without `period`.")
    @ApiResponse(responseCode = "404", description = "No period has measurements.")
    @GetMapping
    View report(@RequestParam(required = false) String period, @RequestParam(defaultValue = "10") int limit) {
        Period resolved = period != null ? Period.parse(period) : reports.latestPeriod()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no period has measurements"));
        DataQualityReport report = reports.report(resolved, current.scope());
        int shown = Math.max(0, Math.min(limit, 1_000));
        return new View(report.period(), report.territories(), report.kpis(), report.expected(), report.measured(),
                report.valid(), report.missing(), report.emptyActual(), report.invalid(), report.completeness(),
                report.lastUpdated(), report.byTerritory().stream().filter(t -> !t.complete()).count(),
                report.leastComplete(shown), report.stalest(shown));
    }

    record View(String period, int territories, int kpis, long expected, long measured, long valid, long missing,
            long emptyActual, long invalid, BigDecimal completeness, LocalDateTime lastUpdated,
            long incompleteTerritories, List<DataQualityReport.TerritoryQuality> leastComplete,
            List<DataQualityReport.TerritoryQuality> stalest) {
    }
}
