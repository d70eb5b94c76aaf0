package io.territoryscorecard.ruleset.scenarios;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A rules folder with its scenarios: compiles the rules, reads every {@code scenarios/*.yaml}, runs each scenario and
 * reports failures as "scenario file: name: expected X but was Y".
 */
public final class ScenarioSuite {

    static final String SCENARIOS = "scenarios";

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
        RulesetSource source = RulesetSource.fromFolder(folder);
        CompiledRuleset rules;
        try {
            rules = compiler.compile(source);
        } catch (RulesetCompilationException e) {
            err.println("The rules in " + source.origin() + " do not compile:");
            e.problems().forEach(problem -> err.println("  " + problem));
            return INVALID;
        }
        Set<String> kpiCodes = catalogue.stream().map(Kpi::getCode).collect(Collectors.toSet());
        List<RuleProblem> unknownKpis = DecisionTable.unknownKpis(source, kpiCodes);
        if (!unknownKpis.isEmpty()) {
            err.println("The decision tables in " + source.origin() + " name KPIs that are not in the catalogue:");
            unknownKpis.forEach(problem -> err.println("  " + problem));
            return INVALID;
        }
        List<Path> files = scenarioFiles(folder);
        if (files.isEmpty()) {
            err.println("No scenario files (*.yaml) in " + folder.resolve(SCENARIOS).toAbsolutePath().normalize() + ".");
            return INVALID;
        }
        ScenarioReader reader = new ScenarioReader(kpiCodes, ruleIds(rules));
        List<Scenario> scenarios = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            try {
                scenarios.addAll(reader.read(relative(folder, file), Files.readString(file, StandardCharsets.UTF_8)));
            } catch (InvalidScenarioException e) {
                problems.addAll(e.problems());
            } catch (IOException e) {
                problems.add(relative(folder, file) + ":0: cannot be read: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            err.println("These scenario files cannot be used:");
            problems.forEach(problem -> err.println("  " + problem));
            return INVALID;
        }
        ScenarioRunner runner = new ScenarioRunner(rules, catalogue);
        int failed = 0;
        for (Scenario scenario : scenarios) {
            Outcome outcome = runner.run(scenario);
            outcome.failures().forEach(failure -> out.println(scenario.file() + ": " + scenario.name() + ": " + failure));
            failed += outcome.passed() ? 0 : 1;
        }
        out.printf("Ruleset %s, %d scenarios in %d files: %d passed, %d failed%n", source.label(), scenarios.size(),
                files.size(), scenarios.size() - failed, failed);
        return failed == 0 ? PASSED : FAILED;
    }

    /** The scenario files of a rules folder, in name order. */
    static List<Path> scenarioFiles(Path folder) {
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

    static Set<String> ruleIds(CompiledRuleset rules) {
        return rules.ruleNames().stream().map(CompiledRuleset::ruleId).collect(Collectors.toSet());
    }

    static String relative(Path folder, Path file) {
        return folder.relativize(file).toString().replace('\\', '/');
    }
}
