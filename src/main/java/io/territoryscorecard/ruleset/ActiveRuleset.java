package io.territoryscorecard.ruleset;

import io.territoryscorecard.account.AuditLog;
import io.territoryscorecard.cli.CommandLineMode;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The ruleset evaluations use. At start-up the rules folder is compiled, recorded as a version and activated; a
 * ruleset that does not compile stops the start with file:line:column messages. An evaluation takes the current
 * {@link LoadedRuleset} once and keeps it to the end, so swapping the active one never disturbs a running evaluation.
 */
@Component
public class ActiveRuleset implements InitializingBean {

    private final RulesetFolder folder;
    private final RulesetCompiler compiler;
    private final RulesetVersions versions;
    private final AuditLog audit;
    private final String command;
    private final AtomicReference<LoadedRuleset> current = new AtomicReference<>();

    ActiveRuleset(RulesetFolder folder, RulesetCompiler compiler, RulesetVersions versions, AuditLog audit,
            @Value("${" + CommandLineMode.PROPERTY + ":}") String command) {
        this.folder = folder;
        this.compiler = compiler;
        this.versions = versions;
        this.audit = audit;
        this.command = command;
    }

    /**
     * Registers the rules folder as a version. It becomes active when its files changed since the last start (or
     * nothing is active yet); otherwise the active version stays, which may be one activated since through the API.
     */
    @Override
    public void afterPropertiesSet() {
        if (command.equals("rules")) {
            // The rules commands compile the folders they are given themselves, and must report a folder that does
            // not compile with their own exit code; nor should checking a folder record it as a version.
            return;
        }
        RulesetSource source = folder.read();
        CompiledRuleset rules = compiler.compile(source);
        RulesetVersion version = versions.record(source, RulesetVersions.STARTUP, "loaded from " + source.origin());
        Optional<RulesetVersion> active = versions.active();
        boolean folderChanged = versions.lastStartupVersion().map(last -> last != version.id()).orElse(true);
        if (active.isEmpty() || folderChanged) {
            RulesetVersion activated = versions.activate(version.id(), RulesetVersions.STARTUP,
                    "rules folder " + source.origin() + " at start-up");
            if (active.map(a -> a.id() != version.id()).orElse(true)) {
                audit.record("system", "RULESET_ACTIVATED", "ruleset version " + version.id(),
                        version.label() + " (" + version.sha256() + ") loaded at start-up from " + source.origin());
            }
            current.set(new LoadedRuleset(activated, rules));
        } else if (active.get().id() == version.id()) {
            current.set(new LoadedRuleset(active.get(), rules));
        } else {
            current.set(new LoadedRuleset(active.get(), compiler.compile(versions.source(active.get().id()))));
        }
    }

    /** Makes a compiled version the one new evaluations use; running evaluations keep the one they started with. */
    synchronized void swap(LoadedRuleset loaded) {
        current.set(loaded);
    }

    /**
     * Follows an activation made by another process (the command line, another instance): when the database names
     * another active version than the one in memory, that version is compiled and swapped in.
     */
    public synchronized LoadedRuleset synchronizeWithDatabase() {
        LoadedRuleset loaded = current.get();
        Optional<RulesetVersion> active = versions.active();
        if (active.isPresent() && (loaded == null || active.get().id() != loaded.version().id())) {
            loaded = new LoadedRuleset(active.get(), compiler.compile(versions.source(active.get().id())));
            current.set(loaded);
        }
        if (loaded == null) {
            throw new IllegalStateException("no ruleset is active");
        }
        return loaded;
    }

    /** The active ruleset; empty only while the application starts. */
    public Optional<LoadedRuleset> current() {
        return Optional.ofNullable(current.get());
    }

    public LoadedRuleset require() {
        return current().orElseThrow(() -> new IllegalStateException("no ruleset is loaded"));
    }

    /** A compiled ruleset together with the version it was recorded as. */
    public record LoadedRuleset(RulesetVersion version, CompiledRuleset rules) {
    }
}
