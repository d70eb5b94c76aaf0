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

    @Override
    public void afterPropertiesSet() {
        if (command.equals("rules")) {
            // The rules commands compile the folders they are given themselves, and must report a folder that does
            // not compile with their own exit code; nor should checking a folder record it as a version.
            return;
        }
        RulesetSource source = folder.read();
        CompiledRuleset rules = compiler.compile(source);
        RulesetVersion version = versions.record(source, "start-up", "loaded from " + source.origin());
        if (!version.active()) {
            audit.record("system", "RULESET_ACTIVATED", "ruleset version " + version.id(),
                    version.label() + " (" + version.sha256() + ") loaded at start-up from " + source.origin());
        }
        current.set(new LoadedRuleset(versions.activate(version.id()), rules));
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
