package io.territoryscorecard.measurement;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.territoryscorecard.account.CurrentAccount;
import io.territoryscorecard.csv.CsvWriter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The data-quality report of a period per territory as CSV, for the caller's territories. Names come from imported
 * files, so they go through {@link CsvWriter}, which keeps a spreadsheet from running them as formulas.
 */
@Tag(name = "Data quality")
@RestController
class DataQualityExportController {

    private final DataQualityReports reports;
    private final CurrentAccount current;

    DataQualityExportController(DataQualityReports reports, CurrentAccount current) {
        this.reports = reports;
        this.current = current;
    }

    /** Without {@code period}: the latest period with measurements, as {@code /api/data-quality}. */
    @Operation(summary = "Data quality per territory as CSV")
    @ApiResponse(responseCode = "404", description = "No period has measurements.")
    @GetMapping("/api/data-quality/export.csv")
    void export(@RequestParam(required = false) String period, HttpServletResponse response) throws IOException {
        Period resolved = period != null ? Period.parse(period) : reports.latestPeriod()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no period has measurements"));
        DataQualityReport report = reports.report(resolved, current.scope());
        CsvWriter csv = CsvWriter.download(response, "data-quality-" + report.period() + ".csv");
        csv.row(Arrays.asList("territory_code", "territory_name", "region_code", "expected", "measured", "valid",
                "missing", "empty_actual", "invalid", "completeness", "last_updated"));
        for (DataQualityReport.TerritoryQuality t : report.byTerritory()) {
            csv.row(Arrays.asList(t.territory(), t.name(), t.region(), t.expected(), t.measured(), t.valid(),
                    t.missing(), t.emptyActual(), t.invalid(), t.completeness(), t.lastUpdated()));
        }
    }
}
