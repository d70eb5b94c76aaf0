package io.territoryscorecard.workbench;

import io.territoryscorecard.measurement.Period;
import io.territoryscorecard.ruleset.RulesetScenarios;
import io.territoryscorecard.ruleset.RulesetService;
import io.territoryscorecard.ruleset.RulesetService.RulesetRejectedException;
import io.territoryscorecard.ruleset.RulesetService.Stored;
import io.territoryscorecard.ruleset.RulesetVersion;
import io.territoryscorecard.scorecard.Scorecards;
import io.territoryscorecard.workbench.DraftPaths.Kind;
import io.territoryscorecard.workbench.DraftService.ScenarioRun;
import io.territoryscorecard.workbench.DraftService.DraftConflictException;
import io.territoryscorecard.workbench.DraftService.DraftPreview;
import io.territoryscorecard.workbench.DraftService.Opened;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The draft pages: the list of one's drafts with a form that starts a new one, the editor (files, the editor with
 * the problems of the last validation at their lines, adding, renaming, deleting and uploading files, running the
 * draft's scenarios and previewing it against a period) and the confirmation of an activation with its preview. Every
 * change is a form post that redirects back (with CSRF). The last validation, scenario run and preview are kept in the
 * session ({@link DraftResults}) and shown again while the draft's content is the one they were made of.
 */
@Controller
@RequestMapping("/rules/drafts")
@PreAuthorize("hasAnyRole('SALES_OPS', 'ADMIN')")
class DraftPageController {

    private final DraftService drafts;
    private final RulesetService rulesets;
    private final Scorecards scorecards;

    DraftPageController(DraftService drafts, RulesetService rulesets, Scorecards scorecards) {
        this.drafts = drafts;
        this.rulesets = rulesets;
        this.scorecards = scorecards;
    }

    @GetMapping
    String list(Model model) {
        List<RulesetVersion> versions = rulesets.versions();
        model.addAttribute("drafts", drafts.visible());
        model.addAttribute("versions", versions);
        model.addAttribute("active", versions.stream().filter(RulesetVersion::active).findFirst().orElse(null));
        return "workbench/draft-list";
    }

    @PostMapping
    @PreAuthorize("hasRole('SALES_OPS')")
    String start(@RequestParam(required = false) Long fromVersion, @RequestParam(required = false) String title,
            RedirectAttributes next) {
        try {
            RuleDraft draft = drafts.start(fromVersion, title);
            next.addFlashAttribute("notice", "Draft started from version " + draft.baseVersionId()
                    + ". Change a file, then save: the draft is validated with every save.");
            return "redirect:/rules/drafts/" + draft.id();
        } catch (IllegalArgumentException e) {
            next.addFlashAttribute("error", e.getMessage());
            return "redirect:/rules/drafts";
        }
    }

    /** The editor, open at {@code file} (the first rule file when none is named), the cursor at line and column. */
    @GetMapping("/{id}")
    String editor(@PathVariable long id, @RequestParam(required = false) String file,
            @RequestParam(defaultValue = "0") int line, @RequestParam(defaultValue = "0") int column, Model model,
            HttpSession session) {
        Opened draft = drafts.open(id);
        String rules = DraftService.source(draft).sha256();
        DraftResults results = DraftResults.of(session);
        if (!model.containsAttribute("validation")) {
            model.addAttribute("validation", results.validation(id, rules));
        }
        model.addAttribute("hasScenarios", DraftService.hasScenarios(draft));
        model.addAttribute("scenarioFiles", draft.files().keySet().stream()
                .filter(RulesetScenarios::isScenarioFile).count());
        ScenarioRun scenarioRun = results.scenarioRun(id, DraftService.withScenarios(draft).sha256());
        model.addAttribute("scenarioRun", scenarioRun == null ? null : scenarioRun.report());
        DraftPreview preview = results.preview(id, rules);
        model.addAttribute("preview", preview);
        if (draft.own()) {
            List<Period> periods = drafts.evaluatedPeriods();
            model.addAttribute("periods", periods);
            // the default period of every page, when the draft can be compared with it
            model.addAttribute("previewPeriod", preview != null ? preview.period()
                    : scorecards.latestPeriod().filter(periods::contains).or(() -> periods.stream().findFirst())
                            .map(Period::toString).orElse(null));
        }
        String path = file != null && draft.files().containsKey(file) ? file : firstFile(draft);
        model.addAttribute("draft", draft.draft());
        model.addAttribute("own", draft.own());
        RulesetVersion base = rulesets.version(draft.draft().baseVersionId());
        model.addAttribute("base", base);
        model.addAttribute("sameLabel", base.label().equals(DraftService.source(draft).label()));
        model.addAttribute("files", draft.files().entrySet().stream().map(entry -> FileLine.of(entry.getKey(),
                entry.getValue())).toList());
        model.addAttribute("unknownFile", file != null && !draft.files().containsKey(file) ? file : null);
        if (path != null) {
            Kind kind = DraftPaths.kindOf(path);
            model.addAttribute("path", path);
            model.addAttribute("kind", kind);
            model.addAttribute("content", kind.binary() ? null : draft.files().get(path));
        }
        model.addAttribute("line", Math.max(0, line));
        model.addAttribute("column", Math.max(0, column));
        return "workbench/draft-editor";
    }

    @PostMapping("/{id}/save")
    @PreAuthorize("hasRole('SALES_OPS')")
    String save(@PathVariable long id, @RequestParam String path, @RequestParam(defaultValue = "") String content,
            RedirectAttributes next, HttpSession session) {
        try {
            DraftValidation validation = drafts.saveAndValidate(id, path, content);
            DraftResults.of(session).keep(id, validation);
            next.addFlashAttribute("validation", validation);
            next.addFlashAttribute(validation.valid() ? "notice" : "error", validation.valid()
                    ? "Saved " + path + ". The draft is valid."
                    : "Saved " + path + ", but the draft has " + validation.errors().size() + " error(s): it is "
                            + "kept as it is, and cannot be stored as a version until they are fixed.");
        } catch (IllegalArgumentException e) {
            next.addFlashAttribute("error", "Nothing was saved: " + e.getMessage());
        }
        return editorAt(id, path, next);
    }

    @PostMapping("/{id}/validate")
    @PreAuthorize("hasRole('SALES_OPS')")
    String validate(@PathVariable long id, @RequestParam(required = false) String path, RedirectAttributes next,
            HttpSession session) {
        DraftValidation validation = drafts.validate(id);
        DraftResults.of(session).keep(id, validation);
        next.addFlashAttribute("validation", validation);
        next.addFlashAttribute(validation.valid() ? "notice" : "error", validation.valid()
                ? "The draft is valid: " + validation.rules() + " rules compile."
                : "The draft has " + validation.errors().size() + " error(s).");
        return editorAt(id, path, next);
    }

    /** Runs the draft's scenarios; the report is shown in the editor's Scenarios panel. */
    @PostMapping("/{id}/scenarios")
    @PreAuthorize("hasRole('SALES_OPS')")
    String scenarios(@PathVariable long id, @RequestParam(required = false) String path, RedirectAttributes next,
            HttpSession session) {
        DraftResults.of(session).keep(id, drafts.runScenarios(id));
        return editorAt(id, path, next) + "#scenarios";
    }

    /** Previews the draft against a period with current results; the report is shown in the Preview panel. */
    @PostMapping("/{id}/preview")
    @PreAuthorize("hasRole('SALES_OPS')")
    String preview(@PathVariable long id, @RequestParam(defaultValue = "") String period,
            @RequestParam(required = false) String path, RedirectAttributes next, HttpSession session) {
        Period chosen;
        try {
            chosen = Period.parse(period.strip());
        } catch (IllegalArgumentException e) {
            next.addFlashAttribute("error", "No preview: " + e.getMessage() + ".");
            return editorAt(id, path, next) + "#preview";
        }
        DraftResults.of(session).keep(id, drafts.preview(id, chosen));
        return editorAt(id, path, next) + "#preview";
    }

    @PostMapping("/{id}/files")
    @PreAuthorize("hasRole('SALES_OPS')")
    String add(@PathVariable long id, @RequestParam(defaultValue = "") String path, RedirectAttributes next) {
        try {
            drafts.add(id, path.strip());
            next.addFlashAttribute("notice", "Added " + path.strip() + ".");
            return editorAt(id, path.strip(), next);
        } catch (IllegalArgumentException e) {
            next.addFlashAttribute("error", "No file was added: " + e.getMessage());
            return editorAt(id, null, next);
        }
    }

    @PostMapping("/{id}/rename")
    @PreAuthorize("hasRole('SALES_OPS')")
    String rename(@PathVariable long id, @RequestParam String path, @RequestParam(defaultValue = "") String newPath,
            RedirectAttributes next) {
        try {
            drafts.rename(id, path, newPath.strip());
            next.addFlashAttribute("notice", "Renamed " + path + " to " + newPath.strip() + ".");
            return editorAt(id, newPath.strip(), next);
        } catch (IllegalArgumentException e) {
            next.addFlashAttribute("error", "Nothing was renamed: " + e.getMessage());
            return editorAt(id, path, next);
        }
    }

    @PostMapping("/{id}/delete")
    @PreAuthorize("hasRole('SALES_OPS')")
    String delete(@PathVariable long id, @RequestParam String path, RedirectAttributes next) {
        try {
            drafts.delete(id, path);
            next.addFlashAttribute("notice", "Deleted " + path + ".");
        } catch (IllegalArgumentException e) {
            next.addFlashAttribute("error", "Nothing was deleted: " + e.getMessage());
        }
        return editorAt(id, null, next);
    }

    /** Uploads one file, under the name given or its own (a scenario goes into scenarios/). */
    @PostMapping("/{id}/upload")
    @PreAuthorize("hasRole('SALES_OPS')")
    String upload(@PathVariable long id, @RequestParam(required = false) MultipartFile file,
            @RequestParam(defaultValue = "") String path, RedirectAttributes next) {
        if (file == null || file.isEmpty()) {
            next.addFlashAttribute("error", "Choose a file to upload.");
            return editorAt(id, null, next);
        }
        String name = path.isBlank() ? uploadName(file.getOriginalFilename()) : path.strip();
        try {
            drafts.upload(id, name, file.getBytes());
            next.addFlashAttribute("notice", "Uploaded " + name + ". Validate the draft to check it.");
            return editorAt(id, name, next);
        } catch (IllegalArgumentException e) {
            next.addFlashAttribute("error", "Nothing was uploaded: " + e.getMessage());
            return editorAt(id, null, next);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file as it is (a spreadsheet as its bytes), to open elsewhere. */
    @GetMapping("/{id}/download")
    ResponseEntity<byte[]> download(@PathVariable long id, @RequestParam String path) {
        Opened draft = drafts.open(id);
        String content = draft.files().get(path);
        if (content == null) {
            throw new IllegalArgumentException("the draft has no file '" + path + "'");
        }
        byte[] bytes = DraftPaths.kindOf(path).binary() ? Base64.getDecoder().decode(content)
                : content.getBytes(StandardCharsets.UTF_8);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(path.substring(path.lastIndexOf('/') + 1), StandardCharsets.UTF_8).build().toString())
                .body(bytes);
    }

    @PostMapping("/{id}/store")
    @PreAuthorize("hasRole('SALES_OPS')")
    String store(@PathVariable long id, @RequestParam(defaultValue = "") String note, RedirectAttributes next) {
        try {
            Stored stored = drafts.store(id, note);
            next.addFlashAttribute("notice", "Stored as version " + stored.version().id() + " ("
                    + stored.version().label() + "). It is not active yet: check what it changes, then activate it.");
            return "redirect:/rules/drafts/" + id + "/activate";
        } catch (RulesetRejectedException e) {
            next.addFlashAttribute("validation", DraftValidation.of(e.report()));
            next.addFlashAttribute("error", "Not stored: the draft has " + e.report().errors().size()
                    + " error(s). Fix them first.");
        } catch (IllegalArgumentException e) {
            next.addFlashAttribute("error", "Not stored: " + e.getMessage());
        }
        return editorAt(id, null, next);
    }

    /** What activating the stored draft would change in the latest evaluated period, and the form that does it. */
    @GetMapping("/{id}/activate")
    @PreAuthorize("hasRole('SALES_OPS')")
    String confirmActivation(@PathVariable long id, Model model, RedirectAttributes next) {
        try {
            model.addAttribute("confirmation", drafts.confirmation(id));
            return "workbench/draft-activate";
        } catch (DraftConflictException e) {
            next.addFlashAttribute("error", e.getReason());
            return editorAt(id, null, next);
        }
    }

    @PostMapping("/{id}/activate")
    @PreAuthorize("hasRole('SALES_OPS')")
    String activate(@PathVariable long id, @RequestParam(defaultValue = "") String note, RedirectAttributes next) {
        try {
            RulesetVersion version = drafts.activate(id, note);
            next.addFlashAttribute("notice", "Version " + version.id() + " (" + version.label() + ") is active: "
                    + "the next evaluation uses it. The draft now goes on from this version.");
        } catch (DraftConflictException e) {
            next.addFlashAttribute("error", "Not activated. " + e.getReason());
        }
        return editorAt(id, null, next);
    }

    @PostMapping("/{id}/discard")
    @PreAuthorize("hasRole('SALES_OPS')")
    String discard(@PathVariable long id, RedirectAttributes next, HttpSession session) {
        drafts.discard(id);
        DraftResults.of(session).forget(id);
        next.addFlashAttribute("notice", "Draft " + id + " was discarded.");
        return "redirect:/rules/drafts";
    }

    private static String editorAt(long id, String path, RedirectAttributes next) {
        return "redirect:/rules/drafts/" + id + (path == null || path.isBlank() ? ""
                : "?file=" + URLEncoder.encode(path, StandardCharsets.UTF_8));
    }

    /** The rule file to open first: the first *.drl, else the first file. */
    private static String firstFile(Opened draft) {
        return draft.files().keySet().stream().filter(path -> path.endsWith(".drl")).findFirst()
                .orElse(draft.files().isEmpty() ? null : draft.files().firstKey());
    }

    /** A scenario uploaded without a folder goes where scenarios belong. */
    static String uploadName(String original) {
        String name = original == null ? "" : original.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        return (name.endsWith(".yaml") || name.endsWith(".yml")) ? DraftPaths.SCENARIOS + name : name;
    }

    /** A file in the list: its path, what it is, and its size. */
    record FileLine(String path, String kind, boolean binary, long bytes) {

        static FileLine of(String path, String content) {
            Kind kind = DraftPaths.kindOf(path);
            long bytes = kind.binary() ? Base64.getDecoder().decode(content).length
                    : content.getBytes(StandardCharsets.UTF_8).length;
            return new FileLine(path, kind.words(), kind.binary(), bytes);
        }
    }
}
