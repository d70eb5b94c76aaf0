package io.territoryscorecard.workbench;

import io.territoryscorecard.account.AuditLog;
import io.territoryscorecard.account.CurrentAccount;
import io.territoryscorecard.evaluation.EvaluationService;
import io.territoryscorecard.evaluation.PeriodNotEvaluatedException;
import io.territoryscorecard.evaluation.PreviewFailedException;
import io.territoryscorecard.evaluation.PreviewReport;
import io.territoryscorecard.evaluation.PreviewService;
import io.territoryscorecard.measurement.Measurements;
import io.territoryscorecard.measurement.Period;
import io.territoryscorecard.ruleset.RuleProblem;
import io.territoryscorecard.ruleset.RulesetCompilationException;
import io.territoryscorecard.ruleset.RulesetScenarios;
import io.territoryscorecard.ruleset.RulesetService;
import io.territoryscorecard.ruleset.RulesetService.Stored;
import io.territoryscorecard.ruleset.RulesetSource;
import io.territoryscorecard.ruleset.RulesetValidator;
import io.territoryscorecard.ruleset.RulesetVersion;
import io.territoryscorecard.ruleset.RulesetVersions;
import io.territoryscorecard.ruleset.ScenarioReport;
import io.territoryscorecard.workbench.DraftPaths.Kind;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/**
 * What sales ops do with drafts: start one from a version, change its files, validate it, store it as a version and
 * activate that. A draft is its author's: nobody else changes it, admins may read it, and other sales-ops users do not
 * see it (to them it does not exist). Every change is in the audit log.
 */
@Service
class DraftService {

    private static final int TITLE_LENGTH = 200;
    /** How many of the largest score changes a draft's preview lists. */
    private static final int PREVIEW_TOP = 10;

    private final RuleDrafts drafts;
    private final RulesetService rulesets;
    private final RulesetVersions versions;
    private final RulesetValidator validator;
    private final RulesetScenarios scenarios;
    private final PreviewService previews;
    private final EvaluationService evaluations;
    private final Measurements measurements;
    private final WorkbenchSettings settings;
    private final CurrentAccount current;
    private final AuditLog audit;

    DraftService(RuleDrafts drafts, RulesetService rulesets, RulesetVersions versions, RulesetValidator validator,
            RulesetScenarios scenarios, PreviewService previews, EvaluationService evaluations,
            Measurements measurements, WorkbenchSettings settings, CurrentAccount current, AuditLog audit) {
        this.drafts = drafts;
        this.rulesets = rulesets;
        this.versions = versions;
        this.validator = validator;
        this.scenarios = scenarios;
        this.previews = previews;
        this.evaluations = evaluations;
        this.measurements = measurements;
        this.settings = settings;
        this.current = current;
        this.audit = audit;
    }

    /** The signed-in author's drafts; an admin's list has everybody's. */
    List<RuleDraft> visible() {
        return drafts.ownedBy(isAdmin() ? null : current.username());
    }

    /** A new draft with the files of a version: the active one when {@code fromVersionId} is null. */
    RuleDraft start(Long fromVersionId, String title) {
        RulesetVersion base = fromVersionId == null
                ? versions.active().orElseThrow(() -> new IllegalArgumentException(
                        "no version is active: choose the version to start the draft from"))
                : rulesets.version(fromVersionId);
        String name = title == null || title.isBlank() ? "Changes to " + base.label() : title.strip();
        if (name.length() > TITLE_LENGTH) {
            throw new IllegalArgumentException("the title has " + name.length() + " characters; at most "
                    + TITLE_LENGTH + " are allowed");
        }
        // The boundary suite comes along: a version holds the rules, the scenarios stay beside the rules folder.
        SortedMap<String, String> files = new TreeMap<>(scenarios.shipped());
        files.putAll(rulesets.files(base.id()).files());
        RuleDraft draft = drafts.create(name, current.username(), base.id(), files);
        audit.record(current.username(), "RULE_DRAFT_STARTED", target(draft), "from ruleset version " + base.id()
                + " (" + base.label() + "): " + name);
        return draft;
    }

    /** A draft the signed-in account may read (its own; any, for an admin), with its files. */
    Opened open(long id) {
        RuleDraft draft = drafts.find(id).filter(d -> d.owner().equals(current.username()) || isAdmin())
                .orElseThrow(() -> new DraftNotFoundException(id));
        return new Opened(draft, drafts.files(id), draft.owner().equals(current.username()));
    }

    /** Writes a text file (new or changed). A draft may be broken: the text is kept whatever validation says. */
    void save(long id, String path, String content) {
        Opened draft = changeable(id);
        Kind kind = DraftPaths.check(path);
        if (kind.binary()) {
            throw new IllegalArgumentException(path + " is a spreadsheet: it cannot be edited here; upload a new "
                    + "copy to replace it");
        }
        String text = content == null ? "" : content.replace("\r\n", "\n").replace('\r', '\n');
        checkSize(path, text.getBytes(StandardCharsets.UTF_8).length);
        boolean added = !draft.files().containsKey(path);
        checkCount(draft, added);
        drafts.put(id, path, text);
        audit.record(current.username(), added ? "RULE_DRAFT_FILE_ADDED" : "RULE_DRAFT_FILE_SAVED", target(draft),
                path);
    }

    /** Adds an empty text file; refused when the path is taken. */
    void add(long id, String path) {
        Opened draft = changeable(id);
        Kind kind = DraftPaths.check(path);
        if (draft.files().containsKey(path)) {
            throw new IllegalArgumentException(path + " exists already in this draft: open it from the list");
        }
        if (kind.binary()) {
            throw new IllegalArgumentException(path + " is a spreadsheet: add it by uploading it");
        }
        save(id, path, kind == Kind.RULES ? "package rules\n\n" : "");
    }

    /** Writes an uploaded file: a spreadsheet as the Base64 text of its bytes, anything else as UTF-8 text. */
    void upload(long id, String path, byte[] bytes) {
        Opened draft = changeable(id);
        Kind kind = DraftPaths.check(path);
        checkSize(path, bytes.length);
        String content;
        if (kind.binary()) {
            content = Base64.getEncoder().encodeToString(bytes);
        } else {
            try {
                content = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString()
                        .replace("\r\n", "\n");
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException(path + " is not UTF-8 text: save it as UTF-8 and upload it again");
            }
        }
        checkCount(draft, !draft.files().containsKey(path));
        drafts.put(id, path, content);
        audit.record(current.username(), "RULE_DRAFT_FILE_UPLOADED", target(draft.draft()), path + " ("
                + bytes.length + " bytes)");
    }

    void rename(long id, String from, String to) {
        Opened draft = changeable(id);
        requireFile(draft, from);
        Kind kind = DraftPaths.check(to);
        if (draft.files().containsKey(to)) {
            throw new IllegalArgumentException(to + " exists already in this draft: choose another name, or delete "
                    + "that file first");
        }
        if (kind.binary() != DraftPaths.kindOf(from).binary()) {
            throw new IllegalArgumentException("a spreadsheet stays a spreadsheet: " + from + " cannot become " + to);
        }
        drafts.rename(id, from, to);
        audit.record(current.username(), "RULE_DRAFT_FILE_RENAMED", target(draft.draft()), from + " -> " + to);
    }

    void delete(long id, String path) {
        Opened draft = changeable(id);
        requireFile(draft, path);
        drafts.delete(id, path);
        audit.record(current.username(), "RULE_DRAFT_FILE_DELETED", target(draft.draft()), path);
    }

    void discard(long id) {
        Opened draft = changeable(id);
        drafts.discard(id);
        audit.record(current.username(), "RULE_DRAFT_DISCARDED", target(draft.draft()), draft.draft().title()
                + " (" + draft.files().size() + " files, started from ruleset version "
                + draft.draft().baseVersionId() + ")");
    }

    /** Validates the draft's ruleset files as they are stored (scenarios are not part of a version). */
    DraftValidation validate(long id) {
        Opened draft = changeable(id);
        DraftValidation validation = DraftValidation.of(validator.validate(source(draft)));
        audit.record(current.username(), "RULE_DRAFT_VALIDATED", target(draft), validation.errors().size()
                + " error(s), " + validation.warnings().size() + " warning(s), sha256 " + validation.sha256());
        return validation;
    }

    /** Saves a text file, then validates the draft with it: the text is kept even when it has errors. */
    DraftValidation saveAndValidate(long id, String path, String content) {
        save(id, path, content);
        return DraftValidation.of(validator.validate(source(open(id))));
    }

    /**
     * Runs the draft's scenarios ({@code scenarios/*.yaml}) against its rules as they are stored. Rules that do not
     * compile and scenario files that cannot be used are in the report, like failures.
     */
    ScenarioRun runScenarios(long id) {
        Opened draft = changeable(id);
        RulesetSource source = withScenarios(draft);
        ScenarioReport report = scenarios.run(source);
        audit.record(current.username(), "RULE_DRAFT_SCENARIOS_RUN", target(draft), report.outcome() + ": "
                + report.summary());
        return new ScenarioRun(source.sha256(), report);
    }

    /**
     * What the draft's rules as they are stored would change in a period, compared with its current results (the
     * preview is in the audit log). Never throws for what an author can get wrong: rules that do not compile, a
     * period without results and rules that fail on a territory are said in the answer.
     */
    DraftPreview preview(long id, Period period) {
        Opened draft = changeable(id);
        RulesetSource source = source(draft);
        try {
            PreviewReport report = previews.previewFiles(period, source, "draft", PREVIEW_TOP, current.username());
            return new DraftPreview(source.sha256(), period.toString(), report, List.of(), null);
        } catch (RulesetCompilationException e) {
            return new DraftPreview(source.sha256(), period.toString(), null, e.problems(), "The rules do not "
                    + "compile, so there is nothing to preview: fix the errors below first.");
        } catch (PeriodNotEvaluatedException | PreviewFailedException e) {
            return new DraftPreview(source.sha256(), period.toString(), null, List.of(), "The preview against "
                    + period + " failed: " + e.getMessage());
        }
    }

    /** The periods that have current results to compare a draft with, latest first. */
    List<Period> evaluatedPeriods() {
        List<Period> periods = new ArrayList<>(measurements.periodsWithData());
        periods.removeIf(period -> evaluations.current(period).isEmpty());
        Collections.reverse(periods);
        return periods;
    }

    /**
     * Stores the draft's ruleset files as a version (not active yet; the same files as a stored version give that
     * version). Throws {@link RulesetService.RulesetRejectedException} when the files have errors.
     */
    Stored store(long id, String note) {
        Opened draft = changeable(id);
        if (note == null || note.isBlank()) {
            throw new IllegalArgumentException("say in a note why the rules change: it stays with the version");
        }
        // The ruleset service audits the storing; the version's source names the draft.
        Stored stored = rulesets.store(source(draft), current.username(), note.strip());
        drafts.storedAs(id, stored.version().id());
        return stored;
    }

    /**
     * What activating the version a draft was stored as would mean: whether it may be activated, and the preview
     * of it against the latest evaluated period (the preview is in the audit log).
     */
    Confirmation confirmation(long id) {
        Opened draft = changeable(id);
        RulesetVersion version = storedVersion(draft);
        Optional<RulesetVersion> active = versions.active();
        String refusal = refusal(draft, version, active.orElse(null));
        if (refusal != null) {
            return new Confirmation(draft.draft(), version, active.orElse(null), refusal, null, null, null);
        }
        Optional<Period> period = latestEvaluatedPeriod();
        if (period.isEmpty()) {
            return new Confirmation(draft.draft(), version, active.orElse(null), null, null, null,
                    "No period has been evaluated yet, so there is nothing to compare the rules with.");
        }
        try {
            PreviewReport preview = previews.previewVersion(period.get(), version.id(), 10, current.username());
            return new Confirmation(draft.draft(), version, active.orElse(null), null, period.get(), preview, null);
        } catch (RuntimeException e) {
            return new Confirmation(draft.draft(), version, active.orElse(null), null, period.get(), null,
                    "The preview against " + period.get() + " failed: " + e.getMessage());
        }
    }

    /**
     * Activates the version the draft was stored as, unless another version became active since the draft was
     * started (or last activated): then nothing changes and the refusal names both versions. Afterwards the draft
     * goes on from the version it became.
     */
    synchronized RulesetVersion activate(long id, String note) {
        Opened draft = changeable(id);
        RulesetVersion version = storedVersion(draft);
        String refusal = refusal(draft, version, versions.active().orElse(null));
        if (refusal != null) {
            // A refusal changes nothing, and like every refused request leaves no audit entry.
            throw new DraftConflictException(refusal);
        }
        // The ruleset service audits the activation, with a note that names the draft.
        RulesetVersion activated = rulesets.activate(version.id(), current.username(),
                (note == null || note.isBlank() ? "" : note.strip() + " ") + "(draft " + id + ")");
        drafts.rebase(id, activated.id());
        return activated;
    }

    /** The draft's ruleset files (not its scenarios), labelled by its VERSION file, as a version would hold them. */
    static RulesetSource source(Opened draft) {
        TreeMap<String, String> files = new TreeMap<>();
        draft.files().forEach((path, content) -> {
            if (RulesetSource.isRulesetFile(path)) {
                files.put(path, content);
            }
        });
        String label = files.getOrDefault(DraftPaths.VERSION, "").strip();
        return new RulesetSource(label.isEmpty() ? "unlabelled" : label, files, "draft " + draft.draft().id()
                + " by " + draft.draft().owner());
    }

    /** The draft's ruleset files and its scenarios: what running the scenarios needs. */
    static RulesetSource withScenarios(Opened draft) {
        TreeMap<String, String> files = new TreeMap<>(source(draft).files());
        draft.files().forEach((path, content) -> {
            if (RulesetScenarios.isScenarioFile(path)) {
                files.put(path, content);
            }
        });
        RulesetSource rules = source(draft);
        return new RulesetSource(rules.label(), files, rules.origin());
    }

    /** Whether the draft has a scenario file to run. */
    static boolean hasScenarios(Opened draft) {
        return draft.files().keySet().stream().anyMatch(RulesetScenarios::isScenarioFile);
    }

    private String refusal(Opened draft, RulesetVersion version, RulesetVersion active) {
        long base = draft.draft().baseVersionId();
        if (active != null && active.id() != base) {
            RulesetVersion started = rulesets.version(base);
            return "This draft was started from version " + base + " (" + started.label() + "), but version "
                    + active.id() + " (" + active.label() + ") is active now" + (active.activatedAt() == null ? ""
                            : ", activated " + active.activatedAt().toString().replace('T', ' '))
                    + ": activating this draft would silently undo that change, so it is refused. Start a new draft "
                    + "from version " + active.id() + " and make your changes there.";
        }
        if (!version.sha256().equals(source(draft).sha256())) {
            return "The draft has changed since it was stored as version " + version.id() + ": store it again, "
                    + "then activate.";
        }
        if (active != null && active.id() == version.id()) {
            return "Version " + version.id() + " (" + version.label() + ") is active already: the draft holds the "
                    + "same files as the active version.";
        }
        return null;
    }

    private Optional<Period> latestEvaluatedPeriod() {
        return evaluatedPeriods().stream().findFirst();
    }

    private RulesetVersion storedVersion(Opened draft) {
        if (draft.draft().storedVersionId() == null) {
            throw new DraftConflictException("This draft has not been stored as a version yet: store it with a "
                    + "note first.");
        }
        return rulesets.version(draft.draft().storedVersionId());
    }

    /** A draft the signed-in account may change: its own. Admins only read. */
    private Opened changeable(long id) {
        Opened draft = open(id);
        if (!draft.own()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "draft " + id + " is " + draft.draft().owner()
                    + "'s: only its author changes it");
        }
        return draft;
    }

    private void checkSize(String path, long bytes) {
        if (bytes > settings.maxFileSize().toBytes()) {
            throw new IllegalArgumentException(path + " has " + bytes + " bytes; a file may have at most "
                    + settings.maxFileSize().toBytes());
        }
    }

    private void checkCount(Opened draft, boolean adding) {
        if (adding && draft.files().size() >= settings.maxFiles()) {
            throw new IllegalArgumentException("the draft has " + draft.files().size() + " files, the most it may "
                    + "have: delete one first");
        }
    }

    private static void requireFile(Opened draft, String path) {
        if (path == null || !draft.files().containsKey(path)) {
            throw new IllegalArgumentException("the draft has no file " + (path == null ? "" : "'" + path + "'"));
        }
    }

    private static String target(RuleDraft draft) {
        return "rule draft " + draft.id();
    }

    private static String target(Opened draft) {
        return target(draft.draft());
    }

    private static boolean isAdmin() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getAuthorities().stream()
                .anyMatch(authority -> authority.getAuthority().equals("ROLE_ADMIN"));
    }

    /** A draft with its files; {@code own} when the signed-in account is its author (and so may change it). */
    record Opened(RuleDraft draft, SortedMap<String, String> files, boolean own) {
    }

    /**
     * Whether the version a draft was stored as may be activated ({@code refusal} null), and its preview against the
     * latest evaluated period ({@code previewMissing} says why there is none).
     */
    record Confirmation(RuleDraft draft, RulesetVersion version, RulesetVersion active, String refusal,
            Period period, PreviewReport preview, String previewMissing) {
    }

    /**
     * A draft's preview against a period: the report, or why there is none ({@code failure}, with the compile
     * problems when the rules do not compile).
     *
     * @param sha256 the draft's ruleset content that was previewed
     */
    record DraftPreview(String sha256, String period, PreviewReport report, List<RuleProblem> problems,
            String failure) {
    }

    /** A draft's scenario report, with the content it was run on (the draft's rules and scenarios). */
    record ScenarioRun(String sha256, ScenarioReport report) {
    }

    /** No draft with this id that the signed-in account may see. */
    static class DraftNotFoundException extends ResponseStatusException {

        DraftNotFoundException(long id) {
            super(HttpStatus.NOT_FOUND, "draft " + id + " does not exist, or is not yours");
        }
    }

    /** The draft cannot be activated as it is: stale base, changed since stored, not stored. */
    static class DraftConflictException extends ResponseStatusException {

        DraftConflictException(String message) {
            super(HttpStatus.CONFLICT, message);
        }
    }
}
