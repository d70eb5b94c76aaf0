package io.territoryscorecard.scorecard;

import io.territoryscorecard.account.CurrentAccount;
import io.territoryscorecard.measurement.Period;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** Scorecard pages, limited to the signed-in account's scope like the API. */
@Controller
class ScorecardPageController {

    private final Scorecards scorecards;
    private final CurrentAccount current;

    ScorecardPageController(Scorecards scorecards, CurrentAccount current) {
        this.scorecards = scorecards;
        this.current = current;
    }

    @GetMapping("/scorecards")
    String list(@RequestParam(required = false) String period, Model model) {
        Period resolved = period == null ? scorecards.latestPeriod().orElse(null) : Period.parse(period);
        model.addAttribute("period", resolved);
        model.addAttribute("overview", resolved == null ? null
                : scorecards.overview(resolved, current.scope()).orElse(null));
        return "scorecard/list";
    }

    /** @param version a ruleset version: the scorecard from the period's results under it (a restatement) */
    @GetMapping("/scorecards/{territory}")
    String detail(@PathVariable String territory, @RequestParam(required = false) String period,
            @RequestParam(required = false) Long version, Model model) {
        Period resolved = period != null ? Period.parse(period) : scorecards.latestPeriod()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no period has been evaluated"));
        Scorecard card = scorecards.scorecard(territory, resolved, version, current.scope())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "territory " + territory + " has no scorecard for " + resolved
                                + (version == null ? "" : " under ruleset version " + version)));
        model.addAttribute("card", card);
        Trend trend = scorecards.trend(territory, resolved, 12, current.scope()).orElseThrow();
        model.addAttribute("trend", trend);
        // The limits the shown run judged by: a restatement's may differ from the current results'.
        model.addAttribute("chart", TrendChart.of(trend, scorecards.scoreLimits(card.evaluationRunId())));
        return "scorecard/detail";
    }
}
