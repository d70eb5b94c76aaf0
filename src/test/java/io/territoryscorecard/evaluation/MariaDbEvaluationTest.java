package io.territoryscorecard.evaluation;

import io.territoryscorecard.ScratchDatabase;
import static org.assertj.core.api.Assertions.assertThat;

import io.territoryscorecard.Launcher;
import io.territoryscorecard.ruleset.RulesetSource;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command line on the real MariaDB server (127.0.0.1:3306, root): schema and demo company by Liquibase, evaluation
 * through {@code evaluate --period=...} as {@code java -jar} runs it. The test owns database {@code scorecard_it}: it
 * creates it afresh and drops it at the end. An unreachable server fails the test.
 */
@ExtendWith(OutputCaptureExtension.class)
class MariaDbEvaluationTest {

    private static final String DATABASE = ScratchDatabase.url("scorecard_it");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static JdbcClient jdbc;
    static long firstRun;

    @BeforeAll
    static void createDatabaseAndEvaluateOnce() throws SQLException {
        ScratchDatabase.recreate("scorecard_it");
        jdbc = JdbcClient.create(new DriverManagerDataSource(DATABASE, "root", ""));

        assertThat(command("rules", "store", "rules", "--activate")).isZero();
        assertThat(command("evaluate", "--period=2026-10")).isZero();
        firstRun = currentRun("2026-10");
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        ScratchDatabase.drop("scorecard_it");
    }

    @Test
    void evaluatingAPeriodAgainLeavesExactlyOneCurrentResultSet(CapturedOutput output) {
        assertThat(command("evaluate", "--period=2026-10")).isZero();

        long secondRun = currentRun("2026-10");
        assertThat(secondRun).isNotEqualTo(firstRun);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM period_result WHERE period = '2026-10'").query(Integer.class)
                .single()).isEqualTo(1);
        assertThat(rows("territory_score", secondRun)).isEqualTo(60);
        assertThat(rows("perspective_score", secondRun)).isEqualTo(240);
        assertThat(rows("kpi_assessment", secondRun)).isEqualTo(720);
        // the same data and rules ask for the same alerts again, stored under the new run
        assertThat(rows("alert_request", secondRun)).isPositive().isEqualTo(rows("alert_request", firstRun));
        assertThat(jdbc.sql("SELECT status FROM evaluation_run WHERE id = :run").param("run", secondRun)
                .query(String.class).single()).isEqualTo("COMPLETED");
        // the first run is history now, its rows kept
        assertThat(rows("territory_score", firstRun)).isEqualTo(60);
        assertThat(output.getOut()).contains("Evaluation " + secondRun + " of 2026-10 completed: 60 territories, "
                + "720 KPI assessments, 240 perspective scores");
    }

    @Test
    void everyKpiAssessmentIsExplainedByTheRulesThatDerivedIt() {
        long run = currentRun("2026-10");
        List<Map<String, Object>> assessments = jdbc.sql("""
                SELECT kpi_code, territory_id, data_quality, explanation FROM kpi_assessment
                 WHERE evaluation_run_id = :run
                """).param("run", run).query().listOfRows();

        assertThat(assessments).hasSize(720);
        for (Map<String, Object> assessment : assessments) {
            String explanation = (String) assessment.get("explanation");
            assertThat(explanation).as("%s", assessment).isNotBlank();
            JsonNode rules = JSON.readTree(explanation).path("rules");
            assertThat(rules.isArray() && !rules.isEmpty()).as("rules in %s", assessment).isTrue();
        }
        assertThat(assessments).extracting(a -> a.get("data_quality")).contains("VALID", "INVALID");
    }

    /** NORTH-03 is RED with a revenue shortfall and customers at risk: one alert request each, with its rule. */
    @Test
    void theAlertsTheRulesAskForAreStoredWithTheirRules() {
        List<Map<String, Object>> alerts = jdbc.sql("""
                SELECT a.code, a.alert_key, a.severity, a.message, a.perspective, a.kpi_code, a.explanation
                  FROM alert_request a JOIN territory t ON t.id = a.territory_id
                 WHERE a.evaluation_run_id = :run AND t.code = 'NORTH-03'
                 ORDER BY a.alert_key
                """).param("run", currentRun("2026-10")).query().listOfRows();

        assertThat(alerts).extracting(a -> a.get("alert_key")).containsExactly("CUSTOMER_AT_RISK/CUSTOMER/",
                "OVERALL_RED//", "REVENUE_SHORTFALL/FINANCIAL/REVENUE");
        assertThat(alerts).extracting(a -> a.get("severity")).containsOnly("HIGH");
        assertThat(alerts).extracting(a -> a.get("perspective")).containsExactly("CUSTOMER", null, "FINANCIAL");
        assertThat(alerts).extracting(a -> a.get("kpi_code")).containsExactly(null, null, "REVENUE");
        assertThat(alerts).extracting(a -> JSON.readTree((String) a.get("explanation")).path("rules").toString())
                .containsExactly("[\"ALR-04\"]", "[\"ALR-01\"]", "[\"ALR-02\"]");
        assertThat((String) alerts.get(1).get("message")).matches("Overall score \\d+\\.\\d{2} is RED \\(below 60\\)");
        assertThat((String) alerts.get(2).get("message")).startsWith("Revenue at ").endsWith(" of target (limit 80%)");
    }

    @Test
    void resultsNameTheRulesetVersionTheyCameFrom() {
        Map<String, Object> version = jdbc.sql("""
                SELECT v.id, v.label, v.sha256, v.active
                  FROM evaluation_run er JOIN ruleset_version v ON v.id = er.ruleset_version_id
                 WHERE er.id = :run
                """).param("run", currentRun("2026-10")).query().singleRow();

        assertThat(version.get("label")).isEqualTo(io.territoryscorecard.DefaultRules.label());
        assertThat(version.get("sha256")).isEqualTo(RulesetSource.fromFolder(Path.of("rules")).sha256());
        assertThat(version.get("active")).isIn(true, 1, (byte) 1);
        assertThat(jdbc.sql("SELECT path FROM ruleset_file WHERE ruleset_version_id = :version")
                .param("version", version.get("id")).query(String.class).list())
                .contains("VERSION", "60-flag-revenue-shortfall.drl");
    }

    @Test
    void rejectsAMonthThatDoesNotExist(CapturedOutput output) {
        assertThat(command("evaluate", "--period=2026-13")).isEqualTo(2);

        assertThat(output.getErr()).contains("2026-13").contains("month 13");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM evaluation_run WHERE period = '2026-13'").query(Integer.class)
                .single()).isZero();
    }

    @Test
    void requiresAPeriod(CapturedOutput output) {
        assertThat(command("evaluate")).isEqualTo(2);

        assertThat(output.getErr()).contains("--period=YYYY-MM");
    }

    /** 16.2 / 18 is exactly 0.9, the bottom of AMBER; in binary floating point it would be 0.8999... and RED. */
    @Test
    void attainmentIsExactDecimalArithmetic() {
        int updated = jdbc.sql("""
                UPDATE measurement SET actual = 16.2, target = 18
                 WHERE period = '2026-07' AND kpi_code = 'REVENUE'
                   AND territory_id = (SELECT id FROM territory WHERE code = 'NORTH-03')
                """).update();
        assertThat(updated).isEqualTo(1);

        assertThat(command("evaluate", "--period=2026-07")).isZero();

        Map<String, Object> revenue = jdbc.sql("""
                SELECT a.actual, a.target, a.attainment, a.status, a.score
                  FROM kpi_assessment a JOIN territory t ON t.id = a.territory_id
                 WHERE a.evaluation_run_id = :run AND t.code = 'NORTH-03' AND a.kpi_code = 'REVENUE'
                """).param("run", currentRun("2026-07")).query().singleRow();
        assertThat(revenue.get("actual")).isEqualTo(new BigDecimal("16.200000"));
        assertThat(revenue.get("attainment")).isEqualTo(new BigDecimal("0.9000"));
        assertThat(revenue.get("status")).isEqualTo("AMBER");
        assertThat(revenue.get("score")).isEqualTo(new BigDecimal("60.00"));
    }

    /** Runs a command the way the jar does, against scorecard_it with the mysql profile and the demo company. */
    private static int command(String... args) {
        return Launcher.runCommand(Stream.concat(Stream.of(args), Stream.of(
                "--spring.profiles.active=mysql",
                "--spring.datasource.url=" + DATABASE,
                "--spring.datasource.username=root",
                "--spring.datasource.password=",
                "--spring.liquibase.contexts=demo",
                "--scorecard.demo.evaluate-on-start=false",
                // the demo company (and its accounts) is seeded on purpose here
                "--scorecard.security.allow-demo-passwords=true")).toArray(String[]::new));
    }

    private static long currentRun(String period) {
        return jdbc.sql("SELECT evaluation_run_id FROM period_result WHERE period = :period").param("period", period)
                .query(Long.class).single();
    }

    private static int rows(String table, long runId) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE evaluation_run_id = :run").param("run", runId)
                .query(Integer.class).single();
    }
}
