package io.territoryscorecard.ruleset;

import io.territoryscorecard.account.AuditLog;
import io.territoryscorecard.ruleset.ActiveRuleset.LoadedRuleset;
import io.territoryscorecard.ruleset.RulesetVersions.Activation;
import io.territoryscorecard.ruleset.RulesetVersions.RulesetVersionNotFoundException;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * What sales ops do with versions: store a validated set of files as a version, activate one, roll back, compare two.
 * Activation swaps the rules without a restart; an evaluation already running keeps the version it started with.
 */
@Service
public class RulesetService {

    private final RulesetVersions versions;
    private final RulesetValidator validator;
    private final RulesetCompiler compiler;
    private final ActiveRuleset active;
    private final AuditLog audit;

    RulesetService(RulesetVersions versions, RulesetValidator validator, RulesetCompiler compiler,
            ActiveRuleset active, AuditLog audit) {
        this.versions = versions;
        this.validator = validator;
        this.compiler = compiler;
        this.active = active;
        this.audit = audit;
    }

    public List<RulesetVersion> versions() {
        return versions.all();
    }

    public RulesetVersion version(long id) {
        return versions.find(id).orElseThrow(() -> new RulesetVersionNotFoundException(id));
    }

    public RulesetSource files(long id) {
        return versions.source(id);
    }

    /**
     * A stored version compiled for use beside the active one (restatements, previews), without activating it. The
     * active version's compiled rules are reused; any other version is compiled from its stored files.
     */
    public LoadedRuleset load(long id) {
        RulesetVersion version = version(id);
        LoadedRuleset loaded = active.current().orElse(null);
        if (loaded != null && loaded.version().id() == id) {
            return loaded;
        }
        return new LoadedRuleset(version, compiler.compile(versions.source(id)));
    }

    public List<Activation> activations(int limit) {
        return versions.activations(limit);
    }

    /**
     * Validates the files and, when valid, stores them as a version (identical files: the existing version). Not
     * activated. Throws {@link RulesetRejectedException} with the report when there are errors.
     */
    public Stored store(RulesetSource source, String author, String note) {
        ValidationReport report = validator.validate(source);
        if (!report.valid()) {
            throw new RulesetRejectedException(report);
        }
        RulesetVersion version = versions.record(source, author, note);
        audit.record(author, "RULESET_STORED", "ruleset version " + version.id(), version.label() + ": " + note);
        return new Stored(version, report);
    }

    /** Activates a stored version: compiled (and sandbox-checked) again, then swapped in for new evaluations. */
    public synchronized RulesetVersion activate(long id, String actor, String note) {
        RulesetVersion version = version(id);
        CompiledRuleset rules = compiler.compile(versions.source(id));
        RulesetVersion activated = versions.activate(id, actor, note);
        active.swap(new LoadedRuleset(activated, rules));
        audit.record(actor, "RULESET_ACTIVATED", "ruleset version " + id, version.label()
                + (note == null || note.isBlank() ? "" : ": " + note));
        return activated;
    }

    /** Activates the version that was active before the latest activation. */
    public synchronized RulesetVersion rollback(String actor, String note) {
        long current = versions.active().map(RulesetVersion::id).orElseThrow(NothingToRollBackException::new);
        Long previous = versions.activations(1_000).stream().map(Activation::rulesetVersionId)
                .filter(id -> id != current).findFirst()
                .orElseThrow(NothingToRollBackException::new);
        RulesetVersion version = activate(previous, actor, "rollback from version " + current
                + (note == null || note.isBlank() ? "" : ": " + note));
        audit.record(actor, "RULESET_ROLLED_BACK", "ruleset version " + current, "back to version " + previous);
        return version;
    }

    public RulesetDiff diff(long from, long to) {
        return RulesetDiff.between(from, versions.source(from), to, versions.source(to));
    }

    /** A stored version with the validation that let it in (warnings included). */
    public record Stored(RulesetVersion version, ValidationReport report) {
    }

    /** No version was active before the current one. */
    public static class NothingToRollBackException extends RuntimeException {

        NothingToRollBackException() {
            super("there is no earlier version to roll back to");
        }
    }

    /** Files that did not pass validation; nothing was stored. */
    public static class RulesetRejectedException extends RuntimeException {

        private final ValidationReport report;

        RulesetRejectedException(ValidationReport report) {
            super("the rule files have " + report.errors().size() + " error(s); nothing was stored");
            this.report = report;
        }

        public ValidationReport report() {
            return report;
        }
    }
}
