package io.territoryscorecard.ruleset.scenarios;

import io.territoryscorecard.ruleset.RulesetScenarios;
import io.territoryscorecard.ruleset.ScenarioReport;

import io.territoryscorecard.ruleset.CompiledRuleset;
import io.territoryscorecard.ruleset.tables.DecisionTable;
import io.territoryscorecard.ruleset.RuleProblem;
import io.territoryscorecard.ruleset.RulesetCompilationException;
import io.territoryscorecard.ruleset.RulesetCompiler;
import io.territoryscorecard.ruleset.RulesetSource;
import io.territoryscorecard.ruleset.scenarios.ScenarioReader.InvalidScenarioException;
import io.territoryscorecard.ruleset.scenarios.ScenarioRunner.Outcome;
import io.territoryscorecard.ruleset.fact.Kpi;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A rules folder with its scenarios, for {@code rules test}: runs them ({@link RulesetScenarios}) and prints each
 * failure as "scenario file: name: expected X but was Y", then a summary.
 */
public final class ScenarioSuite {

    public static final String SCENARIOS = "scenarios";

    /** All passed. */
    static final int PASSED = 0;
    /** At least one scenario failed. */
    static final int FAILED = 1;
    /** The folder, its rules or a scenario file cannot be used. */
    public static final int INVALID = 2;

    private final RulesetCompiler compiler;
    private final List<Kpi> catalogue;

    public ScenarioSuite(RulesetCompiler compiler, List<Kpi> catalogue) {
        this.compiler = compiler;
        this.catalogue = List.copyOf(catalogue);
    }

    /** Runs the scenarios of a rules folder; returns {@link #PASSED}, {@link #FAILED} or {@link #INVALID}. */
    public int run(Path folder, PrintStream out, PrintStream err) {
        if (!Files.isDirectory(folder)) {
            err.println("The rules folder " + folder.toAbsolutePath().normalize() + " does not exist.");
            return INVALID;
        }
        RulesetSource rules = RulesetSource.fromFolder(folder);
        TreeMap<String, String> files = new TreeMap<>(rules.files());
        for (Path file : scenarioFiles(folder)) {
            try {
                files.put(relative(folder, file), Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                err.println(relative(folder, file) + ": cannot be read: " + e.getMessage());
                return INVALID;
            }
        }
        ScenarioReport report = RulesetScenarios.run(compiler, catalogue,
                new RulesetSource(rules.label(), files, rules.origin()));
        if (report.outcome() == ScenarioReport.Outcome.RULES_INVALID
                || report.outcome() == ScenarioReport.Outcome.SCENARIOS_INVALID) {
            err.println(report.summary() + (report.problems().isEmpty() ? "." : ":"));
            report.problems().forEach(problem -> err.println("  " + problem));
            return INVALID;
        }
        report.scenarios().forEach(scenario -> scenario.failures()
                .forEach(failure -> out.println(scenario.file() + ": " + scenario.name() + ": " + failure)));
        out.println(report.summary());
        return report.outcome() == ScenarioReport.Outcome.PASSED ? PASSED : FAILED;
    }

    /** The scenario files of a rules folder, in name order. */
    public static List<Path> scenarioFiles(Path folder) {
        Path scenarios = folder.resolve(SCENARIOS);
        if (!Files.isDirectory(scenarios)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(scenarios)) {
            return files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(".yaml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + scenarios, e);
        }
    }

    public static Set<String> ruleIds(CompiledRuleset rules) {
        return rules.ruleNames().stream().map(CompiledRuleset::ruleId).collect(Collectors.toSet());
    }

    static String relative(Path folder, Path file) {
        return folder.relativize(file).toString().replace('\\', '/');
    }
}
