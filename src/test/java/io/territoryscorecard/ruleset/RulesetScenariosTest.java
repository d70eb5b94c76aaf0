package io.territoryscorecard.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.territoryscorecard.DefaultRules;
import io.territoryscorecard.ruleset.ScenarioReport.Failure;
import io.territoryscorecard.ruleset.ScenarioReport.Outcome;
import io.territoryscorecard.ruleset.ScenarioReport.Result;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Scenarios run from files held in memory (a draft, an upload): a report for every outcome, never an exception. */
class RulesetScenariosTest {

    private static final String TWO_SCENARIOS = """
            scenarios:
              - name: revenue on target
                measurements:
                  - {kpi: REVENUE, actual: 100, target: 100}
                expect:
                  kpis:
                    REVENUE: {status: GREEN}

              - name: revenue at 95% of target
                measurements:
                  - {kpi: REVENUE, actual: 95, target: 100}
                expect:
                  kpis:
                    REVENUE: {status: GREEN, score: 80}
                  firedRules: [FLG-01]
            """;

    private final RulesetCompiler compiler = new RulesetCompiler(new RulesetSettings("rules", 500, null, null));

    @Test
    void reportsEveryScenarioWithItsFileLineAndWhatDiffered() {
        ScenarioReport report = run(defaultRulesWith(Map.of("scenarios/revenue.yaml", TWO_SCENARIOS)));

        assertThat(report.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(report.summary()).isEqualTo("Ruleset " + DefaultRules.label()
                + ", 2 scenarios in 1 files: 1 passed, 1 failed");
        assertThat(report.passed()).isEqualTo(1);
        assertThat(report.failed()).isEqualTo(1);
        assertThat(report.problems()).isEmpty();
        assertThat(report.scenarios()).hasSize(2);
        assertThat(report.scenarios().get(0)).isEqualTo(new Result("scenarios/revenue.yaml", 2, "revenue on target",
                List.of()));
        Result failed = report.scenarios().get(1);
        assertThat(failed.file()).isEqualTo("scenarios/revenue.yaml");
        assertThat(failed.line()).isEqualTo(9);
        assertThat(failed.passed()).isFalse();
        assertThat(failed.failures()).extracting(Failure::subject, Failure::expected, Failure::actual)
                .containsExactly(
                        tuple("KPI REVENUE status", "GREEN", "AMBER"),
                        tuple("KPI REVENUE score", "80", "70.00"),
                        tuple("rule FLG-01", "fired", failed.failures().get(2).actual()));
        assertThat(failed.failures().get(0).message()).isEqualTo("expected KPI REVENUE status GREEN but was AMBER");
        assertThat(failed.failures().get(2).actual()).startsWith("not fired (fired: ");
    }

    @Test
    void rulesThatDoNotCompileAreAReportWithTheirProblems() {
        Map<String, String> files = new TreeMap<>(Map.of("scenarios/revenue.yaml", TWO_SCENARIOS));
        files.put("70-broken.drl", """
                package scorecard;

                rule "BRK-01 Broken"
                when
                    Measurement(actual > 0
                then
                end
                """);

        ScenarioReport report = run(defaultRulesWith(files));

        assertThat(report.outcome()).isEqualTo(Outcome.RULES_INVALID);
        assertThat(report.summary()).endsWith("do not compile");
        assertThat(report.scenarios()).isEmpty();
        assertThat(report.problems()).isNotEmpty().allSatisfy(problem -> {
            assertThat(problem.file()).isEqualTo("70-broken.drl");
            assertThat(problem.line()).isBetween(3, 7);
        });
    }

    @Test
    void aScenarioFileThatIsNotYamlNamesFileLineAndColumn() {
        ScenarioReport report = run(defaultRulesWith(Map.of("scenarios/a-good.yaml", TWO_SCENARIOS,
                "scenarios/b-broken.yaml", "scenarios:\n  - name: x\n   expect: {}\n")));

        assertThat(report.outcome()).isEqualTo(Outcome.SCENARIOS_INVALID);
        assertThat(report.summary()).isEqualTo("These scenario files cannot be used");
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("scenarios/b-broken.yaml");
            assertThat(problem.line()).isEqualTo(3);
            assertThat(problem.column()).isEqualTo(4);
            assertThat(problem.message()).startsWith("this is not valid YAML: ");
        });
    }

    @Test
    void rulesWithoutScenariosSaySo() {
        ScenarioReport report = run(defaultRulesWith(Map.of("notes.yaml", TWO_SCENARIOS)));

        assertThat(report.outcome()).isEqualTo(Outcome.SCENARIOS_INVALID);
        assertThat(report.summary()).startsWith("No scenario files (*.yaml) under scenarios/");
    }

    @Test
    void scenarioFilesAreTheYamlFilesDirectlyUnderScenarios() {
        assertThat(RulesetScenarios.isScenarioFile("scenarios/flags.yaml")).isTrue();
        assertThat(RulesetScenarios.isScenarioFile("flags.yaml")).isFalse();
        assertThat(RulesetScenarios.isScenarioFile("scenarios/old/flags.yaml")).isFalse();
        assertThat(RulesetScenarios.isScenarioFile("scenarios/flags.yml")).isFalse();
    }

    @Test
    void theSameRulesAreCompiledOnceWhateverElseChanges() {
        long before = compiler.compilations();

        run(defaultRulesWith(Map.of("scenarios/revenue.yaml", TWO_SCENARIOS)));
        run(defaultRulesWith(Map.of("scenarios/other.yaml", TWO_SCENARIOS.replace("95", "96"))));
        RulesetSource relabelled = RulesetSource.fromFolder(Path.of("rules"));
        compiler.compile(new RulesetSource("another label", relabelled.files(), "elsewhere"));

        assertThat(compiler.compilations()).isEqualTo(before + 1);
    }

    @Test
    void rulesThatDoNotCompileAreNotCompiledAgainEither() {
        Map<String, String> broken = Map.of("70-broken.drl", "package scorecard;\nrule \"BRK-02\" when then\n");
        long before = compiler.compilations();

        ScenarioReport first = run(defaultRulesWith(broken));
        ScenarioReport second = run(defaultRulesWith(broken));

        assertThat(compiler.compilations()).isEqualTo(before + 1);
        assertThat(second.problems()).isEqualTo(first.problems()).isNotEmpty();
    }

    private ScenarioReport run(RulesetSource source) {
        return RulesetScenarios.run(compiler, RuleHarness.CATALOGUE, source);
    }

    private static RulesetSource defaultRulesWith(Map<String, String> files) {
        RulesetSource rules = RulesetSource.fromFolder(Path.of("rules"));
        TreeMap<String, String> all = new TreeMap<>(rules.files());
        all.putAll(files);
        return new RulesetSource(rules.label(), all, "a draft");
    }
}
