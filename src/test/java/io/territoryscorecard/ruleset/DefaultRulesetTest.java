package io.territoryscorecard.ruleset;

import static io.territoryscorecard.ruleset.RuleHarness.defaultRules;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.territoryscorecard.ruleset.RuleHarness.Result;
import io.territoryscorecard.ruleset.TerritoryAssessment.Alert;
import io.territoryscorecard.ruleset.TerritoryAssessment.Flag;
import io.territoryscorecard.ruleset.TerritoryAssessment.KpiResult;
import io.territoryscorecard.ruleset.fact.Decimals;
import io.territoryscorecard.ruleset.fact.Perspective;
import io.territoryscorecard.ruleset.fact.Severity;
import io.territoryscorecard.ruleset.fact.Status;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every rule of the default ruleset at, just below and just above each of its boundaries, asserting the derived
 * facts and the rules that derived them.
 */
class DefaultRulesetTest {

    private static final List<String> SCORED = List.of("DQ-05", "ATT-01", "KST-01", "KSC-01");

    @Nested
    class DataQualityRules {

        @Test
        void aCatalogueKpiWithoutMeasurementIsMissingAndLeftOutOfScores() {
            Result result = defaultRules().attainment("REVENUE", "1").assess();

            KpiResult margin = result.kpi("GROSS_MARGIN");
            assertThat(margin.dataQuality()).isEqualTo(DataQuality.MISSING);
            assertThat(margin.status()).isNull();
            assertThat(margin.score()).isNull();
            assertThat(margin.explanation().rules()).containsExactly("DQ-01");
            Flag flag = flagFor(result, "MISSING_DATA", "GROSS_MARGIN");
            assertThat(flag.severity()).isEqualTo(Severity.LOW);
            assertThat(flag.rules()).containsExactly("DQ-01");
            assertThat(flag.message()).isEqualTo("Gross margin: no measurement for 2026-10");
            // only REVENUE counts in FINANCIAL
            assertThat(result.perspective(Perspective.FINANCIAL).score()).isEqualByComparingTo("80");
        }

        @Test
        void anEmptyActualIsMissingEvenWithAnInvalidTarget() {
            Result result = defaultRules().measure("REVENUE", null, "0").assess();

            assertThat(result.kpi("REVENUE").dataQuality()).isEqualTo(DataQuality.MISSING);
            assertThat(flagFor(result, "MISSING_DATA", "REVENUE").rules()).containsExactly("DQ-02");
            assertThat(result.flags("INVALID_DATA")).isEmpty();
        }

        @ParameterizedTest(name = "target {0} is invalid")
        @CsvSource({"0", "-1", "0.000000", "-0.000001"})
        void aTargetOfZeroOrBelowIsInvalid(String target) {
            Result result = defaultRules().measure("REVENUE", "10", target).assess();

            assertThat(result.kpi("REVENUE").dataQuality()).isEqualTo(DataQuality.INVALID);
            assertThat(result.kpi("REVENUE").score()).isNull();
            Flag flag = flagFor(result, "INVALID_DATA", "REVENUE");
            assertThat(flag.severity()).isEqualTo(Severity.LOW);
            assertThat(flag.rules()).containsExactly("DQ-03");
            assertThat(result.perspective(Perspective.FINANCIAL)).isNull();
            assertThat(result.overallScore()).isNull();
        }

        @Test
        void anEmptyTargetIsInvalid() {
            Result result = defaultRules().measure("REVENUE", "10", null).assess();

            assertThat(flagFor(result, "INVALID_DATA", "REVENUE").message())
                    .isEqualTo("Revenue: target is empty, so the KPI is not scored");
        }

        @Test
        void theSmallestTargetAboveZeroIsValid() {
            Result result = defaultRules().measure("REVENUE", "0.000001", "0.000001").assess();

            assertThat(result.kpi("REVENUE").dataQuality()).isEqualTo(DataQuality.VALID);
            assertThat(result.kpi("REVENUE").explanation().rules()).isEqualTo(SCORED);
        }

        @Test
        void aNegativeActualIsInvalid() {
            Result result = defaultRules().measure("REVENUE", "-0.01", "100").assess();

            assertThat(result.kpi("REVENUE").dataQuality()).isEqualTo(DataQuality.INVALID);
            assertThat(flagFor(result, "INVALID_DATA", "REVENUE").rules()).containsExactly("DQ-04");
            assertThat(flagFor(result, "INVALID_DATA", "REVENUE").message())
                    .isEqualTo("Revenue: actual -0.01 is negative, so the KPI is not scored");
        }

        @Test
        void anActualOfZeroIsValid() {
            KpiResult revenue = defaultRules().measure("REVENUE", "0", "100").assess().kpi("REVENUE");

            assertThat(revenue.dataQuality()).isEqualTo(DataQuality.VALID);
            assertThat(revenue.attainment()).isEqualByComparingTo("0");
            assertThat(revenue.status()).isEqualTo(Status.RED);
            assertThat(revenue.explanation().rules()).containsExactly("DQ-05", "ATT-01", "KST-01", "KSC-02");
        }
    }

    @Nested
    class AttainmentRules {

        @Test
        void isActualOverTargetInDecimalArithmetic() {
            KpiResult revenue = defaultRules().measure("REVENUE", "16.2", "18").assess().kpi("REVENUE");

            // binary floating point gives 0.8999... and RED
            assertThat(revenue.attainment()).isEqualByComparingTo("0.9");
            assertThat(revenue.status()).isEqualTo(Status.AMBER);
            assertThat(revenue.score()).isEqualByComparingTo("60");
            assertThat(revenue.explanation().rules()).isEqualTo(SCORED);
            assertThat(revenue.explanation().details()).containsEntry("attainment", new java.math.BigDecimal("0.9000"));
        }

        @Test
        void isTargetOverActualWhenLowerIsBetter() {
            KpiResult cycle = defaultRules().measure("SALES_CYCLE_DAYS", "50", "40").assess().kpi("SALES_CYCLE_DAYS");

            assertThat(cycle.attainment()).isEqualByComparingTo("0.8");
            assertThat(cycle.status()).isEqualTo(Status.RED);
            assertThat(cycle.explanation().rules()).containsExactly("DQ-05", "ATT-02", "KST-01", "KSC-01");
        }

        @Test
        void isTheCapWhenLowerIsBetterAndTheActualIsZero() {
            KpiResult cycle = defaultRules().measure("SALES_CYCLE_DAYS", "0", "40").assess().kpi("SALES_CYCLE_DAYS");

            assertThat(cycle.attainment()).isEqualByComparingTo("1.5");
            assertThat(cycle.score()).isEqualByComparingTo("100");
            assertThat(cycle.explanation().rules()).containsExactly("DQ-05", "ATT-03", "KST-01", "KSC-03");
        }

        @ParameterizedTest(name = "actual {0} of target 1 -> attainment {1}")
        @CsvSource({"1.4999, 1.4999", "1.5, 1.5", "1.5001, 1.5", "3, 1.5"})
        void isCappedAt150Percent(String actual, String attainment) {
            KpiResult revenue = defaultRules().measure("REVENUE", actual, "1").assess().kpi("REVENUE");

            assertThat(revenue.attainment()).isEqualByComparingTo(attainment);
        }

        @Test
        void keepsThirtyDecimalsOfAQuotientThatDoesNotEnd() {
            KpiResult revenue = defaultRules().measure("REVENUE", "1", "3").assess().kpi("REVENUE");

            assertThat(revenue.attainment()).isEqualByComparingTo("0.333333333333333333333333333333");
            assertThat(Decimals.round(revenue.attainment(), 4)).isEqualByComparingTo("0.3333");
        }
    }

    @Nested
    class KpiStatusRules {

        @ParameterizedTest(name = "attainment {0} is {1}")
        @CsvSource({
            "1.0001, GREEN", "1.00, GREEN", "0.9999, AMBER",
            "0.9001, AMBER", "0.90, AMBER", "0.8999, RED",
            "0, RED", "1.5, GREEN"})
        void followsTheAttainmentBands(String attainment, Status status) {
            KpiResult revenue = defaultRules().attainment("REVENUE", attainment).assess().kpi("REVENUE");

            assertThat(revenue.status()).isEqualTo(status);
            assertThat(revenue.explanation().rules()).contains("KST-01");
        }

        @Test
        void comparesUnroundedAttainment() {
            // 0.89996 shows as 0.9000 but is below the AMBER limit
            KpiResult revenue = defaultRules().attainment("REVENUE", "0.89996").assess().kpi("REVENUE");

            assertThat(Decimals.round(revenue.attainment(), 4)).isEqualByComparingTo("0.9000");
            assertThat(revenue.status()).isEqualTo(Status.RED);
        }
    }

    @Nested
    class KpiScoreRules {

        @ParameterizedTest(name = "attainment {0} scores {1} by {2}")
        @CsvSource({
            "0, 0, KSC-02", "0.4999, 0, KSC-02", "0.50, 0, KSC-01", "0.5001, 0.015, KSC-01",
            "0.8999, 59.985, KSC-01", "0.90, 60, KSC-01", "0.9001, 60.02, KSC-01",
            "0.95, 70, KSC-01",
            "0.9999, 79.98, KSC-01", "1.00, 80, KSC-01", "1.0001, 80.01, KSC-01",
            "1.10, 90, KSC-01",
            "1.1999, 99.99, KSC-01", "1.20, 100, KSC-03", "1.2001, 100, KSC-03", "1.5, 100, KSC-03"})
        void followsTheScoreLine(String attainment, String score, String rule) {
            KpiResult revenue = defaultRules().attainment("REVENUE", attainment).assess().kpi("REVENUE");

            assertThat(revenue.score()).isEqualByComparingTo(score);
            assertThat(revenue.weight()).isEqualByComparingTo("2");
            assertThat(revenue.explanation().rules()).containsExactly("DQ-05", "ATT-01", "KST-01", rule);
        }

        @Test
        void weighsRevenueTwiceAndEveryOtherKpiOnce() {
            Result result = defaultRules().attainment("REVENUE", "1").attainment("SALES_GROWTH", "1")
                    .attainment("CUSTOMER_SATISFACTION", "1").measure("SALES_CYCLE_DAYS", "1", "1")
                    .attainment("SKILL_CERTIFICATIONS", "1").assess();

            assertThat(result.kpi("REVENUE").weight()).isEqualByComparingTo("2");
            assertThat(result.kpi("SALES_GROWTH").weight()).isEqualByComparingTo("1");
            assertThat(result.kpi("CUSTOMER_SATISFACTION").weight()).isEqualByComparingTo("1");
            assertThat(result.kpi("SALES_CYCLE_DAYS").weight()).isEqualByComparingTo("1");
            assertThat(result.kpi("SKILL_CERTIFICATIONS").weight()).isEqualByComparingTo("1");
        }
    }

    @Nested
    class PerspectiveScoreRules {

        @Test
        void isTheWeightedMeanOfItsValidKpis() {
            // (2 x 80 + 100 + 60) / 4 = 80 exactly: GREEN
            Result result = defaultRules().attainment("REVENUE", "1.00").attainment("SALES_GROWTH", "1.20")
                    .attainment("GROSS_MARGIN", "0.90").assess();

            var financial = result.perspective(Perspective.FINANCIAL);
            assertThat(financial.score()).isEqualByComparingTo("80");
            assertThat(financial.status()).isEqualTo(Status.GREEN);
            assertThat(financial.weight()).isEqualByComparingTo("40");
            assertThat(financial.explanation().rules()).containsExactly("PSC-01", "PST-01");
        }

        @Test
        void leavesOutMissingAndInvalidKpis() {
            Result result = defaultRules().attainment("CUSTOMER_SATISFACTION", "1.00")
                    .measure("RETENTION_RATE", "50", "0").attainment("MARKET_SHARE", "1.20").assess();

            assertThat(result.perspective(Perspective.CUSTOMER).score()).isEqualByComparingTo("90");
        }

        @Test
        void isAbsentWithoutAnyValidKpi() {
            Result result = defaultRules().measure("REVENUE", null, "100").attainment("MARKET_SHARE", "1").assess();

            assertThat(result.perspective(Perspective.FINANCIAL)).isNull();
            assertThat(result.perspective(Perspective.CUSTOMER)).isNotNull();
        }

        @ParameterizedTest(name = "KPI attainment {0} gives perspective score {1}: {2}")
        @CsvSource({
            "1.0001, 80.01, GREEN", "1.00, 80, GREEN", "0.99995, 79.99, AMBER",
            "0.9001, 60.02, AMBER", "0.90, 60, AMBER", "0.8999, 59.985, RED"})
        void statusFollowsTheScoreBands(String attainment, String score, Status status) {
            Result result = defaultRules().attainment("TRAINING_COMPLETION", attainment).assess();

            var learning = result.perspective(Perspective.LEARNING_GROWTH);
            assertThat(learning.score()).isEqualByComparingTo(score);
            assertThat(learning.status()).isEqualTo(status);
            assertThat(learning.explanation().rules()).containsExactly("PSC-01", "PST-01");
        }
    }

    @Nested
    class OverallScoreRules {

        @ParameterizedTest(name = "score {1}: {2}")
        @CsvSource({
            "1.0001, 80.01, GREEN", "1.00, 80, GREEN", "0.99995, 79.99, AMBER",
            "0.9001, 60.02, AMBER", "0.90, 60, AMBER", "0.8999, 59.985, RED"})
        void statusFollowsTheScoreBands(String attainment, String score, Status status) {
            Result result = defaultRules().attainment("TRAINING_COMPLETION", attainment).assess();

            assertThat(result.overallScore()).isEqualByComparingTo(score);
            assertThat(result.assessment().overall().status()).isEqualTo(status);
            assertThat(result.assessment().overall().explanation().rules()).containsExactly("OVR-01", "OST-01");
        }

        @Test
        void reweighsThePerspectivesPresent() {
            // FINANCIAL 100 (weight 40) and CUSTOMER 0 (weight 25): 4000 / 65 = 61.538...
            Result result = defaultRules().attainment("REVENUE", "1.2").attainment("MARKET_SHARE", "0.3").assess();

            assertThat(Decimals.round(result.overallScore(), 2)).isEqualByComparingTo("61.54");
            assertThat(result.assessment().overall().status()).isEqualTo(Status.AMBER);
        }

        @Test
        void usesAllFourPerspectiveWeights() {
            // 40 x 100 + 25 x 80 + 20 x 60 + 15 x 0 = 7200 / 100 = 72
            Result result = defaultRules().attainment("REVENUE", "1.2").attainment("MARKET_SHARE", "1")
                    .attainment("LEAD_CONVERSION", "0.9").attainment("TRAINING_COMPLETION", "0.5").assess();

            assertThat(result.overallScore()).isEqualByComparingTo("72");
        }

        @Test
        void isExactlyABandLimitWhenThePerspectiveScoresDoNotEndInDecimals() {
            // CUSTOMER (80 + 80 + 84) / 3 = 81.333..., INTERNAL_PROCESS (80 + 80 + 75) / 3 = 78.333...;
            // (25 x 244/3 + 20 x 235/3) / 45 = 80 exactly, so GREEN (rounded perspective scores would give 79.9967)
            Result result = defaultRules()
                    .attainment("CUSTOMER_SATISFACTION", "1").attainment("RETENTION_RATE", "1")
                    .attainment("MARKET_SHARE", "1.04")
                    .attainment("LEAD_CONVERSION", "1").attainment("REVENUE_PER_REP", "1")
                    .measure("SALES_CYCLE_DAYS", "40", "39")
                    .assess();

            assertThat(result.kpi("SALES_CYCLE_DAYS").score()).isEqualByComparingTo("75");
            assertThat(result.overallScore()).isEqualByComparingTo("80");
            assertThat(result.assessment().overall().status()).isEqualTo(Status.GREEN);
        }

        @Test
        void isAbsentWithoutAnyPerspectiveScore() {
            Result result = defaultRules().measure("REVENUE", null, "1").assess();

            assertThat(result.overallScore()).isNull();
            assertThat(result.assessment().overall().status()).isNull();
            assertThat(result.assessment().perspectives()).isEmpty();
        }
    }

    @Nested
    class FlagRules {

        @ParameterizedTest(name = "revenue attainment {0}: flagged {1}")
        @CsvSource({"0.8001, false", "0.80, false", "0.7999, true", "0, true"})
        void revenueShortfallBelow80Percent(String attainment, boolean flagged) {
            Result result = defaultRules().attainment("REVENUE", attainment).assess();

            assertThat(result.flags("REVENUE_SHORTFALL")).hasSize(flagged ? 1 : 0);
            if (flagged) {
                Flag flag = result.flags("REVENUE_SHORTFALL").get(0);
                assertThat(flag.severity()).isEqualTo(Severity.HIGH);
                assertThat(flag.kpi()).isEqualTo("REVENUE");
                assertThat(flag.perspective()).isEqualTo(Perspective.FINANCIAL);
                assertThat(flag.rules()).containsExactly("FLG-01");
            }
        }

        @Test
        void revenueShortfallSaysItInWords() {
            Result result = defaultRules().measure("REVENUE", "72", "100").assess();

            assertThat(result.flags("REVENUE_SHORTFALL").get(0).message())
                    .isEqualTo("Revenue at 72.0% of target (limit 80%)");
        }

        @ParameterizedTest(name = "retention {0}, satisfaction {1}: flagged {2}")
        @CsvSource({"0.8999, 0.8999, true", "0.90, 0.8999, false", "0.8999, 0.90, false", "0.90, 0.90, false"})
        void customerAtRiskWhenRetentionAndSatisfactionAreBothRed(String retention, String satisfaction,
                boolean flagged) {
            Result result = defaultRules().attainment("RETENTION_RATE", retention)
                    .attainment("CUSTOMER_SATISFACTION", satisfaction).assess();

            assertThat(result.flags("CUSTOMER_AT_RISK")).hasSize(flagged ? 1 : 0);
            if (flagged) {
                Flag flag = result.flags("CUSTOMER_AT_RISK").get(0);
                assertThat(flag.severity()).isEqualTo(Severity.HIGH);
                assertThat(flag.perspective()).isEqualTo(Perspective.CUSTOMER);
                assertThat(flag.rules()).containsExactly("FLG-02");
                assertThat(flag.message()).isEqualTo("Customers at risk: retention rate at 90.0% and customer "
                        + "satisfaction at 90.0% of target, both RED");
            }
        }

        @Test
        void customerAtRiskNeedsBothKpis() {
            Result result = defaultRules().attainment("RETENTION_RATE", "0.5").assess();

            assertThat(result.flags("CUSTOMER_AT_RISK")).isEmpty();
        }

        @ParameterizedTest(name = "perspective score from attainment {0}: flagged {1}")
        @CsvSource({"0.9001, false", "0.90, false", "0.8999, true"})
        void perspectiveRedForEachRedPerspective(String attainment, boolean flagged) {
            Result result = defaultRules().attainment("TRAINING_COMPLETION", attainment)
                    .attainment("LEAD_CONVERSION", attainment).attainment("REVENUE", "1").assess();

            List<Flag> flags = result.flags("PERSPECTIVE_RED");
            assertThat(flags).extracting(Flag::perspective).containsExactlyInAnyOrderElementsOf(flagged
                    ? List.of(Perspective.INTERNAL_PROCESS, Perspective.LEARNING_GROWTH) : List.of());
            flags.forEach(flag -> {
                assertThat(flag.severity()).isEqualTo(Severity.MEDIUM);
                assertThat(flag.rules()).containsExactly("FLG-03");
            });
        }

        @Test
        void perspectiveRedSaysItInWords() {
            Result result = defaultRules().attainment("TRAINING_COMPLETION", "0.8").assess();

            assertThat(result.flags("PERSPECTIVE_RED").get(0).message())
                    .isEqualTo("Learning & growth perspective is RED: score 45.00 (score < 60)");
        }

        @Test
        void multipleRedKpisFromTwoRedKpisInOnePerspective() {
            Result result = defaultRules().attainment("SALES_GROWTH", "0.8999").attainment("GROSS_MARGIN", "0.5")
                    .attainment("REVENUE", "1.2")
                    .attainment("MARKET_SHARE", "0.8").attainment("RETENTION_RATE", "0.90").assess();

            List<Flag> flags = result.flags("MULTIPLE_RED_KPIS");
            assertThat(flags).hasSize(1);
            assertThat(flags.get(0).perspective()).isEqualTo(Perspective.FINANCIAL);
            assertThat(flags.get(0).severity()).isEqualTo(Severity.MEDIUM);
            assertThat(flags.get(0).rules()).containsExactly("FLG-04");
            assertThat(flags.get(0).message())
                    .isEqualTo("2 RED KPIs in the Financial perspective: Gross margin, Sales growth (index vs same "
                            + "month last year) (limit 2)");
        }

        @Test
        void noMultipleRedKpisForOneRedKpiAndAnAmberOne() {
            Result result = defaultRules().attainment("SALES_GROWTH", "0.8999").attainment("GROSS_MARGIN", "0.90")
                    .assess();

            assertThat(result.flags("MULTIPLE_RED_KPIS")).isEmpty();
        }

        @Test
        void decliningTrendWhenTheScoreFellThreePeriodsInARow() {
            Result result = defaultRules().attainment("TRAINING_COMPLETION", "1.00")
                    .previousScore(1, "80.01").previousScore(2, "80.02").previousScore(3, "80.03").assess();

            Flag flag = result.flags("DECLINING_TREND").get(0);
            assertThat(flag.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(flag.perspective()).isNull();
            assertThat(flag.kpi()).isNull();
            assertThat(flag.rules()).containsExactly("FLG-05");
            assertThat(flag.message()).isEqualTo(
                    "Overall score fell three periods in a row: 80.03 (2026-07), 80.02, 80.01, 80.00 (this period)");
        }

        @ParameterizedTest(name = "scores {3} > {2} > {1} > now from attainment {0}: flagged {4}")
        @CsvSource({
            "1.00, 80.00, 80.02, 80.03, false",      // equal to last period
            "1.00, 80.01, 80.01, 80.03, false",      // flat one period earlier
            "1.00, 80.01, 80.02, 80.02, false",      // flat two periods earlier
            "0.999975, 80.00, 80.02, 80.03, false",  // 79.995 is stored as 80.00
            "0.99997, 80.00, 80.02, 80.03, true",    // 79.994 is stored as 79.99
            "1.00, 81, 82, 83, true"})
        void decliningTrendComparesStoredScoresStrictly(String attainment, String p1, String p2, String p3,
                boolean flagged) {
            Result result = defaultRules().attainment("TRAINING_COMPLETION", attainment)
                    .previousScore(1, p1).previousScore(2, p2).previousScore(3, p3).assess();

            assertThat(result.flags("DECLINING_TREND")).hasSize(flagged ? 1 : 0);
        }

        @Test
        void noDecliningTrendWithoutAllFourPeriods() {
            Result result = defaultRules().attainment("TRAINING_COMPLETION", "0.5")
                    .previousScore(1, "90").previousScore(2, "95").assess();

            assertThat(result.flags("DECLINING_TREND")).isEmpty();
        }

        @Test
        void noDecliningTrendWithoutAScoreThisPeriod() {
            Result result = defaultRules().measure("REVENUE", null, "1")
                    .previousScore(1, "90").previousScore(2, "95").previousScore(3, "99").assess();

            assertThat(result.flags("DECLINING_TREND")).isEmpty();
        }
    }

    /**
     * The alert rules (files 70-72) ask for an alert per concern; scores and flags are those above. Each test checks
     * the alert itself, the rule behind it in its lineage, and that the rule fired or did not.
     */
    @Nested
    class AlertRules {

        @ParameterizedTest(name = "overall score {2}: alerted {3}")
        @CsvSource({
            "0.90005, 0.90005, 60.01, false",   // just above the RED limit
            "0.90, 0.90, 60, false",            // at the RED limit: AMBER
            "0.90005, 0.8998, 59.99, true"})    // (60.01 + 59.97) / 2, just below
        void overallRedBelowTheRedLimit(String training, String engagement, String score, boolean alerted) {
            Result result = defaultRules().attainment("TRAINING_COMPLETION", training)
                    .attainment("EMPLOYEE_ENGAGEMENT", engagement).assess();

            assertThat(result.overallScore()).isEqualByComparingTo(score);
            assertThat(result.alerts("OVERALL_RED")).hasSize(alerted ? 1 : 0);
            assertThat(result.firedRules().contains("ALR-01")).isEqualTo(alerted);
            if (alerted) {
                Alert alert = result.alerts("OVERALL_RED").get(0);
                assertThat(alert.severity()).isEqualTo(Severity.HIGH);
                assertThat(alert.key()).isEqualTo("OVERALL_RED//");
                assertThat(alert.perspective()).isNull();
                assertThat(alert.kpi()).isNull();
                assertThat(alert.rules()).containsExactly("ALR-01");
                assertThat(alert.message()).isEqualTo("Overall score 59.99 is RED (below 60)");
                // the LEARNING_GROWTH perspective is RED too, but that flag is MEDIUM: no alert of its own
                assertThat(result.assessment().alerts()).containsExactly(alert);
            }
        }

        @Test
        void noOverallRedWithoutAnOverallScore() {
            Result result = defaultRules().measure("REVENUE", null, "1").assess();

            assertThat(result.assessment().alerts()).isEmpty();
            assertThat(result.firedRules()).doesNotContain("ALR-01");
        }

        @ParameterizedTest(name = "revenue attainment {0}: alerted {1}")
        @CsvSource({"0.8001, false", "0.80, false", "0.7999, true"})
        void revenueShortfallAlertBelow80Percent(String attainment, boolean alerted) {
            // sales growth and gross margin at 1.20 keep the territory AMBER: no OVERALL_RED alert
            Result result = defaultRules().attainment("REVENUE", attainment).attainment("SALES_GROWTH", "1.20")
                    .attainment("GROSS_MARGIN", "1.20").assess();

            assertThat(result.assessment().overall().status()).isEqualTo(Status.AMBER);
            assertThat(result.assessment().alerts()).hasSize(alerted ? 1 : 0);
            assertThat(result.firedRules().contains("ALR-02")).isEqualTo(alerted);
            if (alerted) {
                Alert alert = result.alerts("REVENUE_SHORTFALL").get(0);
                assertThat(alert.severity()).isEqualTo(Severity.HIGH);
                assertThat(alert.key()).isEqualTo("REVENUE_SHORTFALL/FINANCIAL/REVENUE");
                assertThat(alert.perspective()).isEqualTo(Perspective.FINANCIAL);
                assertThat(alert.kpi()).isEqualTo("REVENUE");
                assertThat(alert.rules()).containsExactly("ALR-02");
                assertThat(alert.message()).isEqualTo(result.flags("REVENUE_SHORTFALL").get(0).message());
            }
        }

        @ParameterizedTest(name = "retention {0}, satisfaction {1}: alerted {2}")
        @CsvSource({"0.8999, 0.8999, true", "0.90, 0.8999, false", "0.8999, 0.90, false"})
        void customerAtRiskAlertWhenRetentionAndSatisfactionAreBothRed(String retention, String satisfaction,
                boolean alerted) {
            Result result = defaultRules().attainment("RETENTION_RATE", retention)
                    .attainment("CUSTOMER_SATISFACTION", satisfaction).attainment("MARKET_SHARE", "1.20").assess();

            assertThat(result.assessment().alerts()).hasSize(alerted ? 1 : 0);
            assertThat(result.firedRules().contains("ALR-04")).isEqualTo(alerted);
            assertThat(result.firedRules()).doesNotContain("ALR-02");
            if (alerted) {
                Alert alert = result.alerts("CUSTOMER_AT_RISK").get(0);
                assertThat(alert.severity()).isEqualTo(Severity.HIGH);
                assertThat(alert.key()).isEqualTo("CUSTOMER_AT_RISK/CUSTOMER/");
                assertThat(alert.perspective()).isEqualTo(Perspective.CUSTOMER);
                assertThat(alert.kpi()).isNull();
                assertThat(alert.rules()).containsExactly("ALR-04");
                assertThat(alert.message()).isEqualTo(result.flags("CUSTOMER_AT_RISK").get(0).message());
            }
        }

        @Test
        void mediumAndLowFlagsAskForNoAlert() {
            Result result = defaultRules().attainment("TRAINING_COMPLETION", "0.8999").attainment("REVENUE", "1")
                    .assess();

            assertThat(result.flags("PERSPECTIVE_RED")).extracting(Flag::severity).containsExactly(Severity.MEDIUM);
            assertThat(result.flags("MISSING_DATA")).isNotEmpty();
            assertThat(result.assessment().alerts()).isEmpty();
            assertThat(result.firedRules()).doesNotContain("ALR-01", "ALR-02", "ALR-03", "ALR-04");
        }

        @ParameterizedTest(name = "now from attainment {0}, last period {1}: alerted {2}")
        @CsvSource({
            "1.00, 80.01, true",        // 80.00 < 80.01 < 80.02 < 80.03
            "1.00, 80.00, false",       // equal to last period
            "0.99997, 80.00, true",     // 79.994 is stored as 79.99
            "0.999975, 80.00, false"})  // 79.995 is stored as 80.00
        void decliningTrendAlertWithTheDecliningTrendFlag(String attainment, String lastPeriod, boolean alerted) {
            Result result = defaultRules().attainment("TRAINING_COMPLETION", attainment)
                    .previousScore(1, lastPeriod).previousScore(2, "80.02").previousScore(3, "80.03").assess();

            assertThat(result.alerts("DECLINING_TREND")).hasSize(alerted ? 1 : 0);
            assertThat(result.firedRules().contains("ALR-03")).isEqualTo(alerted);
            if (alerted) {
                Alert alert = result.alerts("DECLINING_TREND").get(0);
                assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
                assertThat(alert.key()).isEqualTo("DECLINING_TREND//");
                assertThat(alert.rules()).containsExactly("ALR-03");
                assertThat(alert.message()).isEqualTo(result.flags("DECLINING_TREND").get(0).message())
                        .startsWith("Overall score fell three periods in a row: 80.03 (2026-07), 80.02, ");
            }
        }

        @Test
        void oneAlertPerConcernSortedBySeverityThenKey() {
            Result result = defaultRules().attainment("REVENUE", "0.5").attainment("RETENTION_RATE", "0.5")
                    .attainment("CUSTOMER_SATISFACTION", "0.5")
                    .previousScore(1, "50").previousScore(2, "60").previousScore(3, "70").assess();

            assertThat(result.assessment().alerts())
                    .extracting(Alert::key, Alert::severity, Alert::rules)
                    .containsExactly(
                            tuple("CUSTOMER_AT_RISK/CUSTOMER/", Severity.HIGH,
                                    List.of("ALR-04")),
                            tuple("OVERALL_RED//", Severity.HIGH, List.of("ALR-01")),
                            tuple("REVENUE_SHORTFALL/FINANCIAL/REVENUE", Severity.HIGH,
                                    List.of("ALR-02")),
                            tuple("DECLINING_TREND//", Severity.MEDIUM,
                                    List.of("ALR-03")));
            assertThat(result.alerts("OVERALL_RED").get(0).message()).isEqualTo("Overall score 0.00 is RED (below 60)");
        }

        @Test
        void twoRulesAskingForTheSameAlertFailTheBatchNamingBoth() {
            CompiledRuleset rules = RuleHarness.compileDefaultChanged(java.util.Map.of("79-alert-twice.drl", """
                    package scorecard;

                    import io.territoryscorecard.ruleset.fact.*;

                    rule "ALR-90 Overall RED once more"
                        ruleflow-group "alerts"
                    when
                        $s : TerritoryStatus(status == Status.RED)
                    then
                        insert(AlertRequest.forTerritory($s.getTerritory(), "OVERALL_RED", Severity.LOW, "again"));
                    end
                    """.getBytes(java.nio.charset.StandardCharsets.UTF_8)), List.of());

            assertThatThrownBy(() -> RuleHarness.with(rules).attainment("REVENUE", "0.5").assess())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("asked for alert OVERALL_RED// twice for territory T-01")
                    .hasMessageContaining("[ALR-01]").hasMessageContaining("[ALR-90]");
        }
    }

    /**
     * A KPI with status limits and a score line of its own (AttainmentLimit.forKpi, ScoreBreakpoint.forKpi) uses only those;
     * every other KPI keeps the ones for all KPIs.
     */
    @Nested
    class KpiOwnSettings {

        private static CompiledRuleset rules;

        private static synchronized RuleHarness revenueOwnSettings() {
            if (rules == null) {
                rules = RuleHarness.compileDefaultChanged(java.util.Map.of("16-revenue-own-settings.drl", """
                        package scorecard;

                        import io.territoryscorecard.ruleset.fact.*;

                        rule "SET-90 Revenue's own bands and score line"
                            ruleflow-group "settings"
                        when
                        then
                            insert(AttainmentLimit.forKpi("REVENUE", Status.GREEN, "1.05"));
                            insert(AttainmentLimit.forKpi("REVENUE", Status.AMBER, "0.95"));
                            insert(ScoreBreakpoint.forKpi("REVENUE", "0.80", "0"));
                            insert(ScoreBreakpoint.forKpi("REVENUE", "1.00", "50"));
                            insert(ScoreBreakpoint.forKpi("REVENUE", "1.10", "100"));
                        end
                        """.getBytes(java.nio.charset.StandardCharsets.UTF_8)), List.of());
            }
            return RuleHarness.with(rules);
        }

        @ParameterizedTest(name = "revenue attainment {0} is {1} by its own bands")
        @CsvSource({
            "1.0501, GREEN", "1.05, GREEN", "1.0499, AMBER",
            "0.9501, AMBER", "0.95, AMBER", "0.9499, RED"})
        void followTheKpisOwnBands(String attainment, Status status) {
            KpiResult revenue = revenueOwnSettings().attainment("REVENUE", attainment).assess().kpi("REVENUE");

            assertThat(revenue.status()).isEqualTo(status);
            assertThat(revenue.explanation().rules()).contains("KST-02").doesNotContain("KST-01");
        }

        @ParameterizedTest(name = "sales growth attainment {0} is {1} by the bands for all KPIs")
        @CsvSource({"1.00, GREEN", "0.9999, AMBER", "0.9499, AMBER", "0.8999, RED"})
        void leaveTheOtherKpisOnTheBandsForAll(String attainment, Status status) {
            KpiResult growth = revenueOwnSettings().attainment("SALES_GROWTH", attainment).assess()
                    .kpi("SALES_GROWTH");

            assertThat(growth.status()).isEqualTo(status);
            assertThat(growth.explanation().rules()).contains("KST-01").doesNotContain("KST-02");
        }

        @ParameterizedTest(name = "revenue attainment {0} scores {1} by {2}")
        @CsvSource({
            "0, 0, KSC-05", "0.7999, 0, KSC-05", "0.80, 0, KSC-04", "0.8001, 0.025, KSC-04",
            "0.9999, 49.975, KSC-04", "1.00, 50, KSC-04", "1.0001, 50.05, KSC-04",
            "1.0999, 99.95, KSC-04", "1.10, 100, KSC-06", "1.1001, 100, KSC-06"})
        void followTheKpisOwnScoreLine(String attainment, String score, String rule) {
            KpiResult revenue = revenueOwnSettings().attainment("REVENUE", attainment).assess().kpi("REVENUE");

            assertThat(revenue.score()).isEqualByComparingTo(score);
            assertThat(revenue.explanation().rules()).containsExactly("DQ-05", "ATT-01", "KST-02", rule);
        }

        @Test
        void leaveTheOtherKpisOnTheLineForAll() {
            Result result = revenueOwnSettings().attainment("SALES_GROWTH", "0.95").attainment("REVENUE", "0.95")
                    .assess();

            assertThat(result.kpi("SALES_GROWTH").score()).isEqualByComparingTo("70");
            assertThat(result.kpi("SALES_GROWTH").explanation().rules()).contains("KSC-01");
            assertThat(result.kpi("REVENUE").score()).isEqualByComparingTo("37.5");
        }
    }

    private static Flag flagFor(Result result, String code, String kpi) {
        return result.flags(code).stream().filter(f -> kpi.equals(f.kpi())).findFirst().orElseThrow(
                () -> new AssertionError("no " + code + " flag for " + kpi + " in " + result.assessment().flags()));
    }
}
