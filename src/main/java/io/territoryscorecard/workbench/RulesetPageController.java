package io.territoryscorecard.workbench;

import io.territoryscorecard.account.CurrentAccount;
import io.territoryscorecard.evaluation.PreviewReport;
import io.territoryscorecard.evaluation.PreviewService;
import io.territoryscorecard.measurement.Period;
import io.territoryscorecard.ruleset.RulesetCompilationException;
import io.territoryscorecard.ruleset.RulesetService;
import io.territoryscorecard.ruleset.RulesetService.NothingToRollBackException;
import io.territoryscorecard.ruleset.RulesetVersion;
import io.territoryscorecard.ruleset.RulesetVersions.Activation;
import io.territoryscorecard.scorecard.Scorecards;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The rulesets pages: the active version with the history of versions and activations, any version's files, the
 * comparison of two versions, and for sales ops activating a version (after a look at what it would do to the latest
 * evaluated period) and rolling back. Admins read everything and change nothing.
 */
@Controller
@PreAuthorize("hasAnyRole('SALES_OPS', 'ADMIN')")
class RulesetPageController {

    private static final int ACTIVATIONS_SHOWN = 50;

    private final RulesetService rulesets;
    private final PreviewService previews;
    private final Scorecards scorecards;
    private final CurrentAccount current;

    RulesetPageController(RulesetService rulesets, PreviewService previews, Scorecards scorecards,
            CurrentAccount current) {
        this.rulesets = rulesets;
        this.previews = previews;
        this.scorecards = scorecards;
        this.current = current;
    }

    @GetMapping("/rules")
    String overview(Model model) {
        List<RulesetVersion> versions = rulesets.versions();
        List<Activation> activations = rulesets.activations(ACTIVATIONS_SHOWN);
        Optional<RulesetVersion> active = versions.stream().filter(RulesetVersion::active).findFirst();
        model.addAttribute("versions", versions);
        model.addAttribute("labels", versions.stream()
                .collect(Collectors.toMap(RulesetVersion::id, RulesetVersion::label)));
        model.addAttribute("activations", activations);
        model.addAttribute("active", active.orElse(null));
        model.addAttribute("activation", active.flatMap(version -> activations.stream()
                .filter(a -> a.rulesetVersionId() == version.id()).findFirst()).orElse(null));
        model.addAttribute("rollbackTo", active.flatMap(version -> activations.stream()
                .map(Activation::rulesetVersionId).filter(id -> id != version.id()).findFirst())
                .flatMap(id -> versions.stream().filter(v -> v.id() == id).findFirst()).orElse(null));
        return "workbench/rules";
    }

    @GetMapping("/rules/versions/{id}")
    String version(@PathVariable long id, Model model) {
        model.addAttribute("version", rulesets.version(id));
        model.addAttribute("active", rulesets.versions().stream().filter(RulesetVersion::active).findFirst()
                .orElse(null));
        model.addAttribute("files", RulesetFiles.of(rulesets.files(id)));
        return "workbench/version";
    }

    /** A file of a version as it was stored, to open in its own program (a decision table in a spreadsheet). */
    @GetMapping("/rules/versions/{id}/download")
    ResponseEntity<byte[]> download(@PathVariable long id, @RequestParam String file) {
        String content = rulesets.files(id).files().get(file);
        if (content == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "ruleset version " + id + " has no file " + file);
        }
        String name = file.substring(file.lastIndexOf('/') + 1);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString())
                .contentType(RulesetFiles.isSpreadsheet(file) ? MediaType.APPLICATION_OCTET_STREAM
                        : new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                .body(RulesetFiles.bytes(file, content));
    }

    /** Two versions side by side; without both, the active version against the one stored before it. */
    @GetMapping("/rules/diff")
    String diff(@RequestParam(required = false) Long from, @RequestParam(required = false) Long to, Model model) {
        List<RulesetVersion> versions = rulesets.versions();
        model.addAttribute("versions", versions);
        if (from == null || to == null) {
            Long newer = to != null ? to : versions.stream().filter(RulesetVersion::active).map(RulesetVersion::id)
                    .findFirst().orElse(versions.isEmpty() ? null : versions.get(0).id());
            Long older = from != null ? from : newer == null ? null : versions.stream().map(RulesetVersion::id)
                    .filter(id -> id < newer).findFirst().orElse(null);
            if (newer == null || older == null) {
                model.addAttribute("from", older);
                model.addAttribute("to", newer);
                return "workbench/diff";
            }
            return "redirect:/rules/diff?from=" + older + "&to=" + newer;
        }
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("comparison", VersionComparison.of(rulesets.version(from), rulesets.files(from),
                rulesets.version(to), rulesets.files(to), rulesets.diff(from, to)));
        return "workbench/diff";
    }

    /** What activating the version would do to the latest evaluated period, and the form that activates it. */
    @GetMapping("/rules/versions/{id}/activate")
    @PreAuthorize("hasRole('SALES_OPS')")
    String confirmActivation(@PathVariable long id, Model model) {
        RulesetVersion version = rulesets.version(id);
        model.addAttribute("version", version);
        model.addAttribute("active", rulesets.versions().stream().filter(RulesetVersion::active).findFirst()
                .orElse(null));
        Optional<Period> latest = scorecards.latestPeriod();
        model.addAttribute("period", latest.map(Period::toString).orElse(null));
        if (latest.isPresent() && !version.active()) {
            try {
                model.addAttribute("preview", Preview.of(previews.previewVersion(latest.get(), id, 0,
                        current.username())));
            } catch (RuntimeException e) {
                model.addAttribute("previewError", e.getMessage());
            }
        }
        return "workbench/activate";
    }

    @PostMapping("/rules/versions/{id}/activate")
    @PreAuthorize("hasRole('SALES_OPS')")
    String activate(@PathVariable long id, @RequestParam(defaultValue = "") String note, RedirectAttributes next) {
        if (note.isBlank()) {
            next.addFlashAttribute("error", "Write a note that says why this version becomes the active one.");
            return "redirect:/rules/versions/" + id + "/activate";
        }
        try {
            RulesetVersion version = rulesets.activate(id, current.username(), note.strip());
            next.addFlashAttribute("notice", "Version " + version.id() + " (" + version.label() + ") is active. "
                    + "The next evaluation of a period uses it; results already stored stay as they are.");
            return "redirect:/rules";
        } catch (RulesetCompilationException e) {
            next.addFlashAttribute("error", "Version " + id + " was not activated: its rules do not compile. "
                    + e.problems().stream().map(Object::toString).collect(Collectors.joining("; ")));
            return "redirect:/rules/versions/" + id + "/activate";
        }
    }

    @PostMapping("/rules/rollback")
    @PreAuthorize("hasRole('SALES_OPS')")
    String rollback(@RequestParam(defaultValue = "") String note, RedirectAttributes next) {
        if (note.isBlank()) {
            next.addFlashAttribute("error", "Write a note that says why you roll back.");
            return "redirect:/rules";
        }
        try {
            RulesetVersion version = rulesets.rollback(current.username(), note.strip());
            next.addFlashAttribute("notice", "Rolled back: version " + version.id() + " (" + version.label()
                    + ") is active again. The next evaluation of a period uses it.");
        } catch (NothingToRollBackException | RulesetCompilationException e) {
            next.addFlashAttribute("error", "Nothing was rolled back: " + e.getMessage() + ".");
        }
        return "redirect:/rules";
    }

    /**
     * The preview's summary as the confirmation shows it: the sentences, and per status the count before and after.
     */
    record Preview(String period, List<String> summary, List<StatusCount> counts) {

        static Preview of(PreviewReport report) {
            Map<String, Integer> before = report.statusCounts().before();
            Map<String, Integer> after = report.statusCounts().after();
            List<String> statuses = Stream.concat(before.keySet().stream(), after.keySet().stream())
                    .distinct().toList();
            return new Preview(report.period(), report.summary(), statuses.stream()
                    .map(status -> new StatusCount(status, before.getOrDefault(status, 0),
                            after.getOrDefault(status, 0)))
                    .filter(count -> count.before() + count.after() > 0 || List.of("GREEN", "AMBER", "RED")
                            .contains(count.status()))
                    .toList());
        }
    }

    record StatusCount(String status, int before, int after) {

        /** "+3", "-2" or "0". */
        public String change() {
            int change = after - before;
            return change > 0 ? "+" + change : Integer.toString(change);
        }
    }
}
