package io.territoryscorecard.ruleset.scenarios;

import io.territoryscorecard.ruleset.RuleProblem;

import io.territoryscorecard.ruleset.RuleHarness;
import io.territoryscorecard.ruleset.RulesetCompiler;
import io.territoryscorecard.ruleset.RulesetSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.territoryscorecard.DefaultRules;
import io.territoryscorecard.ruleset.fact.Kpi;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rules test [folder]}: what it prints and its exit code; and the errors of scenario files. */
class ScenarioSuiteTest {

    @TempDir
    Path folder;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Nested
    class TheSuite {

        @Test
        void aWrongExpectationIsReportedPreciselyAndExitsWithOne() throws IOException {
            copyDefaultRules();
            scenario("wrong.yaml", """
                    scenarios:
                      - name: revenue on target
                        measurements:
                          - {kpi: REVENUE, actual: 100, target: 100}
                        expect:
                          kpis:
                            REVENUE: {status: RED, score: 79, attainment: 1.0000, rules: [DQ-05, ATT-01, KST-01, KSC-02]}
                          perspectives:
                            FINANCIAL: {status: GREEN}
                          overall: {score: 80.004}
                          flags:
                            - {code: REVENUE_SHORTFALL}
                          noFlags:
                            - {code: MISSING_DATA, kpi: GROSS_MARGIN}
                          firedRules: [FLG-01]
                      - name: revenue just below target
                        measurements:
                          - {kpi: REVENUE, actual: 0.9999, target: 1}
                        expect:
                          kpis:
                            REVENUE: {status: AMBER, score: 79.98}
                    """);

            int exit = run();

            assertThat(exit).isEqualTo(ScenarioSuite.FAILED);
            assertThat(out().lines().toList()).containsExactly(
                    "scenarios/wrong.yaml: revenue on target: expected KPI REVENUE status RED but was GREEN",
                    "scenarios/wrong.yaml: revenue on target: expected KPI REVENUE score 79 but was 80.00",
                    "scenarios/wrong.yaml: revenue on target: expected KPI REVENUE rules [DQ-05, ATT-01, KST-01, KSC-02] "
                            + "but was [DQ-05, ATT-01, KST-01, KSC-01]",
                    "scenarios/wrong.yaml: revenue on target: expected flag REVENUE_SHORTFALL but was no "
                            + "REVENUE_SHORTFALL flag",
                    "scenarios/wrong.yaml: revenue on target: expected no flag MISSING_DATA kpi GROSS_MARGIN but was "
                            + "MISSING_DATA kpi GROSS_MARGIN perspective FINANCIAL severity LOW message \"Gross margin: "
                            + "no measurement for 2026-10\"",
                    "scenarios/wrong.yaml: revenue on target: expected rule FLG-01 to fire but was not fired (fired: "
                            + "ATT-01, DQ-01, DQ-05, KSC-01, KST-01, OST-01, OVR-01, PSC-01, PST-01, SET-01, SET-02, "
                            + "SET-03, SET-04, SET-05, SET-06, SET-07, SET-08)",
                    "Ruleset " + DefaultRules.label() + ", 2 scenarios in 1 files: 1 passed, 1 failed");
            assertThat(err()).isEmpty();
        }

        @Test
        void aWrongAlertExpectationIsReportedPreciselyAndExitsWithOne() throws IOException {
            copyDefaultRules();
            scenario("alerts.yaml", """
                    scenarios:
                      - name: revenue far below target
                        measurements:
                          - {kpi: REVENUE, actual: 72, target: 100}
                        expect:
                          alerts:
                            - {key: REVENUE_SHORTFALL/FINANCIAL/REVENUE, severity: MEDIUM}
                            - {code: DECLINING_TREND}
                          noAlerts:
                            - {key: OVERALL_RED//}
                          onlyAlerts: true
                      - name: revenue on target asks for no alert
                        measurements:
                          - {kpi: REVENUE, actual: 100, target: 100}
                        expect:
                          onlyAlerts: true
                          notFiredRules: [ALR-01, ALR-02]
                    """);

            int exit = run();

            assertThat(exit).isEqualTo(ScenarioSuite.FAILED);
            assertThat(out().lines().toList()).containsExactly(
                    "scenarios/alerts.yaml: revenue far below target: expected alert key "
                            + "REVENUE_SHORTFALL/FINANCIAL/REVENUE severity MEDIUM but was REVENUE_SHORTFALL kpi REVENUE "
                            + "perspective FINANCIAL severity HIGH message \"Revenue at 72.0% of target (limit 80%)\"",
                    "scenarios/alerts.yaml: revenue far below target: expected alert DECLINING_TREND but was no "
                            + "DECLINING_TREND alert",
                    "scenarios/alerts.yaml: revenue far below target: expected no alert key OVERALL_RED// but was "
                            + "OVERALL_RED severity HIGH message \"Overall score 33.00 is RED (below 60)\"",
                    "scenarios/alerts.yaml: revenue far below target: expected only the listed alerts but was also "
                            + "OVERALL_RED severity HIGH message \"Overall score 33.00 is RED (below 60)\"; "
                            + "REVENUE_SHORTFALL kpi REVENUE perspective FINANCIAL severity HIGH message \"Revenue at "
                            + "72.0% of target (limit 80%)\"",
                    "Ruleset " + DefaultRules.label() + ", 2 scenarios in 1 files: 1 passed, 1 failed");
            assertThat(err()).isEmpty();
        }

        @Test
        void aWrongLineageIsReportedWithTheRulesTheResultNames() throws IOException {
            copyDefaultRules();
            scenario("lineage.yaml", """
                    scenarios:
                      - name: revenue far below target
                        measurements:
                          - {kpi: REVENUE, actual: 72, target: 100}
                        expect:
                          perspectives:
                            FINANCIAL: {rules: [PSC-01]}
                          overall: {rules: [OVR-01, OST-01]}
                          flags:
                            - {code: REVENUE_SHORTFALL, rules: [FLG-02]}
                          alerts:
                            - {key: REVENUE_SHORTFALL/FINANCIAL/REVENUE, rules: [ALR-02]}
                    """);

            int exit = run();

            assertThat(exit).isEqualTo(ScenarioSuite.FAILED);
            assertThat(out().lines().toList()).containsExactly(
                    "scenarios/lineage.yaml: revenue far below target: expected perspective FINANCIAL rules [PSC-01] "
                            + "but was [PSC-01, PST-01]",
                    "scenarios/lineage.yaml: revenue far below target: expected flag REVENUE_SHORTFALL rules [FLG-02] "
                            + "but was REVENUE_SHORTFALL kpi REVENUE perspective FINANCIAL severity HIGH message "
                            + "\"Revenue at 72.0% of target (limit 80%)\" rules [FLG-01]",
                    "Ruleset " + DefaultRules.label() + ", 1 scenarios in 1 files: 0 passed, 1 failed");
        }

        @Test
        void theShippedScenariosPassWithExitCodeZero() {
            int exit = new ScenarioSuite(new RulesetCompiler(new RulesetSettings("rules", 500, null, null)), RuleHarness.CATALOGUE)
                    .run(Path.of("rules"), new PrintStream(out, true), new PrintStream(err, true));

            assertThat(exit).isEqualTo(ScenarioSuite.PASSED);
            assertThat(out()).matches("Ruleset " + Pattern.quote(DefaultRules.label())
                    + ", \\d+ scenarios in \\d+ files: \\d+ passed, 0 failed\n");
        }

        @Test
        void anInvalidScenarioFileExitsWithTwoNamingFileAndLine() throws IOException {
            copyDefaultRules();
            scenario("a-typo.yaml", """
                    scenarios:
                      - name: a typo
                        measurements:
                          - {kpi: REVENUE, actual: 1, target: 1}
                        expect:
                          kpis:
                            REVENUE: {scroe: 80}
                    """);
            scenario("b-broken.yaml", """
                    scenarios:
                      - name: broken
                        measurements: [
                    """);

            int exit = run();

            assertThat(exit).isEqualTo(ScenarioSuite.INVALID);
            assertThat(err()).contains("scenarios/a-typo.yaml:7:19: unknown key 'scroe' in a KPI expectation; the keys "
                    + "are attainment, dataQuality, rules, score, status, weight")
                    .contains("scenarios/b-broken.yaml:4:1: this is not valid YAML");
            assertThat(out()).isEmpty();
        }

        @Test
        void rulesThatDoNotCompileExitWithTwo() throws IOException {
            copyDefaultRules();
            Files.writeString(folder.resolve("thresholds.drl.csv"), "setting,value\nattainment_cap,abc\n");
            scenario("ok.yaml", "scenarios: []\n");

            assertThat(run()).isEqualTo(ScenarioSuite.INVALID);
            assertThat(err()).contains("do not compile")
                    .contains("thresholds.drl.csv:2:2: row 2, column \"value\": 'abc' is not a number");
        }

        @Test
        void aTableNamingAKpiOutsideTheCatalogueExitsWithTwo() throws IOException {
            copyDefaultRules();
            Files.writeString(folder.resolve("extra.drl.csv"), "setting,kpi,status,value\nkpi_status_from,REVENU,GREEN,1\n");
            scenario("ok.yaml", "scenarios: []\n");

            assertThat(run()).isEqualTo(ScenarioSuite.INVALID);
            assertThat(err()).contains("extra.drl.csv:2:2: row 2, column \"kpi\": unknown KPI 'REVENU'; the catalogue has ");
        }

        @Test
        void aMissingFolderOrNoScenariosExitWithTwo() throws IOException {
            assertThat(new ScenarioSuite(new RulesetCompiler(new RulesetSettings("x", 500, null, null)), RuleHarness.CATALOGUE)
                    .run(folder.resolve("nowhere"), new PrintStream(out, true), new PrintStream(err, true)))
                    .isEqualTo(ScenarioSuite.INVALID);
            assertThat(err()).contains("does not exist");

            copyDefaultRules();
            assertThat(run()).isEqualTo(ScenarioSuite.INVALID);
            assertThat(err()).contains("No scenario files (*.yaml)");
        }
    }

    @Nested
    class ScenarioFiles {

        private final ScenarioReader reader = new ScenarioReader(
                RuleHarness.CATALOGUE.stream().map(Kpi::getCode).collect(Collectors.toSet()),
                Set.of("DQ-01", "FLG-01"));

        @Test
        void readsEveryPart() {
            List<Scenario> scenarios = reader.read("s.yaml", """
                    scenarios:
                      - name: everything
                        period: 2026-03
                        measurements:
                          - {kpi: REVENUE, actual: 0.89996, target: 1}
                          - {kpi: GROSS_MARGIN}
                        previousScores: {1: 80.01, 3: 79}
                        expect:
                          kpis:
                            REVENUE: {status: RED, attainment: 0.9000, score: null}
                          perspectives:
                            FINANCIAL: {status: null}
                          overall: {score: 12.5}
                          flags:
                            - {code: MISSING_DATA, kpi: GROSS_MARGIN, perspective: FINANCIAL, severity: LOW, message: m}
                          noFlags: [{code: REVENUE_SHORTFALL}]
                          onlyFlags: true
                          firedRules: [DQ-01]
                          notFiredRules: [FLG-01]
                    """);

            Scenario scenario = scenarios.get(0);
            assertThat(scenario.line()).isEqualTo(2);
            assertThat(scenario.period()).isEqualTo("2026-03");
            assertThat(scenario.measurements()).containsExactly(
                    new Scenario.Measured("REVENUE", new java.math.BigDecimal("0.89996"), java.math.BigDecimal.ONE),
                    new Scenario.Measured("GROSS_MARGIN", null, null));
            assertThat(scenario.previousScores()).containsOnlyKeys(1, 3);
            var revenue = scenario.expect().kpis().get("REVENUE");
            assertThat(revenue.attainment().value()).isEqualByComparingTo("0.9");
            assertThat(revenue.score()).isEqualTo(new Scenario.Expected<>(null));
            assertThat(revenue.dataQuality()).isNull();
            assertThat(scenario.expect().onlyFlags()).isTrue();
            assertThat(scenario.expect().flags().get(0).toString())
                    .isEqualTo("MISSING_DATA kpi GROSS_MARGIN perspective FINANCIAL severity LOW message \"m\"");
        }

        @Test
        void readsAlertsByCodeOrKeyAndRefusesAKeyThatIsNotCodePerspectiveKpi() {
            Scenario scenario = reader.read("s.yaml", """
                    scenarios:
                      - name: alerts
                        expect:
                          alerts:
                            - {key: REVENUE_SHORTFALL/FINANCIAL/REVENUE, severity: HIGH}
                            - {code: OVERALL_RED, message: m}
                          noAlerts: [{key: DECLINING_TREND//}]
                          onlyAlerts: true
                    """).get(0);

            assertThat(scenario.expect().alerts()).containsExactly(
                    new Scenario.RaisedExpectation(null, "REVENUE_SHORTFALL/FINANCIAL/REVENUE", null, null,
                            io.territoryscorecard.ruleset.fact.Severity.HIGH, null, null),
                    new Scenario.RaisedExpectation("OVERALL_RED", null, null, null, null, "m", null));
            assertThat(scenario.expect().noAlerts()).extracting(Scenario.RaisedExpectation::key)
                    .containsExactly("DECLINING_TREND//");
            assertThat(scenario.expect().onlyAlerts()).isTrue();
            assertThat(scenario.expect().onlyFlags()).isFalse();

            assertThatThrownBy(() -> reader.read("s.yaml", """
                    scenarios:
                      - name: two parts
                        expect:
                          alerts: [{key: REVENUE_SHORTFALL/REVENUE}]
                      - name: unknown perspective
                        expect:
                          alerts: [{key: REVENUE_SHORTFALL/FINANCE/REVENUE}]
                      - name: unknown KPI
                        expect:
                          noAlerts: [{key: REVENUE_SHORTFALL/FINANCIAL/REVENU}]
                      - name: neither code nor key
                        expect:
                          alerts: [{severity: HIGH}]
                    """)).isInstanceOfSatisfying(ScenarioReader.InvalidScenarioException.class,
                    e -> assertThat(e.problems()).extracting(RuleProblem::toString).satisfiesExactly(
                            problem -> assertThat(problem).isEqualTo("s.yaml:4:22: 'REVENUE_SHORTFALL/REVENUE' is not a "
                                    + "key: write code/perspective/kpi, such as REVENUE_SHORTFALL/FINANCIAL/REVENUE, "
                                    + "CUSTOMER_AT_RISK/CUSTOMER/ or OVERALL_RED//"),
                            problem -> assertThat(problem).isEqualTo("s.yaml:7:22: 'FINANCE' is not a perspective: write "
                                    + "FINANCIAL, CUSTOMER, INTERNAL_PROCESS, LEARNING_GROWTH"),
                            problem -> assertThat(problem).startsWith("s.yaml:10:24: in key "
                                    + "'REVENUE_SHORTFALL/FINANCIAL/REVENU': unknown KPI 'REVENU'; the catalogue has "),
                            problem -> assertThat(problem).isEqualTo("s.yaml:13:16: an alert needs 'code:' or 'key:' "
                                    + "(code/perspective/kpi)")));
        }

        @Test
        void theDefaultPeriodIs2026_10() {
            assertThat(reader.read("s.yaml", "scenarios:\n  - {name: n, expect: {}}\n").get(0).period())
                    .isEqualTo("2026-10");
        }

        @Test
        void namesFileAndLineOfEachProblem() {
            assertThatThrownBy(() -> reader.read("s.yaml", """
                    scenarios:
                      - name: not a number
                        measurements:
                          - {kpi: REVENUE, actual: lots, target: 1}
                        expect: {}
                      - name: unknown KPI
                        measurements:
                          - {kpi: REVENU, actual: 1, target: 1}
                        expect: {}
                      - name: unknown rule
                        expect:
                          firedRules: [FLG-1]
                      - name: bad status
                        expect:
                          overall: {status: green}
                      - name: no expectations
                      - name: not a number
                        expect: {}
                      - measurements: []
                        expect: {}
                    """)).isInstanceOfSatisfying(ScenarioReader.InvalidScenarioException.class,
                    e -> assertThat(e.problems()).extracting(RuleProblem::toString).containsExactly(
                            "s.yaml:4:32: 'lots' is not a number",
                            "s.yaml:8:15: unknown KPI 'REVENU'; the catalogue has CUSTOMER_SATISFACTION, "
                                    + "EMPLOYEE_ENGAGEMENT, GROSS_MARGIN, LEAD_CONVERSION, MARKET_SHARE, "
                                    + "RETENTION_RATE, REVENUE, REVENUE_PER_REP, SALES_CYCLE_DAYS, SALES_GROWTH, "
                                    + "SKILL_CERTIFICATIONS, TRAINING_COMPLETION",
                            "s.yaml:12:20: unknown rule id 'FLG-1'; the ruleset's rules are DQ-01, FLG-01",
                            "s.yaml:15:25: 'green' is not a status: write GREEN, AMBER, RED",
                            "s.yaml:16:5: scenario 'no expectations' needs 'expect:', the results it checks",
                            "s.yaml:17:5: a second scenario named 'not a number': give each scenario its own name",
                            "s.yaml:19:5: a scenario needs 'name:'"));
        }

        @Test
        void badYamlNamesTheLine() {
            assertThatThrownBy(() -> reader.read("s.yaml", "scenarios:\n  - name: x\n   expect: {}\n"))
                    .isInstanceOfSatisfying(ScenarioReader.InvalidScenarioException.class,
                            e -> assertThat(e.problems()).extracting(RuleProblem::toString).singleElement().asString()
                                    .startsWith("s.yaml:3:4: this is not valid YAML"));
        }

        @Test
        void aYamlTagConstructsNothing() {
            assertThatThrownBy(() -> reader.read("s.yaml",
                    "scenarios:\n  - name: !!javax.script.ScriptEngineManager [x]\n    expect: {}\n"))
                    .isInstanceOfSatisfying(ScenarioReader.InvalidScenarioException.class,
                            e -> assertThat(e.problems()).extracting(RuleProblem::toString).containsExactly("s.yaml:2:11: this is not valid YAML: "
                                    + "Global tag is not allowed: tag:yaml.org,2002:javax.script.ScriptEngineManager"));
        }
    }

    private int run() {
        return new ScenarioSuite(new RulesetCompiler(new RulesetSettings(folder.toString(), 500, null, null)),
                RuleHarness.CATALOGUE).run(folder, new PrintStream(out, true), new PrintStream(err, true));
    }

    private void scenario(String name, String text) throws IOException {
        Files.createDirectories(folder.resolve("scenarios"));
        Files.writeString(folder.resolve("scenarios").resolve(name), text);
    }

    private void copyDefaultRules() throws IOException {
        try (var files = Files.list(Path.of("rules"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, folder.resolve(file.getFileName()));
            }
        }
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
