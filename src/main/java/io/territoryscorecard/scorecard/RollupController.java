package io.territoryscorecard.scorecard;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.territoryscorecard.account.CurrentAccount;
import io.territoryscorecard.measurement.Period;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The region and company roll-ups of a period (without {@code period}: the latest evaluated one), as the run that
 * produced its results stored them; with {@code version}, those of the period's results under that ruleset version.
 */
@RestController
@RequestMapping("/api/rollups")
@Tag(name = "Scorecards", description = "Stored results read back: scores, statuses, explanations, trends.")
class RollupController {

    private final Rollups rollups;
    private final Scorecards scorecards;
    private final CurrentAccount current;

    RollupController(Rollups rollups, Scorecards scorecards, CurrentAccount current) {
        this.rollups = rollups;
        this.scorecards = scorecards;
        this.current = current;
    }

    @Operation(summary = "Region and company roll-ups of a period", description = "The mean of the territories' "
            + "stored overall and perspective scores (the method is a setting in the rules), statuses by the run's "
            + "score limits, GREEN/AMBER/RED/unscored counts and the worst territory. Managers and viewers get the "
            + "regions wholly inside their scope, and the company figure.")
    @ApiResponse(responseCode = "404", description = "The period has not been evaluated, or its results were stored "
            + "before roll-ups existed.")
    @GetMapping
    RollupReport rollups(@RequestParam(required = false) String period,
            @RequestParam(required = false) Long version) {
        Period resolved = period == null ? scorecards.latestPeriod().orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "no period has been evaluated yet")) : Period.parse(period);
        return rollups.rollups(resolved, version, current.scope()).orElseThrow(() -> {
            if (!scorecards.hasResults(resolved, version)) {
                return new ResponseStatusException(HttpStatus.NOT_FOUND, version == null
                        ? "period " + resolved + " has not been evaluated"
                        : "period " + resolved + " has no results of ruleset version " + version);
            }
            return new ResponseStatusException(HttpStatus.NOT_FOUND, "the results of " + resolved
                    + " were stored before roll-ups existed: evaluate the period again to get them");
        });
    }
}
