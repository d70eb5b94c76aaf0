package io.territoryscorecard.ruleset;

import io.territoryscorecard.ruleset.scenarios.Scenario;
import io.territoryscorecard.ruleset.scenarios.ScenarioReader;
import io.territoryscorecard.ruleset.scenarios.ScenarioRunner;
import io.territoryscorecard.ruleset.scenarios.ScenarioSuite;
import io.territoryscorecard.ruleset.tables.DecisionTable;

import io.territoryscorecard.measurement.KpiDefinition;
import io.territoryscorecard.measurement.Measurements;
import io.territoryscorecard.ruleset.scenarios.ScenarioReader.InvalidScenarioException;
import io.territoryscorecard.ruleset.ScenarioReport.Failure;
import io.territoryscorecard.ruleset.ScenarioReport.Outcome;
import io.territoryscorecard.ruleset.ScenarioReport.Result;
import io.territoryscorecard.ruleset.fact.Direction;
import io.territoryscorecard.ruleset.fact.Kpi;
import io.territoryscorecard.ruleset.fact.Perspective;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Runs the scenarios of a ruleset against its rules, with the database's KPI catalogue: what the workbench page, the
 * API ({@code POST /api/rulesets/scenarios}) and {@code rules test} show. The scenarios are the source's files
 * {@code scenarios/*.yaml}; the rules are compiled as for any other use (once per content).
 */
@Component
public class RulesetScenarios {

    private final RulesetCompiler compiler;
    private final Measurements measurements;
    private final RulesetSettings settings;

    RulesetScenarios(RulesetCompiler compiler, Measurements measurements, RulesetSettings settings) {
        this.compiler = compiler;
        this.measurements = measurements;
        this.settings = settings;
    }

    /**
     * The scenario files kept beside the rules folder the service was started with ({@code scenarios/*.yaml}), so that
     * a draft starts with the boundary suite: versions hold the rules only. Empty when the rules come from the jar.
     */
    public SortedMap<String, String> shipped() {
        SortedMap<String, String> found = new TreeMap<>();
        if (settings.location() == null || settings.location().startsWith("classpath:")) {
            return found;
        }
        Path scenarios = Path.of(settings.location()).resolve(ScenarioSuite.SCENARIOS);
        if (!Files.isDirectory(scenarios)) {
            return found;
        }
        try (Stream<Path> files = Files.list(scenarios)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String path = ScenarioSuite.SCENARIOS + "/" + file.getFileName();
                if (isScenarioFile(path)) {
                    found.put(path, Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the scenarios in " + scenarios.toAbsolutePath(), e);
        }
        return found;
    }

    /** Never throws for what an author can get wrong: rules or scenario files that cannot be used are in the report. */
    public ScenarioReport run(RulesetSource source) {
        return run(compiler, catalogue(measurements), source);
    }

    /** Whether a file of a ruleset (path relative to its folder) is a scenario file: {@code scenarios/*.yaml}. */
    public static boolean isScenarioFile(String relativePath) {
        String prefix = ScenarioSuite.SCENARIOS + "/";
        return relativePath.startsWith(prefix) && relativePath.endsWith(".yaml")
                && relativePath.indexOf('/', prefix.length()) < 0;
    }

    /** The KPI catalogue as the rules see it. */
    public static List<Kpi> catalogue(Measurements measurements) {
        return measurements.catalogue().stream().map(RulesetScenarios::toFact).toList();
    }

    public static ScenarioReport run(RulesetCompiler compiler, List<Kpi> catalogue, RulesetSource source) {
        CompiledRuleset rules;
        try {
            rules = compiler.compile(source);
        } catch (RulesetCompilationException e) {
            return invalid(source, Outcome.RULES_INVALID, "The rules in " + source.origin() + " do not compile",
                    e.problems());
        }
        Set<String> kpiCodes = catalogue.stream().map(Kpi::getCode).collect(Collectors.toSet());
        List<RuleProblem> unknownKpis = DecisionTable.unknownKpis(source, kpiCodes);
        if (!unknownKpis.isEmpty()) {
            return invalid(source, Outcome.RULES_INVALID, "The decision tables in " + source.origin()
                    + " name KPIs that are not in the catalogue", unknownKpis);
        }
        SortedMap<String, String> files = new TreeMap<>();
        source.files().forEach((path, text) -> {
            if (isScenarioFile(path)) {
                files.put(path, text);
            }
        });
        if (files.isEmpty()) {
            return invalid(source, Outcome.SCENARIOS_INVALID, "No scenario files (*.yaml) under "
                    + ScenarioSuite.SCENARIOS + "/ in " + source.origin(), List.of());
        }
        ScenarioReader reader = new ScenarioReader(kpiCodes, ScenarioSuite.ruleIds(rules));
        List<Scenario> scenarios = new ArrayList<>();
        List<RuleProblem> problems = new ArrayList<>();
        files.forEach((path, text) -> {
            try {
                scenarios.addAll(reader.read(path, text));
            } catch (InvalidScenarioException e) {
                problems.addAll(e.problems());
            }
        });
        if (!problems.isEmpty()) {
            return invalid(source, Outcome.SCENARIOS_INVALID, "These scenario files cannot be used", problems);
        }
        ScenarioRunner runner = new ScenarioRunner(rules, catalogue);
        List<Result> results = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            List<Failure> failures;
            try {
                failures = runner.run(scenario).failures();
            } catch (RuleFailure e) {
                // A rule that throws, loops or runs out of time fails the scenario it ran in, not the whole report.
                failures = List.of(new Failure("rules", "to run", e.getMessage(), "the rules failed: "
                        + e.getMessage()));
            }
            results.add(new Result(scenario.file(), scenario.line(), scenario.name(), failures));
        }
        long failed = results.stream().filter(result -> !result.passed()).count();
        return new ScenarioReport(source.label(), failed == 0 ? Outcome.PASSED : Outcome.FAILED,
                String.format("Ruleset %s, %d scenarios in %d files: %d passed, %d failed", source.label(),
                        results.size(), files.size(), results.size() - failed, failed),
                List.of(), files.size(), results);
    }

    private static ScenarioReport invalid(RulesetSource source, Outcome outcome, String summary,
            List<RuleProblem> problems) {
        return new ScenarioReport(source.label(), outcome, summary, problems, 0, List.of());
    }

    private static Kpi toFact(KpiDefinition kpi) {
        return new Kpi(kpi.code(), kpi.name(), Perspective.valueOf(kpi.perspective()),
                Direction.valueOf(kpi.direction()), kpi.unit());
    }
}
