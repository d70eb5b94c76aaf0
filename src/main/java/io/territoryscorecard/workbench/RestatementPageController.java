package io.territoryscorecard.workbench;

import io.territoryscorecard.account.CurrentAccount;
import io.territoryscorecard.evaluation.EvaluationAlreadyRunningException;
import io.territoryscorecard.evaluation.EvaluationRun;
import io.territoryscorecard.evaluation.EvaluationRun.Purpose;
import io.territoryscorecard.evaluation.EvaluationRun.Status;
import io.territoryscorecard.evaluation.EvaluationService;
import io.territoryscorecard.measurement.Period;
import io.territoryscorecard.ruleset.RulesetCompilationException;
import io.territoryscorecard.ruleset.RulesetService;
import io.territoryscorecard.ruleset.RulesetVersion;
import io.territoryscorecard.ruleset.RulesetVersions.RulesetVersionNotFoundException;
import io.territoryscorecard.scorecard.ScorecardOverview;
import io.territoryscorecard.scorecard.Scorecards;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Restatements from the browser: sales ops re-evaluate a period with a stored version (in the background, beside the
 * period's current results, which stay), watch it run, and compare its results with the current ones.
 */
@Controller
@PreAuthorize("hasAnyRole('SALES_OPS', 'ADMIN')")
class RestatementPageController {

    /** How many recent runs are searched for restatements. */
    private static final int RECENT_RUNS = 200;

    private final EvaluationService evaluations;
    private final RulesetService rulesets;
    private final Scorecards scorecards;
    private final CurrentAccount current;

    RestatementPageController(EvaluationService evaluations, RulesetService rulesets, Scorecards scorecards,
            CurrentAccount current) {
        this.evaluations = evaluations;
        this.rulesets = rulesets;
        this.scorecards = scorecards;
        this.current = current;
    }

    /** The form that starts a restatement and the restatements run so far, newest first. */
    @GetMapping("/rules/restatements")
    String list(@RequestParam(required = false) Long version, Model model) {
        List<RulesetVersion> versions = rulesets.versions();
        List<EvaluationRun> runs = restatements();
        model.addAttribute("versions", versions);
        model.addAttribute("labels", versions.stream()
                .collect(Collectors.toMap(RulesetVersion::id, RulesetVersion::label)));
        model.addAttribute("runs", runs);
        model.addAttribute("running", runs.stream().anyMatch(run -> run.status() == Status.RUNNING));
        model.addAttribute("chosenVersion", version != null ? version
                : versions.stream().filter(v -> !v.active()).map(RulesetVersion::id).findFirst().orElse(null));
        model.addAttribute("latestPeriod", scorecards.latestPeriod().map(Period::toString).orElse(""));
        return "workbench/restatements";
    }

    @PostMapping("/rules/restatements")
    @PreAuthorize("hasRole('SALES_OPS')")
    String start(@RequestParam(defaultValue = "") String period, @RequestParam(required = false) Long version,
            RedirectAttributes next) {
        try {
            if (version == null) {
                throw new IllegalArgumentException("choose the ruleset version to restate the period with");
            }
            EvaluationRun run = evaluations.startRestatement(Period.parse(period), version, current.username());
            next.addFlashAttribute("notice", "Restatement " + run.id() + " of " + run.period() + " with version "
                    + version + " started.");
            return "redirect:" + comparePath(run.period(), version);
        } catch (IllegalArgumentException | EvaluationAlreadyRunningException | RulesetCompilationException
                | RulesetVersionNotFoundException e) {
            next.addFlashAttribute("error", "Nothing was started: " + e.getMessage() + ".");
            return "redirect:/rules/restatements";
        }
    }

    /**
     * The period's current results beside its restatement with the version, territories whose status differs first;
     * while the restatement runs, its progress (the page reloads itself).
     */
    @GetMapping("/rules/restatements/compare")
    String compare(@RequestParam String period, @RequestParam long version, Model model) {
        Period resolved = Period.parse(period);
        RulesetVersion rulesetVersion = rulesets.version(version);
        Optional<EvaluationRun> latest = restatements().stream()
                .filter(run -> run.period().equals(resolved.toString()) && run.rulesetVersionId() == version)
                .findFirst();
        model.addAttribute("period", resolved.toString());
        model.addAttribute("version", rulesetVersion);
        model.addAttribute("run", latest.orElse(null));
        model.addAttribute("running", latest.filter(run -> run.status() == Status.RUNNING).isPresent());
        Optional<ScorecardOverview> now = scorecards.overview(resolved, null, current.scope());
        Optional<ScorecardOverview> restated = scorecards.overview(resolved, version, current.scope());
        model.addAttribute("evaluated", now.isPresent());
        if (now.isPresent() && restated.isPresent()) {
            model.addAttribute("comparison", RestatementComparison.of(now.get(), restated.get()));
        }
        return "workbench/restatement";
    }

    private List<EvaluationRun> restatements() {
        return evaluations.recent(RECENT_RUNS).stream().filter(run -> run.purpose() == Purpose.RESTATEMENT).toList();
    }

    static String comparePath(String period, long version) {
        return UriComponentsBuilder.fromPath("/rules/restatements/compare").queryParam("period", period)
                .queryParam("version", version).build().toUriString();
    }
}
