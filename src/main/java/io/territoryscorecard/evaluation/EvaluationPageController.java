package io.territoryscorecard.evaluation;

import io.territoryscorecard.account.CurrentAccount;
import io.territoryscorecard.measurement.Period;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The evaluation runs page: recent runs with their progress (done/total, rate, time left), and a form that starts the
 * evaluation of a period. The page reloads itself every few seconds while a run is going.
 */
@Controller
@PreAuthorize("hasAnyRole('SALES_OPS', 'ADMIN')")
class EvaluationPageController {

    private final EvaluationService evaluations;
    private final CurrentAccount current;

    EvaluationPageController(EvaluationService evaluations, CurrentAccount current) {
        this.evaluations = evaluations;
        this.current = current;
    }

    @GetMapping("/evaluations")
    String runs(Model model) {
        List<EvaluationController.RunView> runs = evaluations.recent(30).stream()
                .map(EvaluationController.RunView::of).toList();
        model.addAttribute("runs", runs);
        model.addAttribute("running", runs.stream().anyMatch(run -> run.status().equals("RUNNING")));
        return "evaluation/runs";
    }

    @PostMapping("/evaluations")
    @PreAuthorize("hasRole('SALES_OPS')")
    String start(@RequestParam(defaultValue = "") String period, RedirectAttributes next) {
        try {
            EvaluationRun run = evaluations.start(Period.parse(period), current.username());
            next.addFlashAttribute("notice", "Evaluation " + run.id() + " of " + run.period() + " started.");
        } catch (IllegalArgumentException | EvaluationAlreadyRunningException e) {
            next.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/evaluations";
    }
}
