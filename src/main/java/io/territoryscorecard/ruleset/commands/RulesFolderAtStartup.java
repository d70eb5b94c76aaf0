package io.territoryscorecard.ruleset.commands;

import io.territoryscorecard.ruleset.ActiveRuleset;
import io.territoryscorecard.ruleset.RuleProblem;
import io.territoryscorecard.ruleset.RulesetCompilationException;
import io.territoryscorecard.ruleset.RulesetService;
import io.territoryscorecard.ruleset.RulesetSource;
import io.territoryscorecard.ruleset.RulesetVersion;
import io.territoryscorecard.ruleset.RulesetVersions;

import io.territoryscorecard.cli.CommandLineMode;
import io.territoryscorecard.ruleset.ActiveRuleset.LoadedRuleset;
import io.territoryscorecard.ruleset.RulesetService.RulesetRejectedException;
import io.territoryscorecard.ruleset.RulesetService.Stored;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.stereotype.Component;

/**
 * What a server start does with the rules folder. When its files changed since the previous start (or no version is
 * active yet) they take the way of an upload: validated, stored and activated, with "start-up of HOST" as the actor.
 * A folder with errors is not activated: the active version stays and the errors are logged and shown in the health
 * details; only on a database without an active version does the start stop with them. Otherwise the active version
 * stays, which may be one activated since through the API. Commands never activate the folder: they evaluate with
 * the active version, and changing it is {@code rules store} and {@code rules activate}.
 */
@Component
public class RulesFolderAtStartup implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(RulesFolderAtStartup.class);
    private static final String LOCATION = "scorecard.ruleset.location";

    private final RulesetFolder folder;
    private final RulesetService rulesets;
    private final RulesetVersions versions;
    private final ActiveRuleset active;
    private final ConfigurableEnvironment environment;
    private final String command;
    private volatile Rejected rejected;

    RulesFolderAtStartup(RulesetFolder folder, RulesetService rulesets, RulesetVersions versions,
            ActiveRuleset active, ConfigurableEnvironment environment,
            @Value("${" + CommandLineMode.PROPERTY + ":}") String command) {
        this.folder = folder;
        this.rulesets = rulesets;
        this.versions = versions;
        this.active = active;
        this.environment = environment;
        this.command = command;
    }

    @Override
    public void afterPropertiesSet() {
        if (!command.isEmpty()) {
            warnThatCommandsIgnoreTheFolder();
            return;
        }
        RulesetSource source = folder.read();
        Optional<RulesetVersion> current = versions.active();
        boolean changed = versions.lastStartupVersion().flatMap(versions::find)
                .map(last -> !last.sha256().equals(source.sha256())).orElse(true);
        if (current.isPresent() && !changed) {
            log.info("Rules folder {} unchanged since the last start: ruleset version {} '{}' stays active",
                    source.origin(), current.get().id(), current.get().label());
        } else {
            register(source, current);
        }
        LoadedRuleset loaded = active.synchronizeWithDatabase();
        log.info("Evaluations use ruleset version {} '{}' ({} rules)", loaded.version().id(), loaded.version().label(),
                loaded.rules().ruleNames().size());
    }

    /** The folder read at this start when it was not activated for its errors. */
    public Optional<Rejected> rejected() {
        return Optional.ofNullable(rejected);
    }

    private void register(RulesetSource source, Optional<RulesetVersion> current) {
        String actor = Actors.startUp();
        String note = "rules folder " + source.origin() + " at start-up";
        try {
            Stored stored = rulesets.store(source, actor, note);
            stored.report().warnings().forEach(warning -> log.warn("Rules folder {}: {}", source.origin(), warning));
            rulesets.activate(stored.version().id(), actor, note);
        } catch (RulesetRejectedException e) {
            List<RuleProblem> errors = e.report().errors();
            if (current.isEmpty()) {
                // Nothing to evaluate with: stop the start, with every problem (RulesetFailureAnalyzer prints them).
                throw new RulesetCompilationException(source.origin(), errors);
            }
            rejected = new Rejected(source.origin(), source.sha256(), errors);
            log.error("The rules folder {} was not activated: it has {} error(s); ruleset version {} '{}' stays "
                    + "active. Fix the files and restart, or check them with: rules validate {}\n{}", source.origin(),
                    errors.size(), current.get().id(), current.get().label(), source.origin(),
                    errors.stream().map(problem -> "  " + problem).collect(Collectors.joining("\n")));
        }
    }

    private void warnThatCommandsIgnoreTheFolder() {
        PropertySource<?> arguments = environment.getPropertySources()
                .get(CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME);
        if (!command.equals("rules") && arguments != null && arguments.containsProperty(LOCATION)) {
            log.warn("--{} does not change the rules {} uses: commands use the database's active ruleset version. "
                    + "To make a folder the active version: rules store <folder> --note=\"...\", then rules activate "
                    + "<id>", LOCATION, command);
        }
    }

    /** A rules folder that failed validation at start-up, with its errors. */
    public record Rejected(String origin, String sha256, List<RuleProblem> errors) {
    }
}
