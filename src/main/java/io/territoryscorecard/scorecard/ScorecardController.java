package io.territoryscorecard.scorecard;

import io.territoryscorecard.account.CurrentAccount;
import io.territoryscorecard.measurement.Period;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Scorecards of a period (without {@code period}: the latest evaluated one), limited to the caller's scope. A
 * territory outside the scope answers 404 exactly like one that does not exist.
 */
@RestController
@RequestMapping("/api/scorecards")
class ScorecardController {

    private final Scorecards scorecards;
    private final CurrentAccount current;

    ScorecardController(Scorecards scorecards, CurrentAccount current) {
        this.scorecards = scorecards;
        this.current = current;
    }

    @GetMapping
    ScorecardOverview overview(@RequestParam(required = false) String period) {
        Period resolved = resolve(period);
        return scorecards.overview(resolved, current.scope()).orElseThrow(() -> notEvaluated(resolved));
    }

    @GetMapping("/{territory}")
    Scorecard scorecard(@PathVariable String territory, @RequestParam(required = false) String period) {
        Period resolved = resolve(period);
        if (!scorecards.isEvaluated(resolved)) {
            throw notEvaluated(resolved);
        }
        return scorecards.scorecard(territory, resolved, current.scope()).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "territory " + territory + " has no scorecard for " + resolved));
    }

    private Period resolve(String period) {
        if (period != null) {
            return Period.parse(period);
        }
        return scorecards.latestPeriod().orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "no period has been evaluated yet"));
    }

    private static ResponseStatusException notEvaluated(Period period) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "period " + period + " has not been evaluated");
    }
}
