package io.territoryscorecard.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import io.territoryscorecard.ruleset.ScenarioRunner.Outcome;
import io.territoryscorecard.ruleset.fact.Kpi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The scenarios shipped in rules/scenarios, run as tests: one test per scenario. */
class ScenarioTest {

    private static final Path RULES = Path.of("rules");
    /** Rules for a KPI's own bands and score line: the default settings give no KPI its own, DefaultRulesetTest does. */
    private static final Set<String> TESTED_ELSEWHERE = Set.of("KST-02", "KSC-04", "KSC-05", "KSC-06");

    @TestFactory
    Stream<DynamicTest> everyShippedScenarioPasses() throws IOException {
        ScenarioRunner runner = new ScenarioRunner(RuleHarness.defaultRuleset(), RuleHarness.CATALOGUE);
        return shippedScenarios().stream().map(scenario -> DynamicTest.dynamicTest(
                scenario.file() + ": " + scenario.name(), () -> {
                    Outcome outcome = runner.run(scenario);
                    assertThat(outcome.failures()).as(scenario.file() + ": " + scenario.name()).isEmpty();
                }));
    }

    @Test
    void theShippedScenariosFireEveryDefaultRule() throws IOException {
        ScenarioRunner runner = new ScenarioRunner(RuleHarness.defaultRuleset(), RuleHarness.CATALOGUE);
        Set<String> fired = new TreeSet<>();
        for (Scenario scenario : shippedScenarios()) {
            fired.addAll(runner.run(scenario).firedRules());
        }
        Set<String> all = ScenarioSuite.ruleIds(RuleHarness.defaultRuleset());

        assertThat(fired).containsAll(all.stream().filter(id -> !TESTED_ELSEWHERE.contains(id)).toList());
    }

    @Test
    void theShippedScenariosNameEveryDefaultRule() throws IOException {
        String text = String.join("\n", readAll());
        List<String> unnamed = ScenarioSuite.ruleIds(RuleHarness.defaultRuleset()).stream()
                .filter(id -> !TESTED_ELSEWHERE.contains(id)).filter(id -> !text.contains(id)).sorted().toList();

        assertThat(unnamed).as("rule ids no scenario names").isEmpty();
    }

    @Test
    void theExampleInTheRulesReadmePasses() throws IOException {
        String readme = Files.readString(RULES.resolve("README.md"));
        int start = readme.indexOf("```yaml\n") + "```yaml\n".length();
        String example = readme.substring(start, readme.indexOf("```", start));
        ScenarioReader reader = new ScenarioReader(
                RuleHarness.CATALOGUE.stream().map(Kpi::getCode).collect(Collectors.toSet()),
                ScenarioSuite.ruleIds(RuleHarness.defaultRuleset()));

        Scenario scenario = reader.read("README.md", example).get(0);

        assertThat(new ScenarioRunner(RuleHarness.defaultRuleset(), RuleHarness.CATALOGUE).run(scenario).failures())
                .isEmpty();
    }

    private static List<Scenario> shippedScenarios() throws IOException {
        ScenarioReader reader = new ScenarioReader(
                RuleHarness.CATALOGUE.stream().map(Kpi::getCode).collect(Collectors.toSet()),
                ScenarioSuite.ruleIds(RuleHarness.defaultRuleset()));
        List<Scenario> scenarios = new ArrayList<>();
        for (Path file : ScenarioSuite.scenarioFiles(RULES)) {
            scenarios.addAll(reader.read(ScenarioSuite.relative(RULES, file), Files.readString(file)));
        }
        assertThat(scenarios).hasSizeGreaterThan(50);
        return scenarios;
    }

    private static List<String> readAll() throws IOException {
        List<String> texts = new ArrayList<>();
        for (Path file : ScenarioSuite.scenarioFiles(RULES)) {
            texts.add(Files.readString(file));
        }
        return texts;
    }
}
