package io.territoryscorecard.ruleset.scenarios;

import io.territoryscorecard.ruleset.RuleHarness;
import io.territoryscorecard.ruleset.CompiledRuleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.territoryscorecard.ruleset.scenarios.ScenarioRunner.Outcome;
import io.territoryscorecard.ruleset.fact.Kpi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The boundary suite: every scenario in rules/scenarios, run as a test of its own named "file: scenario", against the
 * default rules; and the scenarios that need a KPI with settings of its own, which the default rules do not give, run
 * against the default rules plus one settings file ({@link #OWN_SETTINGS}).
 */
class ScenarioTest {

    private static final Path RULES = Path.of("rules");
    /** A settings file giving REVENUE bands and a score line of its own (KST-02, KSC-04 .. KSC-06), with scenarios. */
    private static final Path OWN_SETTINGS = Path.of("src/test/resources/rulesets/kpi-own-settings");
    private static final String OWN_SETTINGS_FILE = "16-revenue-own-settings.drl";

    private static CompiledRuleset ownSettings;

    @TestFactory
    Stream<DynamicTest> everyShippedScenarioPasses() throws IOException {
        return tests(RuleHarness.defaultRuleset(), RULES, "");
    }

    @TestFactory
    Stream<DynamicTest> everyScenarioOfAKpiWithItsOwnSettingsPasses() throws IOException {
        return tests(ownSettingsRuleset(), OWN_SETTINGS, "kpi-own-settings/");
    }

    @Test
    void theScenariosFireEveryDefaultRule() throws IOException {
        Set<String> fired = new TreeSet<>();
        fired.addAll(firedRules(RuleHarness.defaultRuleset(), RULES));
        fired.addAll(firedRules(ownSettingsRuleset(), OWN_SETTINGS));

        assertThat(fired).containsAll(ScenarioSuite.ruleIds(RuleHarness.defaultRuleset()));
    }

    @Test
    void theScenariosNameEveryDefaultRule() throws IOException {
        String text = String.join("\n", readAll(RULES)) + "\n" + String.join("\n", readAll(OWN_SETTINGS));
        List<String> unnamed = ScenarioSuite.ruleIds(RuleHarness.defaultRuleset()).stream()
                .filter(id -> !text.contains(id)).sorted().toList();

        assertThat(unnamed).as("rule ids no scenario names").isEmpty();
    }

    @Test
    void theExampleInTheRulesReadmePasses() throws IOException {
        String readme = Files.readString(RULES.resolve("README.md"));
        int start = readme.indexOf("```yaml\n") + "```yaml\n".length();
        String example = readme.substring(start, readme.indexOf("```", start));

        Scenario scenario = reader(RuleHarness.defaultRuleset()).read("README.md", example).get(0);

        assertThat(new ScenarioRunner(RuleHarness.defaultRuleset(), RuleHarness.CATALOGUE).run(scenario).failures())
                .isEmpty();
    }

    /** One test per scenario; a failing one names its file and scenario and lists what differed, a line each. */
    private static Stream<DynamicTest> tests(CompiledRuleset rules, Path folder, String prefix) throws IOException {
        ScenarioRunner runner = new ScenarioRunner(rules, RuleHarness.CATALOGUE);
        return scenarios(rules, folder).stream().map(scenario -> {
            String name = prefix + scenario.file() + ": " + scenario.name();
            return DynamicTest.dynamicTest(name, () -> {
                Outcome outcome = runner.run(scenario);
                if (!outcome.passed()) {
                    fail(outcome.failures().stream().map(failure -> name + ": " + failure)
                            .collect(Collectors.joining("\n")));
                }
            });
        });
    }

    private static Set<String> firedRules(CompiledRuleset rules, Path folder) throws IOException {
        ScenarioRunner runner = new ScenarioRunner(rules, RuleHarness.CATALOGUE);
        Set<String> fired = new TreeSet<>();
        for (Scenario scenario : scenarios(rules, folder)) {
            fired.addAll(runner.run(scenario).firedRules());
        }
        return fired;
    }

    private static List<Scenario> scenarios(CompiledRuleset rules, Path folder) throws IOException {
        ScenarioReader reader = reader(rules);
        List<Scenario> scenarios = new ArrayList<>();
        for (Path file : ScenarioSuite.scenarioFiles(folder)) {
            scenarios.addAll(reader.read(ScenarioSuite.relative(folder, file), Files.readString(file)));
        }
        assertThat(scenarios).as("scenarios in " + folder).isNotEmpty();
        return scenarios;
    }

    private static ScenarioReader reader(CompiledRuleset rules) {
        return new ScenarioReader(RuleHarness.CATALOGUE.stream().map(Kpi::getCode).collect(Collectors.toSet()),
                ScenarioSuite.ruleIds(rules));
    }

    private static synchronized CompiledRuleset ownSettingsRuleset() throws IOException {
        if (ownSettings == null) {
            ownSettings = RuleHarness.compileDefaultChanged(Map.of(OWN_SETTINGS_FILE,
                    Files.readString(OWN_SETTINGS.resolve(OWN_SETTINGS_FILE)).getBytes(StandardCharsets.UTF_8)),
                    List.of());
        }
        return ownSettings;
    }

    private static List<String> readAll(Path folder) throws IOException {
        List<String> texts = new ArrayList<>();
        for (Path file : ScenarioSuite.scenarioFiles(folder)) {
            texts.add(Files.readString(file));
        }
        return texts;
    }
}
