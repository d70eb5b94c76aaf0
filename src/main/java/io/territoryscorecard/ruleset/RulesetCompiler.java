package io.territoryscorecard.ruleset;

import io.territoryscorecard.ruleset.tables.DecisionTable;
import io.territoryscorecard.ruleset.engine.RuleLocator;
import io.territoryscorecard.ruleset.engine.RuleWorkers;
import io.territoryscorecard.ruleset.engine.RuleWorker.Compile;
import io.territoryscorecard.ruleset.engine.RuleWorker.Compiled;
import io.territoryscorecard.ruleset.engine.RuleWorker.Failed;
import io.territoryscorecard.ruleset.engine.RuleWorker.Refused;
import io.territoryscorecard.ruleset.engine.RuleWorker.Reply;
import io.territoryscorecard.ruleset.CompilationCache.Kept;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Compiles rule files and reports every problem as file:line:column. The compiling itself happens in a rule worker
 * process ({@link RuleWorkers}): building the rules runs some of their code, and no code from user rules runs in the
 * service. Decision tables are read here, into settings facts ({@link DecisionTable}); they travel with the rule files
 * in the {@link Compile} request, and the worker inserts them into every session before the settings phase, next to
 * the facts the DRL settings rules insert. The same files are compiled once ({@link CompilationCache}).
 */
@Component
public class RulesetCompiler {

    private final RulesetSettings settings;
    private final RuleWorkers workers;
    private final CompilationCache cache = new CompilationCache();

    public RulesetCompiler(RulesetSettings settings) {
        this.settings = settings;
        this.workers = RuleWorkers.shared(settings.workers(), settings.workerHeap());
    }

    public CompiledRuleset compile(RulesetSource source) {
        List<RuleProblem> problems = new ArrayList<>();
        List<Object> tableSettings = DecisionTable.settingsOf(source);
        TreeMap<String, String> ruleFiles = new TreeMap<>(source.ruleFiles());
        if (ruleFiles.isEmpty()) {
            problems.add(new RuleProblem(source.origin(), 0, 0, "no rule files (*.drl) found"));
            throw new RulesetCompilationException(source.origin(), problems);
        }
        long maxBytes = settings.maxFileSize().toBytes();
        source.files().forEach((path, content) -> {
            long size = content.getBytes(StandardCharsets.UTF_8).length;
            if (size > maxBytes) {
                problems.add(new RuleProblem(path, 0, 0, "the file has " + size + " bytes; a rule file may have at "
                        + "most " + maxBytes + " (split it: one concern per file)"));
            }
        });
        if (!problems.isEmpty()) {
            throw new RulesetCompilationException(source.origin(), problems);
        }
        // The tables are part of what a worker keeps the compiled rules by.
        TreeMap<String, String> keyed = new TreeMap<>(ruleFiles);
        source.files().forEach((path, content) -> {
            if (DecisionTable.isTable(path)) {
                keyed.put(path, content);
            }
        });
        Compile compile = new Compile(RulesetSource.sha256(keyed), source.origin(), ruleFiles, tableSettings,
                settings.timeBudget());
        Kept kept = cache.get(compile.key());
        if (kept == null) {
            Reply reply = workers.call(compile, null);
            // A build that failed (a rule ran out of time while it was built, a worker died) may not fail again.
            kept = reply instanceof Refused refused ? new Kept(null, refused.problems())
                    : reply instanceof Compiled compiled ? new Kept(compiled.ruleNames(), null) : null;
            cache.compiled(compile.key(), kept);
            if (reply instanceof Failed failed) {
                RuntimeException failure = CompiledRuleset.failure(failed, settings.timeBudget(), workers);
                RuleLocator locator = new RuleLocator(ruleFiles);
                throw new RulesetCompilationException(source.origin(),
                        List.of(locator.locate(failed.rule(), "building the rules failed: " + failure.getMessage())));
            }
        }
        if (kept.ruleNames() == null) {
            throw new RulesetCompilationException(source.origin(), kept.problems());
        }
        return new CompiledRuleset(source, kept.ruleNames(), workers, compile, settings.maxFiringsPerTerritory(),
                settings.timeBudget());
    }

    /** How many compilations this compiler asked of a worker (files compiled before are not compiled again). */
    long compilations() {
        return cache.compilations();
    }
}
