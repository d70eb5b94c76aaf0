package io.territoryscorecard.scorecard;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.territoryscorecard.account.CurrentAccount;
import io.territoryscorecard.measurement.Period;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Scorecards of a period (without {@code period}: the latest evaluated one), limited to the caller's scope. A
 * territory outside the scope answers 404 exactly like one that does not exist. With {@code version} they come from
 * the period's results of that ruleset version (a restatement, or the current results when they used it).
 */
@Tag(name = "Scorecards", description = "Stored results read back: scores, statuses, explanations, trends.")
@RestController
@RequestMapping("/api/scorecards")
class ScorecardController {

    private final Scorecards scorecards;
    private final CurrentAccount current;

    ScorecardController(Scorecards scorecards, CurrentAccount current) {
        this.scorecards = scorecards;
        this.current = current;
    }

    @Operation(summary = "Scorecards of a period: every territory in your scope", description = "Each territory's overall score and status and its perspective scores; the latest evaluated period without `period`. With `version`: the period's results of that ruleset version.")
    @ApiResponse(responseCode = "404", description = "The period has not been evaluated (or has no results of that version).")
    @GetMapping
    ScorecardOverview overview(@RequestParam(required = false) String period,
            @RequestParam(required = false) Long version) {
        Period resolved = resolve(period);
        return scorecards.overview(resolved, version, current.scope())
                .orElseThrow(() -> noResults(resolved, version));
    }

    /** The results a period has: current first, then its restatements with their versions and run ids. */
    @Operation(summary = "The results a period has", description = "`CURRENT` first, then every `RESTATEMENT`, each with run id, version id and label.")
    @ApiResponse(responseCode = "404", description = "The period has not been evaluated.")
    @GetMapping("/versions")
    PeriodVersions versions(@RequestParam(required = false) String period) {
        Period resolved = resolve(period);
        List<PeriodResults> results = scorecards.results(resolved);
        if (results.isEmpty()) {
            throw noResults(resolved, null);
        }
        return new PeriodVersions(resolved.toString(), results);
    }

    @Operation(summary = "One territory's full scorecard", description = "`overall`, `perspectives`, `kpis` (with the rules that fired and the numbers behind each score in `explanation`) and `flags`.")
    @ApiResponse(responseCode = "404", description = "No such territory, one outside your scope, or the period has no results.")
    @GetMapping("/{territory}")
    Scorecard scorecard(@PathVariable String territory, @RequestParam(required = false) String period,
            @RequestParam(required = false) Long version) {
        Period resolved = resolve(period);
        if (!scorecards.hasResults(resolved, version)) {
            throw noResults(resolved, version);
        }
        return scorecards.scorecard(territory, resolved, version, current.scope())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "territory " + territory + " has no scorecard for " + resolved));
    }

    /**
     * How the territory's overall and perspective scores moved over {@code months} periods (1 to 60, default 12) up to
     * {@code to} (default: the latest evaluated period); the chart on the scorecard page reads the same numbers.
     */
    @Operation(summary = "How a territory moved over the evaluated periods", description = "Per period up to `to`: the overall score and status, the change from the period before, the perspective scores and flag counts.")
    @ApiResponse(responseCode = "404", description = "No such territory, or one outside your scope.")
    @GetMapping("/{territory}/trend")
    Trend trend(@PathVariable String territory, @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "12") int months) {
        if (months < 1 || months > 60) {
            throw new IllegalArgumentException("months: between 1 and 60, not " + months);
        }
        Period resolved = resolve(to);
        return scorecards.trend(territory, resolved, months, current.scope())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "territory " + territory + " does not exist"));
    }

    private Period resolve(String period) {
        if (period != null) {
            return Period.parse(period);
        }
        return scorecards.latestPeriod().orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "no period has been evaluated yet"));
    }

    private static ResponseStatusException noResults(Period period, Long version) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, version == null
                ? "period " + period + " has not been evaluated"
                : "period " + period + " has no results of ruleset version " + version);
    }

    record PeriodVersions(String period, List<PeriodResults> results) {
    }
}
