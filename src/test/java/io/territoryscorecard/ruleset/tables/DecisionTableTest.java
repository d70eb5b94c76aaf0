package io.territoryscorecard.ruleset.tables;

import io.territoryscorecard.ruleset.CompiledRuleset;
import io.territoryscorecard.ruleset.RuleHarness;
import io.territoryscorecard.ruleset.RuleProblem;
import io.territoryscorecard.ruleset.RulesetCompilationException;
import io.territoryscorecard.ruleset.RulesetSource;
import io.territoryscorecard.ruleset.TerritoryAssessment;
import io.territoryscorecard.ruleset.TerritoryFacts;
import io.territoryscorecard.ruleset.Workbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.territoryscorecard.ruleset.fact.Kpi;
import io.territoryscorecard.ruleset.fact.Measurement;
import io.territoryscorecard.ruleset.fact.PreviousScore;
import io.territoryscorecard.ruleset.fact.RollupSetting;
import io.territoryscorecard.ruleset.fact.Status;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Decision tables: the format, the settings facts their rows become, and every cell-level error. */
class DecisionTableTest {

    private static final Path EXAMPLE_CSV = Path.of("rules/examples/thresholds.drl.csv");
    private static final Path EXAMPLE_XLSX = Path.of("rules/examples/thresholds.drl.xlsx");
    private static final List<String> SETTINGS_FILES = List.of("10-kpi-weights.drl", "11-perspective-weights.drl",
            "12-kpi-status-bands.drl", "13-score-breakpoints.drl", "14-score-status-bands.drl", "15-flag-limits.drl");
    private static final Pattern DECIMAL = Pattern.compile("\\d+\\.\\d+");

    @Nested
    class TheExampleTables {

        @Test
        void becomeTheSettingsFactsTheDrlFilesInsert() throws IOException {
            List<String> facts = facts("thresholds.drl.csv", Files.readString(EXAMPLE_CSV));

            // a number reads as its value (1.00 is 1), as the imports read it; the DRL files write 1.00
            assertThat(facts).contains("KpiWeight[REVENUE 2]", "PerspectiveWeight[FINANCIAL 40]",
                    "AttainmentLimit[GREEN from 1]", "AttainmentLimit[AMBER from 0.9]", "AttainmentCap[1.5]",
                    "ScoreBreakpoint[0.5 -> 0]", "ScoreLimit[AMBER from 60]", "FlagLimit[REVENUE_SHORTFALL 0.8]")
                    .containsExactlyInAnyOrderElementsOf(defaultSettings());
        }

        @Test
        void holdTheSameValuesInTheWorkbookAsInTheCsv() throws IOException {
            List<String> csv = facts("t.drl.csv", Files.readString(EXAMPLE_CSV));
            List<String> xlsx = facts("t.drl.xlsx", Base64.getEncoder().encodeToString(
                    Files.readAllBytes(EXAMPLE_XLSX)));

            assertThat(xlsx).containsExactlyElementsOf(csv).hasSize(27);
        }

        /**
         * The default ruleset's settings facts of files 10 to 15 (what a table replaces; the roll-up method of
         * 16-rollups.drl stays a rule) with their numbers as values: "AttainmentLimit[GREEN from 1]".
         */
        private static List<String> defaultSettings() {
            return RuleHarness.defaultRuleset().settings().stream().filter(fact -> !(fact instanceof RollupSetting))
                    .map(DecisionTableTest::asValues).toList();
        }

        /**
         * The same statuses, scores, flags and alerts; a table's numbers are values, so where an explanation quotes a
         * limit it shows 0.9 for the DRL file's 0.90, which the comparison leaves aside.
         */
        @ParameterizedTest(name = "{0} instead of the settings files scores like the default ruleset")
        @ValueSource(strings = {"thresholds.drl.csv", "thresholds.drl.xlsx"})
        void scoreLikeTheDefaultSettingsFiles(String table) throws IOException {
            CompiledRuleset fromTable = RuleHarness.compileDefaultChanged(
                    Map.of(table, Files.readAllBytes(Path.of("rules/examples", table))), SETTINGS_FILES);
            assertThat(fromTable.ruleNames()).filteredOn(name -> name.startsWith("SET-"))
                    .containsExactly("SET-08 Region and company roll-up method");
            assertThat(fromTable.settings()).filteredOn(fact -> !(fact instanceof RollupSetting)).map(Object::toString)
                    .containsExactlyInAnyOrderElementsOf(defaultSettings());

            List<TerritoryFacts> territories = territories();
            List<TerritoryAssessment> expected = RuleHarness.defaultRuleset().assess(RuleHarness.PERIOD,
                    RuleHarness.CATALOGUE, territories);
            List<TerritoryAssessment> actual = fromTable.assess(RuleHarness.PERIOD, RuleHarness.CATALOGUE, territories);

            for (int i = 0; i < expected.size(); i++) {
                assertThat(asValues(actual.get(i))).as(expected.get(i).territory()).isEqualTo(asValues(expected.get(i)));
            }
            assertThat(actual).hasSameSizeAs(expected);
            // the range covers what the settings decide: every status, flags, a missing overall score
            assertThat(expected).flatExtracting(TerritoryAssessment::kpis).extracting(k -> k.status())
                    .contains(Status.GREEN, Status.AMBER, Status.RED, null);
            assertThat(expected).flatExtracting(TerritoryAssessment::flags).extracting(f -> f.code())
                    .contains("REVENUE_SHORTFALL", "CUSTOMER_AT_RISK", "PERSPECTIVE_RED", "MULTIPLE_RED_KPIS",
                            "DECLINING_TREND", "MISSING_DATA", "INVALID_DATA");
        }

        /** Every boundary attainment for every KPI, plus random territories (fixed seed) with earlier scores. */
        private static List<TerritoryFacts> territories() {
            String[] boundaries = {"0", "0.4999", "0.50", "0.5001", "0.7999", "0.80", "0.8999", "0.90", "0.9001",
                "0.95", "0.9999", "1.00", "1.0001", "1.1999", "1.20", "1.2001", "1.4999", "1.50", "1.5001", "3"};
            List<TerritoryFacts> territories = new ArrayList<>();
            for (String attainment : boundaries) {
                List<Measurement> measurements = new ArrayList<>();
                for (Kpi kpi : RuleHarness.CATALOGUE) {
                    measurements.add(new Measurement("B-" + attainment, kpi, new BigDecimal(attainment),
                            BigDecimal.ONE));
                }
                territories.add(new TerritoryFacts("B-" + attainment, measurements, List.of()));
            }
            Random random = new Random(20261027);
            for (int t = 0; t < 200; t++) {
                String territory = "R-" + t;
                List<Measurement> measurements = new ArrayList<>();
                for (Kpi kpi : RuleHarness.CATALOGUE) {
                    int pick = random.nextInt(20);
                    if (pick == 0) {
                        continue; // missing
                    }
                    BigDecimal actual = pick == 1 ? null : BigDecimal.valueOf(random.nextInt(16_000), 4);
                    BigDecimal target = pick == 2 ? BigDecimal.ZERO : BigDecimal.ONE;
                    measurements.add(new Measurement(territory, kpi, actual, target));
                }
                List<PreviousScore> previous = new ArrayList<>();
                for (int back = 1; back <= 3; back++) {
                    previous.add(new PreviousScore(territory, "2026-0" + (10 - back), back,
                            BigDecimal.valueOf(random.nextInt(10_000), 2)));
                }
                territories.add(new TerritoryFacts(territory, measurements, previous));
            }
            territories.add(new TerritoryFacts("D-1", List.of(new Measurement("D-1", RuleHarness.kpi("REVENUE"),
                    BigDecimal.ONE, BigDecimal.ONE)), List.of(
                    new PreviousScore("D-1", "2026-09", 1, new BigDecimal("81")),
                    new PreviousScore("D-1", "2026-08", 2, new BigDecimal("82")),
                    new PreviousScore("D-1", "2026-07", 3, new BigDecimal("83")))));
            return territories;
        }
    }

    @Nested
    class TheFormat {

        @Test
        void takesColumnsInAnyOrderAndCaseAndOnlyThoseTheSettingsNeed() {
            List<String> facts = csv("""
                    kpi,Value,SETTING

                    REVENUE,2,kpi_weight
                    SALES_GROWTH,1,KPI_Weight
                    """);

            assertThat(facts).containsExactly("KpiWeight[REVENUE 2]", "KpiWeight[SALES_GROWTH 1]");
        }

        @Test
        void readsSemicolonSeparatedFilesAndQuotedCellsAsTheImportsDo() {
            assertThat(csv("setting;value;note\nattainment_cap;\"1.5\";\"no more; not ever\"\n"))
                    .containsExactly("AttainmentCap[1.5]");
        }

        @Test
        void givesAKpiItsOwnLimitsAndScoreLineWithTheKpiColumn() {
            List<String> facts = csv("""
                    setting,kpi,status,attainment,value
                    kpi_status_from,REVENUE,GREEN,,1.05
                    kpi_status_from,REVENUE,AMBER,,0.95
                    kpi_status_from,,GREEN,,1.00
                    score_breakpoint,REVENUE,,0.8,0
                    score_breakpoint,,,0.5,0
                    """);

            assertThat(facts).containsExactly("REVENUE AttainmentLimit[GREEN from 1.05]",
                    "REVENUE AttainmentLimit[AMBER from 0.95]", "AttainmentLimit[GREEN from 1]",
                    "ScoreBreakpoint[REVENUE 0.8 -> 0]", "ScoreBreakpoint[0.5 -> 0]");
        }

        @Test
        void readsNumbersAsTheirValueAndCodesAndChoicesInAnyCase() {
            List<String> facts = csv("""
                    setting,flag,perspective,status,value
                    flag_limit,a,,,1E+2
                    flag_limit,B,,, 0.800
                    flag_limit,C_1,,,-0.5
                    perspective_weight,,financial,,40.0
                    score_status_from,,,green,80
                    """);

            assertThat(facts).containsExactly("FlagLimit[A 100]", "FlagLimit[B 0.8]", "FlagLimit[C_1 -0.5]",
                    "PerspectiveWeight[FINANCIAL 40]", "ScoreLimit[GREEN from 80]");
        }

        @Test
        void aKpisOwnLimitWorksWhenCompiled() {
            CompiledRuleset rules = RuleHarness.compileDefaultChanged(Map.of("16-revenue.drl.csv", """
                    setting,kpi,status,value
                    kpi_status_from,REVENUE,GREEN,1.05
                    kpi_status_from,REVENUE,AMBER,0.95
                    """.getBytes(StandardCharsets.UTF_8)), List.of());

            var revenue = RuleHarness.with(rules).attainment("REVENUE", "1.0499").assess().kpi("REVENUE");
            assertThat(revenue.status()).isEqualTo(Status.AMBER);
            assertThat(revenue.explanation().rules()).contains("KST-02");
        }
    }

    @Nested
    class CellErrors {

        @Test
        void aTextWhereANumberBelongsNamesFileRowAndColumn() {
            RuleProblem problem = onlyProblem("thresholds.drl.csv", "setting,value\nattainment_cap,1.5x\n");

            assertThat(problem).isEqualTo(new RuleProblem("thresholds.drl.csv", 2, 2,
                    "row 2, column \"value\": '1.5x' is not a number"));
            assertThat(problem.toString())
                    .isEqualTo("thresholds.drl.csv:2:2: row 2, column \"value\": '1.5x' is not a number");
        }

        @Test
        void aDecimalCommaGetsAHint() {
            assertThat(onlyProblem("t.drl.csv", "setting,value\nattainment_cap,\"1,5\"\n").message())
                    .isEqualTo("row 2, column \"value\": '1,5' has a decimal comma; use a decimal point: 1.5");
            assertThat(onlyProblem("t.drl.csv", "setting,value\nattainment_cap,1,5\n").message())
                    .isEqualTo("row 2: 3 values, but the header has 2 columns (a value holding a comma must be quoted; "
                            + "a decimal comma such as 1,5 must be written 1.5)");
        }

        @Test
        void anEmptyCellTheSettingNeeds() {
            assertThat(onlyProblem("t.drl.csv", "setting,kpi,value\nkpi_weight,REVENUE,\n").message())
                    .isEqualTo("row 2, column \"value\": empty; kpi_weight needs a number");
            assertThat(onlyProblem("t.drl.csv", "setting,status,value\nscore_status_from,,60\n").message())
                    .isEqualTo("row 2, column \"status\": empty; score_status_from needs a status (GREEN or AMBER)");
            assertThat(onlyProblem("t.drl.csv", "setting,value\n,60\n").message())
                    .isEqualTo("row 2, column \"setting\": empty; every row needs a setting: kpi_weight, "
                            + "perspective_weight, kpi_status_from, attainment_cap, score_breakpoint, "
                            + "score_status_from, flag_limit");
        }

        @Test
        void aCellTheSettingDoesNotUse() {
            RuleProblem problem = onlyProblem("t.drl.csv", "setting,kpi,value\nattainment_cap,REVENUE,1.5\n");

            assertThat(problem).isEqualTo(new RuleProblem("t.drl.csv", 2, 2,
                    "row 2, column \"kpi\": attainment_cap does not use this column; leave it empty"));
        }

        @Test
        void anUnknownColumnIsReportedInTheHeader() {
            RuleProblem problem = onlyProblem("t.drl.csv", "setting,value,colour\nattainment_cap,1.5,red\n");

            assertThat(problem).isEqualTo(new RuleProblem("t.drl.csv", 1, 3, "row 1, column C: unknown column "
                    + "'colour'; the columns are setting,kpi,perspective,status,flag,attainment,value,note"));
        }

        @Test
        void aColumnTheSettingsNeedIsReportedOnce() {
            assertThat(problems("t.drl.csv", "setting,value\nkpi_weight,2\nkpi_weight,3\n")).containsExactly(
                    new RuleProblem("t.drl.csv", 2, 0, "row 2: kpi_weight needs the column 'kpi', which the header "
                            + "does not have"));
        }

        @Test
        void aHeaderWithoutASettingColumn() {
            assertThat(problems("t.drl.csv", "kpi,weight\nREVENUE,2\n")).extracting(RuleProblem::toString)
                    .containsExactly("t.drl.csv:1:2: row 1, column B: unknown column 'weight'; the columns are "
                                    + "setting,kpi,perspective,status,flag,attainment,value,note",
                            "t.drl.csv:1:0: row 1: the first row must name the columns, with 'setting' among them: "
                                    + "setting,kpi,perspective,status,flag,attainment,value,note (the others as the "
                                    + "settings need them)");
        }

        @Test
        void anUnknownSettingStatusOrPerspectiveNamesTheAllowedValues() {
            assertThat(onlyProblem("t.drl.csv", "setting,value\nkpi_wieght,2\n").message())
                    .isEqualTo("row 2, column \"setting\": one of KPI_WEIGHT, PERSPECTIVE_WEIGHT, KPI_STATUS_FROM, "
                            + "ATTAINMENT_CAP, SCORE_BREAKPOINT, SCORE_STATUS_FROM, FLAG_LIMIT, not 'kpi_wieght'");
            assertThat(onlyProblem("t.drl.csv", "setting,status,value\nscore_status_from,BLUE,80\n").message())
                    .isEqualTo("row 2, column \"status\": one of GREEN, AMBER, not 'BLUE'");
            assertThat(onlyProblem("t.drl.csv", "setting,perspective,value\nperspective_weight,FINANCE,40\n").message())
                    .isEqualTo("row 2, column \"perspective\": one of FINANCIAL, CUSTOMER, INTERNAL_PROCESS, "
                            + "LEARNING_GROWTH, not 'FINANCE'");
        }

        @Test
        void redHasNoLimit() {
            assertThat(onlyProblem("t.drl.csv", "setting,status,value\nkpi_status_from,red,0.5\n").message())
                    .isEqualTo("row 2, column \"status\": RED has no limit: it is every value below the AMBER limit "
                            + "(below the GREEN limit when there is no AMBER row); leave the RED row out");
        }

        @Test
        void aBadCodeOrAWeightOfZero() {
            assertThat(onlyProblem("t.drl.csv", "setting,kpi,value\nkpi_weight,REV ENUE,2\n").message())
                    .isEqualTo("row 2, column \"kpi\": 'REV ENUE' is not a code: use letters, digits, '-', '_' and "
                            + "'.', starting with a letter or digit");
            assertThat(onlyProblem("t.drl.csv", "setting,kpi,value\nkpi_weight,REVENUE,0\n").message())
                    .isEqualTo("row 2, column \"value\": must be above zero, not 0");
        }

        @Test
        void settingsThatWouldOverlapWhenEvaluating() {
            assertThat(problems("t.drl.csv", """
                    setting,kpi,status,flag,attainment,value
                    kpi_weight,REVENUE,,,,2
                    kpi_weight,revenue,,,,1
                    kpi_status_from,,GREEN,,,1.00
                    kpi_status_from,REVENUE,GREEN,,,1.05
                    kpi_status_from,,GREEN,,,0.90
                    attainment_cap,,,,,1.5
                    attainment_cap,,,,,2
                    score_breakpoint,,,,0.5,0
                    score_breakpoint,,,,0.50,10
                    score_breakpoint,REVENUE,,,0.5,0
                    flag_limit,,,REVENUE_SHORTFALL,,0.8
                    flag_limit,,,REVENUE_SHORTFALL,,0.7
                    """)).extracting(RuleProblem::toString).containsExactly(
                    "t.drl.csv:3:0: row 3: kpi_weight for REVENUE is set in row 2 already; keep one of the two rows",
                    "t.drl.csv:6:0: row 6: kpi_status_from GREEN for all KPIs is set in row 4 already; keep one of "
                            + "the two rows",
                    "t.drl.csv:8:0: row 8: attainment_cap is set in row 7 already; keep one of the two rows",
                    "t.drl.csv:10:0: row 10: score_breakpoint at attainment 0.5 is set in row 9 already; keep one of "
                            + "the two rows",
                    "t.drl.csv:13:0: row 13: flag_limit for REVENUE_SHORTFALL is set in row 12 already; keep one of "
                            + "the two rows");
        }

        @Test
        void anEmptyFileOrAHeaderWithoutSettings() {
            assertThat(onlyProblem("t.drl.csv", "").message()).startsWith("the file is empty");
            assertThat(onlyProblem("t.drl.csv", "setting,value\n\n").toString())
                    .isEqualTo("t.drl.csv:2:0: row 2: the file has a header but no settings");
        }

        @Test
        void anInjectionAttemptInANumberCellIsRejectedBeforeAnythingIsCompiled(@TempDir Path folder)
                throws IOException {
            Files.writeString(folder.resolve("VERSION"), "evil");
            Files.writeString(folder.resolve("evil.drl.csv"), """
                    setting,value
                    attainment_cap,"1""); System.exit(1); //"
                    """);

            assertThatThrownBy(() -> RuleHarness.compile(folder))
                    .isInstanceOfSatisfying(RulesetCompilationException.class, e -> assertThat(e.problems())
                            .containsExactly(new RuleProblem("evil.drl.csv", 2, 2, "row 2, column \"value\": "
                                    + "'1\"); System.exit(1); //' is not a number")));
        }

        @Test
        void anInjectionAttemptInACodeCellIsRejected() {
            assertThat(onlyProblem("t.drl.csv", """
                    setting,flag,value
                    flag_limit,"X"", ""1"")); System.exit(1); //",1
                    """).message()).isEqualTo("row 2, column \"flag\": 'X\", \"1\")); System.exit(1); //' is not a "
                    + "code: use letters, digits, '-', '_' and '.', starting with a letter or digit");
        }

        @Test
        void anUnclosedQuote() {
            assertThat(problems("t.drl.csv", "setting,kpi,value\nkpi_weight,\"REVENUE,2\n"))
                    .extracting(RuleProblem::toString).contains("t.drl.csv:2:2: row 2, column \"kpi\": the quote that "
                            + "opens this value is never closed, so the rest of the file was read as part of it");
        }

        @Test
        void anUnknownKpiIsFoundWithTheCatalogue() {
            RulesetSource source = new RulesetSource("t", new TreeMap<>(Map.of("t.drl.csv",
                    "setting,kpi,value\nkpi_weight,REVENUE,2\nkpi_weight,REVENU,1\n")), "test");

            assertThat(DecisionTable.unknownKpis(source, Set.of("SALES_GROWTH", "REVENUE")))
                    .containsExactly(new RuleProblem("t.drl.csv", 3, 2,
                            "row 3, column \"kpi\": unknown KPI 'REVENU'; the catalogue has REVENUE, SALES_GROWTH"));
        }
    }

    @Nested
    class WorkbookErrors {

        @Test
        void aTextWhereANumberBelongsNamesTheSheet() {
            RuleProblem problem = onlyProblem("thresholds.drl.xlsx", xlsx(sheets -> {
                sheets.put("Settings", "setting,status,value\nkpi_status_from,GREEN,1.00\nkpi_status_from,AMBER,abc\n");
                sheets.put("Notes", "not read,1,2,3\n=1+1\n");
            }));

            assertThat(problem.toString()).isEqualTo(
                    "thresholds.drl.xlsx:3:3: sheet \"Settings\", row 3, column \"value\": 'abc' is not a number");
        }

        @Test
        void readsOnlyTheFirstSheetWithNumbersAsTheirValue() {
            List<String> facts = facts("t.drl.xlsx", xlsx(sheets -> {
                sheets.put("Line", "setting,attainment,value\nscore_breakpoint,0.90,60\nscore_breakpoint,1.125,80.50\n"
                        + "score_breakpoint,1.20,100.00\n");
                sheets.put("Notes", "anything,=1+1\n");
            }));

            assertThat(facts).containsExactly("ScoreBreakpoint[0.9 -> 60]", "ScoreBreakpoint[1.125 -> 80.5]",
                    "ScoreBreakpoint[1.2 -> 100]");
        }

        @Test
        void aFormulaCellIsRejected() {
            assertThat(onlyProblem("t.drl.xlsx", xlsx(sheets -> sheets.put("Limits",
                    "setting,flag,value\nflag_limit,REVENUE_SHORTFALL,=0.4*2\n"))).toString())
                    .isEqualTo("t.drl.xlsx:2:3: sheet \"Limits\", row 2, column \"value\": holds a formula (=0.4*2); "
                            + "formulas are not calculated on import: replace them by their values (copy, paste "
                            + "values only)");
        }

        @Test
        void aValueRightOfTheHeaderIsRejected() {
            assertThat(onlyProblem("t.drl.xlsx", xlsx(sheets -> sheets.put("Caps",
                    "setting,value\nattainment_cap,1.5,=1+1\n"))).toString())
                    .startsWith("t.drl.xlsx:2:3: sheet \"Caps\", row 2, column C: holds a formula (=1+1)");
        }

        @Test
        void aBooleanCellIsNotANumber() {
            assertThat(onlyProblem("t.drl.xlsx", xlsx(sheets -> sheets.put("Caps",
                    "setting,value\nattainment_cap,TRUE\n"))).message())
                    .isEqualTo("sheet \"Caps\", row 2, column \"value\": 'TRUE' is not a number");
        }

        @Test
        void notAWorkbook() {
            RuleProblem problem = onlyProblem("t.drl.xlsx", Base64.getEncoder().encodeToString("setting,value"
                    .getBytes(StandardCharsets.UTF_8)));

            assertThat(problem.line()).isZero();
            assertThat(problem.message()).startsWith("the file cannot be read as an .xlsx workbook");
        }

        private static String xlsx(Consumer<Map<String, String>> sheets) {
            Map<String, String> content = new LinkedHashMap<>();
            sheets.accept(content);
            return Base64.getEncoder().encodeToString(Workbooks.xlsx(content));
        }
    }

    @Nested
    class InTheRulesetFolder {

        @Test
        void tablesBelongToTheRulesetAndExamplesAndScenariosDoNot() {
            assertThat(RulesetSource.isRulesetFile("thresholds.drl.csv")).isTrue();
            assertThat(RulesetSource.isRulesetFile("sub/thresholds.drl.xlsx")).isTrue();
            assertThat(RulesetSource.isRulesetFile("thresholds.xlsx")).isFalse();
            assertThat(RulesetSource.isRulesetFile("examples/thresholds.drl.csv")).isFalse();
            assertThat(RulesetSource.isRulesetFile("scenarios/flags.yaml")).isFalse();
        }

        @Test
        void aWorkbookIsKeptAsBase64AndEveryByteCountsInTheSha256(@TempDir Path folder) throws IOException {
            byte[] workbook = Files.readAllBytes(EXAMPLE_XLSX);
            Files.write(folder.resolve("thresholds.drl.xlsx"), workbook);
            RulesetSource source = RulesetSource.fromFolder(folder);
            assertThat(source.files().get("thresholds.drl.xlsx")).isEqualTo(Base64.getEncoder().encodeToString(workbook));
            assertThat(source.ruleFiles()).isEmpty();
            assertThat(DecisionTable.settingsOf(source)).hasSize(27);

            workbook[workbook.length - 30] ^= 1;
            Files.write(folder.resolve("thresholds.drl.xlsx"), workbook);
            assertThat(RulesetSource.fromFolder(folder).sha256()).isNotEqualTo(source.sha256());
        }

        @Test
        void theDefaultRulesetLeavesTheExamplesOut() {
            assertThat(RulesetSource.fromFolder(Path.of("rules")).files().keySet())
                    .noneMatch(path -> path.startsWith("examples/") || path.startsWith("scenarios/"));
        }

        @Test
        void problemsOfAllTablesAreReportedTogether() {
            RulesetSource source = new RulesetSource("t", new TreeMap<>(Map.of(
                    "a.drl.csv", "setting,value\nattainment_cap,x\n",
                    "b.drl.csv", "setting,value\nattainment_cap,y\n")), "test");

            assertThatThrownBy(() -> DecisionTable.settingsOf(source)).isInstanceOfSatisfying(RulesetCompilationException.class,
                    e -> assertThat(e.problems()).extracting(RuleProblem::file).containsExactly("a.drl.csv", "b.drl.csv"));
        }
    }

    /** The text of a fact or result with every decimal as its value: 0.90 and 0.9000 read 0.9. */
    private static String asValues(Object fact) {
        return DECIMAL.matcher(fact.toString())
                .replaceAll(m -> new BigDecimal(m.group()).stripTrailingZeros().toPlainString());
    }

    private static List<String> csv(String text) {
        return facts("t.drl.csv", text);
    }

    private static List<String> facts(String path, String content) {
        return DecisionTable.settings(path, content).stream().map(Object::toString).toList();
    }

    private static RuleProblem onlyProblem(String path, String content) {
        List<RuleProblem> problems = problems(path, content);
        assertThat(problems).hasSize(1);
        return problems.get(0);
    }

    private static List<RuleProblem> problems(String path, String content) {
        try {
            DecisionTable.settings(path, content);
        } catch (DecisionTable.InvalidTableException e) {
            return e.problems();
        }
        throw new AssertionError("the table was accepted");
    }
}
