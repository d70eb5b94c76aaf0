package io.territoryscorecard.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.territoryscorecard.ruleset.fact.Kpi;
import io.territoryscorecard.ruleset.fact.Measurement;
import io.territoryscorecard.ruleset.fact.PreviousScore;
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

    @Nested
    class TheExampleTables {

        @Test
        void becomeTheSettingsFactsTheDrlFilesInsert() throws IOException {
            List<String> facts = facts("thresholds.drl.csv", Files.readString(EXAMPLE_CSV));

            assertThat(facts).contains("KpiWeight[REVENUE 2]", "PerspectiveWeight[FINANCIAL 40]",
                    "AttainmentLimit[GREEN from 1.00]", "AttainmentLimit[AMBER from 0.90]", "AttainmentCap[1.50]",
                    "ScoreBreakpoint[0.50 -> 0]", "ScoreLimit[AMBER from 60]", "FlagLimit[REVENUE_SHORTFALL 0.80]")
                    .containsExactlyInAnyOrderElementsOf(RuleHarness.defaultRuleset().settings().stream()
                            .map(Object::toString).toList());
        }

        @Test
        void holdTheSameValuesInTheWorkbookAsInTheCsv() throws IOException {
            List<String> csv = facts("t.drl.csv", Files.readString(EXAMPLE_CSV));
            List<String> xlsx = facts("t.drl.xlsx", Base64.getEncoder().encodeToString(
                    Files.readAllBytes(EXAMPLE_XLSX)));

            assertThat(xlsx).containsExactlyElementsOf(csv).hasSize(27);
        }

        @ParameterizedTest(name = "{0} instead of the settings files scores like the default ruleset")
        @ValueSource(strings = {"thresholds.drl.csv", "thresholds.drl.xlsx"})
        void scoreExactlyLikeTheDefaultSettingsFiles(String table) throws IOException {
            CompiledRuleset fromTable = RuleHarness.compileDefaultChanged(
                    Map.of(table, Files.readAllBytes(Path.of("rules/examples", table))), SETTINGS_FILES);
            assertThat(fromTable.ruleNames()).noneMatch(name -> name.startsWith("SET-"));
            assertThat(fromTable.settings()).map(Object::toString).containsExactlyInAnyOrderElementsOf(
                    RuleHarness.defaultRuleset().settings().stream().map(Object::toString).toList());

            List<TerritoryFacts> territories = territories();
            List<TerritoryAssessment> expected = RuleHarness.defaultRuleset().assess(RuleHarness.PERIOD,
                    RuleHarness.CATALOGUE, territories);
            List<TerritoryAssessment> actual = fromTable.assess(RuleHarness.PERIOD, RuleHarness.CATALOGUE, territories);

            for (int i = 0; i < expected.size(); i++) {
                assertThat(actual.get(i)).as(expected.get(i).territory()).isEqualTo(expected.get(i));
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
        void allowsColumnsInAnyOrderCommentsAndQuotedCells() {
            List<String> facts = csv("""
                    # a comment, with a comma
                    [kpi_weight]
                    weight,kpi

                    "2",REVENUE
                    # another comment
                    1,SALES_GROWTH
                    """);

            assertThat(facts).containsExactly("KpiWeight[REVENUE 2]", "KpiWeight[SALES_GROWTH 1]");
        }

        @Test
        void givesAKpiItsOwnBandsAndScoreLineWithTheKpiColumn() {
            List<String> facts = csv("""
                    [kpi_band]
                    status,from,kpi
                    GREEN,1.05,REVENUE
                    AMBER,0.95,REVENUE
                    GREEN,1.00,
                    [score_breakpoint]
                    kpi,attainment,score
                    REVENUE,0.8,0
                    ,0.5,0
                    """);

            assertThat(facts).containsExactly("REVENUE AttainmentLimit[GREEN from 1.05]",
                    "REVENUE AttainmentLimit[AMBER from 0.95]", "AttainmentLimit[GREEN from 1.00]",
                    "ScoreBreakpoint[REVENUE 0.8 -> 0]", "ScoreBreakpoint[0.5 -> 0]");
        }

        @Test
        void keepsNumbersAsTheirDecimalValue() {
            List<String> facts = csv("""
                    [flag_limit]
                    flag,value
                    A,1E+2
                    B, 0.800
                    C,-0.5
                    """);

            assertThat(facts).containsExactly("FlagLimit[A 100]", "FlagLimit[B 0.800]", "FlagLimit[C -0.5]");
        }

        @Test
        void aKpiOwnBandWorksWhenCompiled() {
            CompiledRuleset rules = RuleHarness.compileDefaultChanged(Map.of("16-revenue.drl.csv", """
                    [kpi_band]
                    kpi,status,from
                    REVENUE,GREEN,1.05
                    REVENUE,AMBER,0.95
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
            RuleProblem problem = onlyProblem("thresholds.drl.csv", """
                    [kpi_band]
                    status,from
                    GREEN,1.00
                    AMBER,abc
                    """);

            assertThat(problem).isEqualTo(new RuleProblem("thresholds.drl.csv", 4, 2,
                    "row 4, column \"from\": 'abc' is not a number"));
        }

        @Test
        void aDecimalCommaGetsAHint() {
            assertThat(onlyProblem("t.drl.csv", "[attainment_cap]\nvalue\n\"1,50\"\n").message())
                    .isEqualTo("row 3, column \"value\": '1,50' is not a number (write decimals with a dot: 0.90)");
        }

        @Test
        void anEmptyRequiredCell() {
            assertThat(onlyProblem("t.drl.csv", "[kpi_weight]\nkpi,weight\nREVENUE,\n").message())
                    .isEqualTo("row 3, column \"weight\": a number is required");
            assertThat(onlyProblem("t.drl.csv", "[kpi_band]\nstatus,from\n,1\n").message())
                    .isEqualTo("row 3, column \"status\": a status is required (GREEN or AMBER)");
        }

        @Test
        void anUnknownColumn() {
            RuleProblem problem = onlyProblem("t.drl.csv", "[kpi_band]\nstatus,from,kpi,colour\nGREEN,1,,red\n");

            assertThat(problem.line()).isEqualTo(2);
            assertThat(problem.column()).isEqualTo(4);
            assertThat(problem.message()).isEqualTo("row 2, column D: unknown column 'colour' in table [kpi_band]; "
                    + "its columns are status, from, kpi");
        }

        @Test
        void aMissingColumnAndAValueWithoutColumn() {
            assertThat(problems("t.drl.csv", "[kpi_band]\nstatus\nGREEN,1\n")).extracting(RuleProblem::message)
                    .containsExactly("row 2: table [kpi_band] needs a column \"from\" (its columns are status, from, "
                            + "kpi)", "row 3, column B: '1' stands in a column without a name in the header row");
        }

        @Test
        void aBadStatusOrPerspective() {
            assertThat(onlyProblem("t.drl.csv", "[score_band]\nstatus,from\ngreen,80\n").message())
                    .isEqualTo("row 3, column \"status\": 'green' is not a status: write GREEN, AMBER, RED");
            assertThat(onlyProblem("t.drl.csv", "[perspective_weight]\nperspective,weight\nFINANCE,40\n").message())
                    .isEqualTo("row 3, column \"perspective\": 'FINANCE' is not a perspective: write FINANCIAL, "
                            + "CUSTOMER, INTERNAL_PROCESS, LEARNING_GROWTH");
        }

        @Test
        void aBadCode() {
            assertThat(onlyProblem("t.drl.csv", "[kpi_weight]\nkpi,weight\nRevenue,2\n").message())
                    .isEqualTo("row 3, column \"kpi\": 'Revenue' is not a code: write capitals, digits and _ "
                            + "(like REVENUE)");
        }

        @Test
        void aWeightOfZero() {
            assertThat(onlyProblem("t.drl.csv", "[kpi_weight]\nkpi,weight\nREVENUE,0\n").message())
                    .isEqualTo("row 3, column \"weight\": must be above zero, not 0");
        }

        @Test
        void anUnknownTableAndRowsBeforeAnyTable() {
            assertThat(problems("t.drl.csv", "kpi,weight\nREVENUE,2\n[kpi_wieght]\nkpi,weight\n"))
                    .extracting(RuleProblem::message).containsExactly(
                            "row 1, column A: expected a table name in brackets, such as [kpi_weight], before the "
                                    + "first row of a table; found 'kpi'",
                            "row 3, column A: unknown table '[kpi_wieght]'; the tables are [kpi_weight], "
                                    + "[perspective_weight], [kpi_band], [attainment_cap], [score_breakpoint], "
                                    + "[score_band], [flag_limit]");
        }

        @Test
        void whatWouldOnlyFailWhenEvaluating() {
            assertThat(problems("t.drl.csv", """
                    [kpi_weight]
                    kpi,weight
                    REVENUE,2
                    REVENUE,1
                    [kpi_band]
                    status,from
                    GREEN,1.00
                    GREEN,0.90
                    [score_band]
                    status,from
                    RED,60
                    [attainment_cap]
                    value
                    1.5
                    2
                    [score_breakpoint]
                    attainment,score
                    0.5,0
                    0.50,10
                    [flag_limit]
                    flag,value
                    """)).extracting(RuleProblem::message).containsExactly(
                    "row 11, column \"status\": RED has no limit: it is every value below the AMBER limit (below "
                            + "the GREEN limit when there is no AMBER row); leave the RED row out",
                    "row 4: kpi REVENUE already has a weight in row 3",
                    "row 8: GREEN already has a limit in row 7: keep one",
                    "row 15: table [attainment_cap] holds one value, not 2",
                    "row 19: attainment 0.50 already has a score in row 18",
                    "row 20, column A: table [flag_limit] has no rows");
        }

        @Test
        void aTableTwiceInOneFile() {
            assertThat(onlyProblem("t.drl.csv", "[attainment_cap]\nvalue\n1.5\n[attainment_cap]\nvalue\n2\n")
                    .message()).isEqualTo("row 4, column A: table [attainment_cap] appears a second time (first in "
                            + "row 1): keep all its rows in one table");
        }

        @Test
        void anEmptyFile() {
            assertThat(onlyProblem("t.drl.csv", "# only a comment\n").message()).startsWith("holds no table");
        }

        @Test
        void anInjectionAttemptInANumberCellIsRejectedBeforeAnythingIsCompiled(@TempDir Path folder)
                throws IOException {
            Files.writeString(folder.resolve("VERSION"), "evil");
            Files.writeString(folder.resolve("evil.drl.csv"), """
                    [attainment_cap]
                    value
                    "1""); System.exit(1); //"
                    """);

            assertThatThrownBy(() -> RuleHarness.compile(folder))
                    .isInstanceOfSatisfying(RulesetCompilationException.class, e -> assertThat(e.problems())
                            .containsExactly(new RuleProblem("evil.drl.csv", 3, 1, "row 3, column \"value\": "
                                    + "'1\"); System.exit(1); //' is not a number")));
        }

        @Test
        void anInjectionAttemptInACodeCellIsRejected() {
            assertThat(onlyProblem("t.drl.csv", """
                    [flag_limit]
                    flag,value
                    "X"", ""1"")); System.exit(1); //",1
                    """).message()).isEqualTo("row 3, column \"flag\": 'X\", \"1\")); System.exit(1); //' is not a "
                    + "code: write capitals, digits and _ (like REVENUE_SHORTFALL)");
        }

        @Test
        void anUnclosedQuote() {
            assertThat(problems("t.drl.csv", "[kpi_weight]\nkpi,weight\n\"REVENUE,2\n")).extracting(RuleProblem::message)
                    .contains("row 3: a cell opens a quote (\") that is never closed");
        }

        @Test
        void anUnknownKpiIsFoundWithTheCatalogue() {
            RulesetSource source = new RulesetSource("t", new TreeMap<>(Map.of("t.drl.csv",
                    "[kpi_weight]\nkpi,weight\nREVENUE,2\nREVENU,1\n")), "test");

            assertThat(DecisionTable.unknownKpis(source, Set.of("REVENUE", "SALES_GROWTH")))
                    .containsExactly(new RuleProblem("t.drl.csv", 4, 1,
                            "row 4, column \"kpi\": unknown KPI REVENU; the catalogue has REVENUE, SALES_GROWTH"));
        }
    }

    @Nested
    class WorkbookErrors {

        @Test
        void aTextWhereANumberBelongsNamesTheSheet() {
            RuleProblem problem = onlyProblem("thresholds.drl.xlsx", xlsx(sheets -> {
                sheets.put("Weights", "[attainment_cap]\nvalue\n1.50\n");
                sheets.put("Bands", "# KPI bands\n[kpi_band]\nstatus,from\nAMBER,abc\n");
            }));

            assertThat(problem).isEqualTo(new RuleProblem("thresholds.drl.xlsx", 4, 2,
                    "sheet \"Bands\", row 4, column \"from\": 'abc' is not a number"));
            assertThat(problem.toString()).isEqualTo(
                    "thresholds.drl.xlsx:4:2: sheet \"Bands\", row 4, column \"from\": 'abc' is not a number");
        }

        @Test
        void aFormulaCellIsRejected() {
            assertThat(onlyProblem("t.drl.xlsx", xlsx(sheets -> sheets.put("Limits",
                    "[flag_limit]\nflag,value\nREVENUE_SHORTFALL,=0.4*2\n"))).message())
                    .isEqualTo("sheet \"Limits\", row 3, column \"value\": formulas are not allowed (=0.4*2): type the "
                            + "value itself");
        }

        @Test
        void aFormulaOutsideATableIsRejectedToo() {
            assertThat(onlyProblem("t.drl.xlsx", xlsx(sheets -> sheets.put("Limits",
                    "[attainment_cap]\nvalue\n1.5\n=1+1\n"))).message())
                    .isEqualTo("sheet \"Limits\", row 4, column \"value\": formulas are not allowed (=1+1): type the "
                            + "value itself");
        }

        @Test
        void aBooleanCellIsRejected() {
            assertThat(onlyProblem("t.drl.xlsx", xlsx(sheets -> sheets.put("Caps",
                    "[attainment_cap]\nvalue\nTRUE\n"))).message())
                    .isEqualTo("sheet \"Caps\", row 3, column \"value\": a TRUE/FALSE cell is not allowed here");
        }

        @Test
        void keepsTheDecimalsANumberCellShows() {
            List<String> facts = facts("t.drl.xlsx", xlsx(sheets -> sheets.put("Bands",
                    "[score_breakpoint]\nattainment,score\n0.90,60\n1.125,80.5\n")));

            assertThat(facts).containsExactly("ScoreBreakpoint[0.90 -> 60]", "ScoreBreakpoint[1.125 -> 80.5]");
        }

        @Test
        void notAWorkbook() {
            assertThat(onlyProblem("t.drl.xlsx", Base64.getEncoder().encodeToString("kpi,weight".getBytes()))
                    .message()).startsWith("is not a readable .xlsx workbook");
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
                    "a.drl.csv", "[attainment_cap]\nvalue\nx\n",
                    "b.drl.csv", "[attainment_cap]\nvalue\ny\n")), "test");

            assertThatThrownBy(() -> DecisionTable.settingsOf(source)).isInstanceOfSatisfying(RulesetCompilationException.class,
                    e -> assertThat(e.problems()).extracting(RuleProblem::file).containsExactly("a.drl.csv", "b.drl.csv"));
        }
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
