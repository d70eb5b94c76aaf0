package io.territoryscorecard.ruleset;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * The ruleset evaluations use: the database's active version, compiled. The server loads it at start-up (after
 * {@link RulesFolderAtStartup} has had its say); a command loads it when it first evaluates. An evaluation takes the
 * current {@link LoadedRuleset} once and keeps it to the end, so swapping the active one never disturbs a running
 * evaluation.
 */
@Component
public class ActiveRuleset {

    private final RulesetCompiler compiler;
    private final RulesetVersions versions;
    private final AtomicReference<LoadedRuleset> current = new AtomicReference<>();

    ActiveRuleset(RulesetCompiler compiler, RulesetVersions versions) {
        this.compiler = compiler;
        this.versions = versions;
    }

    /** Makes a compiled version the one new evaluations use; running evaluations keep the one they started with. */
    synchronized void swap(LoadedRuleset loaded) {
        current.set(loaded);
    }

    /**
     * The database's active version, compiled: when it is another one than the one in memory (activated by the
     * command line or another instance, or nothing loaded yet), that version is compiled and swapped in.
     *
     * @throws NoActiveRulesetException when the database has no active version
     */
    public synchronized LoadedRuleset synchronizeWithDatabase() {
        LoadedRuleset loaded = current.get();
        Optional<RulesetVersion> active = versions.active();
        if (active.isPresent() && (loaded == null || active.get().id() != loaded.version().id())) {
            loaded = new LoadedRuleset(active.get(), compiler.compile(versions.source(active.get().id())));
            current.set(loaded);
        }
        if (loaded == null) {
            throw new NoActiveRulesetException();
        }
        return loaded;
    }

    /** The loaded ruleset; empty while the server starts, and in a command until it first evaluates. */
    public Optional<LoadedRuleset> current() {
        return Optional.ofNullable(current.get());
    }

    public LoadedRuleset require() {
        return current().orElseThrow(() -> new IllegalStateException("no ruleset is loaded"));
    }

    /** A compiled ruleset together with the version it was recorded as. */
    public record LoadedRuleset(RulesetVersion version, CompiledRuleset rules) {
    }

    /** The database has no active ruleset version: nothing can be evaluated until one is stored and activated. */
    public static class NoActiveRulesetException extends IllegalStateException {

        NoActiveRulesetException() {
            super("no ruleset version is active in this database, so nothing was evaluated. Store the rules and "
                    + "activate them first: java -jar territory-scorecard.jar rules store <folder> --note=\"...\", "
                    + "then rules activate <id> (or both at once: rules store <folder> --activate)");
        }
    }
}
