package io.territoryscorecard.ruleset;

import static io.territoryscorecard.ruleset.RuleHarness.defaultRules;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.territoryscorecard.ruleset.TerritoryAssessment.Alert;
import io.territoryscorecard.ruleset.TerritoryAssessment.KpiResult;
import io.territoryscorecard.ruleset.fact.Decimals;
import io.territoryscorecard.ruleset.fact.Severity;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the default ruleset does that a scenario cannot say. Its boundaries (the derived facts and the rules that
 * fired, at, just below and just above each) are the YAML scenarios that {@link ScenarioTest} runs; these tests check
 * the unrounded values behind what is stored, the order of the alerts, and a ruleset changed so that two rules derive
 * the same thing.
 */
class DefaultRulesetTest {

    @Test
    void attainmentKeepsThirtyDecimalsOfAQuotientThatDoesNotEnd() {
        // scenarios compare attainment as stored, at 4 decimals; the bands compare this unrounded value
        KpiResult revenue = defaultRules().measure("REVENUE", "1", "3").assess().kpi("REVENUE");

        assertThat(revenue.attainment()).isEqualByComparingTo("0.333333333333333333333333333333");
        assertThat(Decimals.round(revenue.attainment(), 4)).isEqualByComparingTo("0.3333");
    }

    @Test
    void theExplanationOfAKpiHoldsItsAttainmentAsShown() {
        KpiResult revenue = defaultRules().measure("REVENUE", "16.2", "18").assess().kpi("REVENUE");

        assertThat(revenue.explanation().details()).containsEntry("attainment", new BigDecimal("0.9000"));
    }

    @Test
    void oneAlertPerConcernSortedBySeverityThenKey() {
        RuleHarness.Result result = defaultRules().attainment("REVENUE", "0.5").attainment("RETENTION_RATE", "0.5")
                .attainment("CUSTOMER_SATISFACTION", "0.5")
                .previousScore(1, "50").previousScore(2, "60").previousScore(3, "70").assess();

        assertThat(result.assessment().alerts())
                .extracting(Alert::key, Alert::severity, Alert::rules)
                .containsExactly(
                        tuple("CUSTOMER_AT_RISK/CUSTOMER/", Severity.HIGH, List.of("ALR-04")),
                        tuple("OVERALL_RED//", Severity.HIGH, List.of("ALR-01")),
                        tuple("REVENUE_SHORTFALL/FINANCIAL/REVENUE", Severity.HIGH, List.of("ALR-02")),
                        tuple("DECLINING_TREND//", Severity.MEDIUM, List.of("ALR-03")));
    }

    @Test
    void twoRulesAskingForTheSameAlertFailTheBatchNamingBoth() {
        CompiledRuleset rules = RuleHarness.compileDefaultChanged(Map.of("79-alert-twice.drl", """
                package scorecard;

                import io.territoryscorecard.ruleset.fact.*;

                rule "ALR-90 Overall RED once more"
                    ruleflow-group "alerts"
                when
                    $s : TerritoryStatus(status == Status.RED)
                then
                    insert(AlertRequest.forTerritory($s.getTerritory(), "OVERALL_RED", Severity.LOW, "again"));
                end
                """.getBytes(StandardCharsets.UTF_8)), List.of());

        assertThatThrownBy(() -> RuleHarness.with(rules).attainment("REVENUE", "0.5").assess())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("asked for alert OVERALL_RED// twice for territory T-01")
                .hasMessageContaining("[ALR-01]").hasMessageContaining("[ALR-90]");
    }
}
