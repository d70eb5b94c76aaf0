package io.territoryscorecard.evaluation;

import static io.territoryscorecard.DemoAccount.SALES_OPS;
import static org.assertj.core.api.Assertions.assertThat;

import io.territoryscorecard.ApiClient;
import io.territoryscorecard.HttpAnswer;
import io.territoryscorecard.evaluation.EvaluationRun.Purpose;
import io.territoryscorecard.measurement.Period;
import io.territoryscorecard.ruleset.RulesetSource;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Evaluation runs and scorecards over real HTTP, on an embedded H2 database seeded with the demo company (see
 * DemoCompanyChange for its stories and invalid rows). Tests that read results evaluate the period themselves when it
 * has no results yet, so they do not depend on the order they run in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:evaluation-api-test;MODE=MySQL;CASE_INSENSITIVE_IDENTIFIERS=TRUE;"
                + "DB_CLOSE_DELAY=-1",
        "scorecard.demo.evaluate-on-start=false"})
class EvaluationApiTest {

    private static final List<String> STATUSES = List.of("GREEN", "AMBER", "RED");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> PERSPECTIVES = List.of("FINANCIAL", "CUSTOMER", "INTERNAL_PROCESS",
            "LEARNING_GROWTH");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;

    @BeforeEach
    void connect() {
        api = ApiClient.anonymous(port).as(SALES_OPS);
    }

    @Test
    void evaluatesEveryTerritoryOfAPeriodStartedOverHttp() {
        HttpAnswer accepted = api.post("/api/evaluations", "{\"period\":\"2026-10\"}");

        assertThat(accepted.status()).isEqualTo(202);
        JsonNode started = accepted.json();
        long runId = started.path("id").asLong();
        assertThat(started.path("period").asString()).isEqualTo("2026-10");
        assertThat(started.path("status").asString()).isIn("RUNNING", "COMPLETED");
        assertThat(started.path("progress").path("total").asInt()).isEqualTo(60);
        assertThat(started.path("requestedBy").asString()).isEqualTo("salesops");

        JsonNode run = api.awaitFinished(runId);
        assertThat(run.path("status").asString()).as("run %s", run).isEqualTo("COMPLETED");
        assertThat(run.path("error").isNull()).isTrue();
        assertThat(run.path("progress").path("done").asInt()).isEqualTo(60);
        assertThat(run.path("progress").path("percent").asInt()).isEqualTo(100);
        assertThat(run.path("counts").path("territoryScores").asInt()).isEqualTo(60);
        assertThat(run.path("counts").path("perspectiveScores").asInt()).isEqualTo(240);
        assertThat(run.path("counts").path("kpiAssessments").asInt()).isEqualTo(720);
        assertThat(run.path("counts").path("improvementFlags").asInt()).isPositive();

        JsonNode overview = api.get("/api/scorecards?period=2026-10").json();
        assertThat(overview.path("evaluationRunId").asLong()).isEqualTo(runId);
        assertThat(overview.path("rulesetVersion").asString()).isEqualTo(io.territoryscorecard.DefaultRules.label());
        assertThat(overview.path("territories").size()).isEqualTo(60);
        for (JsonNode territory : overview.path("territories")) {
            String code = territory.path("territory").asString();
            assertThat(territory.path("overall").path("score").isNumber()).as(code).isTrue();
            assertThat(territory.path("overall").path("status").asString()).as(code).isIn(STATUSES);
            List<String> perspectives = new ArrayList<>();
            for (JsonNode perspective : territory.path("perspectives")) {
                perspectives.add(perspective.path("code").asString());
                assertThat(perspective.path("score").isNumber()).as(code).isTrue();
                assertThat(perspective.path("status").asString()).as(code).isIn(STATUSES);
            }
            assertThat(perspectives).as(code).containsExactlyInAnyOrderElementsOf(PERSPECTIVES);
        }
    }

    @Test
    void underperformingTerritoryIsRedWithRevenueShortfallAndCustomersAtRisk() {
        evaluatedOnce("2026-10");

        JsonNode scorecard = api.get("/api/scorecards/NORTH-03?period=2026-10").json();

        assertThat(scorecard.path("territory").asString()).isEqualTo("NORTH-03");
        assertThat(scorecard.path("overall").path("status").asString()).isEqualTo("RED");
        assertThat(flagCodes(scorecard)).contains("REVENUE_SHORTFALL", "CUSTOMER_AT_RISK");
        assertThat(scorecard.path("kpis").size()).isEqualTo(12);
        for (JsonNode kpi : scorecard.path("kpis")) {
            String code = kpi.path("code").asString();
            assertThat(kpi.path("dataQuality").asString()).as(code).isEqualTo("VALID");
            JsonNode rules = kpi.path("explanation").path("rules");
            assertThat(rules.isArray()).as(code + " explanation " + kpi.path("explanation")).isTrue();
            assertThat(rules.size()).as(code + " explanation " + kpi.path("explanation")).isPositive();
        }
        JsonNode revenue = kpi(scorecard, "REVENUE");
        assertThat(revenue.path("status").asString()).isEqualTo("RED");
        assertThat(revenue.path("attainment").decimalValue()).isLessThan(new BigDecimal("0.80"));
        for (JsonNode flag : scorecard.path("flags")) {
            assertThat(flag.path("rules").size()).as("rules of flag %s", flag).isPositive();
        }
    }

    /**
     * The alerts the rules ask for are stored with the run: NORTH-03's by name, and for every territory exactly one per
     * RED overall status, HIGH flag and DECLINING_TREND flag of the same run, each with the rule that asked for it.
     */
    @Test
    void storesTheAlertsTheRulesAskForWithTheRun() {
        evaluatedOnce("2026-10");
        long run = jdbc.sql("SELECT evaluation_run_id FROM period_result WHERE period = '2026-10'").query(Long.class)
                .single();

        List<Map<String, Object>> north03 = jdbc.sql("""
                SELECT a.code, a.alert_key, a.severity, a.message, a.perspective, a.kpi_code, a.explanation
                  FROM alert_request a JOIN territory t ON t.id = a.territory_id
                 WHERE a.evaluation_run_id = :run AND t.code = 'NORTH-03'
                 ORDER BY a.alert_key
                """).param("run", run).query().listOfRows();
        assertThat(north03).extracting(a -> a.get("alert_key")).contains("CUSTOMER_AT_RISK/CUSTOMER/",
                "OVERALL_RED//", "REVENUE_SHORTFALL/FINANCIAL/REVENUE");
        Map<String, Object> red = north03.stream().filter(a -> a.get("code").equals("OVERALL_RED")).findFirst()
                .orElseThrow();
        assertThat(red.get("severity")).isEqualTo("HIGH");
        assertThat((String) red.get("message")).matches("Overall score \\d+\\.\\d{2} is RED \\(below 60\\)");
        assertThat(red.get("perspective")).isNull();
        assertThat(red.get("kpi_code")).isNull();
        assertThat(JSON.readTree((String) red.get("explanation")).path("rules").toString()).isEqualTo("[\"ALR-01\"]");
        Map<String, Object> revenue = north03.stream().filter(a -> a.get("code").equals("REVENUE_SHORTFALL"))
                .findFirst().orElseThrow();
        assertThat(revenue.get("perspective")).isEqualTo("FINANCIAL");
        assertThat(revenue.get("kpi_code")).isEqualTo("REVENUE");
        assertThat(JSON.readTree((String) revenue.get("explanation")).path("rules").toString())
                .isEqualTo("[\"ALR-02\"]");

        List<String> asked = jdbc.sql("""
                SELECT CONCAT(t.code, ' ', a.alert_key) FROM alert_request a JOIN territory t ON t.id = a.territory_id
                 WHERE a.evaluation_run_id = :run
                """).param("run", run).query(String.class).list();
        List<String> expected = jdbc.sql("""
                SELECT CONCAT(t.code, ' OVERALL_RED//') FROM territory_score s JOIN territory t ON t.id = s.territory_id
                 WHERE s.evaluation_run_id = :run AND s.status = 'RED'
                UNION ALL
                SELECT CONCAT(t.code, ' ', f.flag_key) FROM improvement_flag f JOIN territory t ON t.id = f.territory_id
                 WHERE f.evaluation_run_id = :run AND (f.severity = 'HIGH' OR f.code = 'DECLINING_TREND')
                """).param("run", run).query(String.class).list();
        assertThat(asked).hasSizeGreaterThan(4).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void targetOfZeroMakesTheKpiInvalidAndFlagsIt() {
        evaluatedOnce("2026-10");

        JsonNode scorecard = api.get("/api/scorecards/SOUTH-04?period=2026-10").json();

        JsonNode margin = kpi(scorecard, "GROSS_MARGIN");
        assertThat(margin.path("dataQuality").asString()).isEqualTo("INVALID");
        assertThat(margin.path("target").decimalValue()).isZero();
        assertThat(margin.path("attainment").isNull()).isTrue();
        assertThat(margin.path("status").isNull()).isTrue();
        assertThat(margin.path("score").isNull()).isTrue();
        assertThat(margin.path("explanation").path("rules").toString()).contains("DQ-03");
        JsonNode invalid = null;
        for (JsonNode flag : scorecard.path("flags")) {
            if (flag.path("code").asString().equals("INVALID_DATA")) {
                invalid = flag;
            }
        }
        assertThat(invalid).as("INVALID_DATA flag among %s", scorecard.path("flags")).isNotNull();
        assertThat(invalid.path("kpi").asString()).isEqualTo("GROSS_MARGIN");
        assertThat(invalid.path("rules").toString()).contains("DQ-03");
        // the other financial KPIs still score the perspective
        assertThat(scorecard.path("overall").path("score").isNumber()).isTrue();
    }

    @Test
    void reEvaluatingReplacesThePeriodAtomically() {
        long first = api.evaluate("2026-08").path("id").asLong();
        long second = api.evaluate("2026-08").path("id").asLong();

        assertThat(second).isNotEqualTo(first);
        assertThat(jdbc.sql("SELECT evaluation_run_id FROM period_result WHERE period = '2026-08'")
                .query(Long.class).list()).containsExactly(second);
        assertThat(count("territory_score", second)).isEqualTo(60);
        assertThat(count("kpi_assessment", second)).isEqualTo(720);
        assertThat(count("perspective_score", second)).isEqualTo(240);
        assertThat(count("alert_request", second)).isPositive();
        // the earlier run stays as history, no longer current
        assertThat(count("territory_score", first)).isEqualTo(60);
        assertThat(count("kpi_assessment", first)).isEqualTo(720);
        assertThat(count("alert_request", first)).isEqualTo(count("alert_request", second));
        assertThat(api.get("/api/evaluations/" + first).json().path("status").asString()).isEqualTo("COMPLETED");

        assertThat(api.get("/api/scorecards?period=2026-08").json().path("evaluationRunId").asLong())
                .isEqualTo(second);
        assertThat(api.get("/api/scorecards/NORTH-03?period=2026-08").json().path("evaluationRunId").asLong())
                .isEqualTo(second);
    }

    @Test
    void rejectsAMonthThatDoesNotExist() {
        HttpAnswer response = api.post("/api/evaluations", "{\"period\":\"2026-13\"}");

        assertProblem(response, 400, "2026-13", "month 13");
    }

    @Test
    void rejectsAPeriodNotWrittenYyyyMm() {
        HttpAnswer response = api.post("/api/evaluations", "{\"period\":\"26-01\"}");

        assertProblem(response, 400, "26-01", "YYYY-MM");
    }

    @Test
    void rejectsAStartWithoutPeriod() {
        HttpAnswer response = api.post("/api/evaluations", "{}");

        assertProblem(response, 400, "period is required");
    }

    @Test
    void rejectsMalformedJson() {
        HttpAnswer response = api.post("/api/evaluations", "{\"period\": \"2026-10\"");

        assertProblem(response, 400);
        assertThat(response.body()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void malformedJsonProblemSaysTheBodyIsNotValidJson() {
        HttpAnswer response = api.post("/api/evaluations", "{\"period\": \"2026-10\"");

        assertProblem(response, 400, "JSON");
    }

    @Test
    void rejectsABadPeriodWhenReadingScorecards() {
        assertProblem(api.get("/api/scorecards?period=2026-13"), 400, "month 13");
    }

    @Test
    void answersNotFoundForATerritoryThatDoesNotExist() {
        evaluatedOnce("2026-10");

        assertProblem(api.get("/api/scorecards/NOWHERE-99?period=2026-10"), 404, "NOWHERE-99");
    }

    @Test
    void answersNotFoundForARunThatDoesNotExist() {
        assertProblem(api.get("/api/evaluations/987654321"), 404, "987654321");
    }

    @Test
    void answersNotFoundForAPeriodThatWasNeverEvaluated() {
        assertProblem(api.get("/api/scorecards?period=2024-01"), 404, "2024-01");
        assertProblem(api.get("/api/scorecards/NORTH-03?period=2024-01"), 404, "2024-01");
    }

    /**
     * A run of the period that is still RUNNING, here one recorded by another process with a fresh heartbeat, blocks a
     * second run; once its heartbeat is older than two minutes it counts as abandoned and no longer blocks.
     */
    @Test
    void refusesASecondRunOfAPeriodWhileOneIsRunning() {
        long version = jdbc.sql("SELECT id FROM ruleset_version WHERE active = TRUE").query(Long.class).single();
        LocalDateTime now = LocalDateTime.now().withNano(0);
        jdbc.sql("""
                INSERT INTO evaluation_run (period, ruleset_version_id, status, running_key, requested_by, started_at,
                                            heartbeat_at, territories_total, territories_done)
                VALUES ('2025-12', :version, 'RUNNING', :key, 'another process', :now, :now, 60, 7)
                """).param("version", version).param("now", now)
                .param("key", EvaluationRuns.runningKey(Period.parse("2025-12"), Purpose.CURRENT, version)).update();
        try {
            HttpAnswer refused = api.post("/api/evaluations", "{\"period\":\"2025-12\"}");

            assertProblem(refused, 409, "2025-12", "already running");
            assertThat(jdbc.sql("SELECT COUNT(*) FROM evaluation_run WHERE period = '2025-12'").query(Integer.class)
                    .single()).isEqualTo(1);

            jdbc.sql("UPDATE evaluation_run SET heartbeat_at = :silent WHERE period = '2025-12'")
                    .param("silent", now.minusMinutes(5)).update();
            assertThat(api.evaluate("2025-12").path("period").asString()).isEqualTo("2025-12");
        } finally {
            jdbc.sql("DELETE FROM evaluation_run WHERE period = '2025-12' AND requested_by = 'another process'")
                    .update();
        }
    }

    @Test
    void healthShowsTheDatabaseAndTheLoadedRuleset() {
        HttpAnswer response = api.get("/actuator/health");

        assertThat(response.status()).isEqualTo(200);
        JsonNode health = response.json();
        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.path("components").path("db").path("status").asString()).isEqualTo("UP");
        JsonNode ruleset = health.path("components").path("ruleset");
        assertThat(ruleset.path("status").asString()).isEqualTo("UP");
        long active = jdbc.sql("SELECT id FROM ruleset_version WHERE active = TRUE").query(Long.class).single();
        assertThat(ruleset.path("details").path("version").asLong()).isEqualTo(active);
        assertThat(ruleset.path("details").path("label").asString()).isEqualTo(io.territoryscorecard.DefaultRules.label());
        RulesetSource folder = RulesetSource.fromFolder(Path.of("rules"));
        assertThat(ruleset.path("details").path("sha256").asString()).isEqualTo(folder.sha256());
        long rules = folder.ruleFiles().values().stream()
                .flatMap(String::lines).filter(line -> line.startsWith("rule \"")).count();
        assertThat(ruleset.path("details").path("rules").asLong()).isEqualTo(rules);
        // the active rules were compiled in a worker, a child of this process, which is kept for the next batch
        assertThat(ruleset.path("details").path("ruleWorkers").valueStream().map(JsonNode::asLong).toList())
                .isNotEmpty().allSatisfy(pid -> assertThat(ProcessHandle.of(pid).flatMap(ProcessHandle::parent)
                        .map(ProcessHandle::pid)).contains(ProcessHandle.current().pid()));
    }

    private void evaluatedOnce(String period) {
        if (api.get("/api/scorecards?period=" + period).status() == 404) {
            api.evaluate(period);
        }
    }

    private int count(String table, long runId) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE evaluation_run_id = :run").param("run", runId)
                .query(Integer.class).single();
    }

    private static List<String> flagCodes(JsonNode scorecard) {
        List<String> codes = new ArrayList<>();
        scorecard.path("flags").forEach(flag -> codes.add(flag.path("code").asString()));
        return codes;
    }

    private static JsonNode kpi(JsonNode scorecard, String code) {
        for (JsonNode kpi : scorecard.path("kpis")) {
            if (kpi.path("code").asString().equals(code)) {
                return kpi;
            }
        }
        throw new AssertionError("no KPI " + code + " in " + scorecard);
    }

    /** An RFC 9457 problem with the status, whose detail names what was wrong. */
    private static void assertProblem(HttpAnswer response, int status, String... detailMentions) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asString()).isNotBlank();
        for (String mention : detailMentions) {
            assertThat(problem.path("detail").asString()).as(response.body()).contains(mention);
        }
        assertThat(response.body()).doesNotContain("\"trace\"");
    }
}
