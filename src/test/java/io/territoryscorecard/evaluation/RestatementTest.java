package io.territoryscorecard.evaluation;

import static io.territoryscorecard.DemoAccount.ADMIN;
import static io.territoryscorecard.DemoAccount.NORTH_MANAGER;
import static io.territoryscorecard.DemoAccount.SALES_OPS;
import static org.assertj.core.api.Assertions.assertThat;

import io.territoryscorecard.ApiClient;
import io.territoryscorecard.HttpAnswer;
import io.territoryscorecard.Launcher;
import io.territoryscorecard.MultipartForm;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Restatements: 2026-06 of the demo company, evaluated with the repository's rules, re-evaluated with other stored
 * versions. The restated results sit beside the current ones, which never change, and are read by naming the version.
 * Batches of 7 territories, so that a failing run has already written batches when it fails.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestatementTest {

    private static final String DATABASE = "jdbc:h2:mem:restatement-" + UUID.randomUUID()
            + ";MODE=MySQL;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";
    private static final String PERIOD = "2026-06";
    private static final List<String> RESULT_TABLES = List.of("territory_score", "perspective_score",
            "kpi_assessment", "improvement_flag");
    /** Fails for the last territory once the month before has a current score: a failure that depends on history. */
    private static final String BOOM = """
            package scorecard;

            import io.territoryscorecard.ruleset.fact.*;

            rule "BOOM-01 Fails for COAST-10 once last month has a current score"
                ruleflow-group "flags"
            when
                EvaluatedTerritory(territory == "COAST-10")
                PreviousScore(territory == "COAST-10", periodsBack == 1)
            then
                Decimals.parse("boom");
            end
            """;

    static ConfigurableApplicationContext server;
    static ApiClient api;
    static JdbcClient jdbc;
    static long original;
    static long stricter;
    static long boom;
    static long currentRun;
    static long firstRestatement;

    @BeforeAll
    static void evaluateAndStoreTwoMoreVersions() {
        server = Launcher.startServer("--spring.datasource.url=" + DATABASE, "--scorecard.demo.evaluate-on-start=false",
                "--scorecard.evaluation.batch-size=7");
        api = ApiClient.anonymous(Launcher.port(server)).as(SALES_OPS);
        jdbc = server.getBean(JdbcClient.class);
        original = api.get("/api/rulesets/active").json().path("id").asLong();
        currentRun = api.evaluate(PERIOD).path("id").asLong();
        stricter = store(CandidateRules.stricter());
        boom = store(CandidateRules.withFile("99-boom.drl", BOOM, "boom-on-history"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @Order(1)
    void aRestatementIsStoredBesideTheCurrentResultsWhichStayAsTheyWere() {
        List<Map<String, Object>> periodResults = periodResults();
        JsonNode currentOverview = api.get("/api/scorecards?period=" + PERIOD).json();

        HttpAnswer started = api.post("/api/evaluations",
                "{\"period\":\"" + PERIOD + "\",\"rulesetVersionId\":" + stricter + "}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.json().path("purpose").asString()).isEqualTo("RESTATEMENT");
        JsonNode run = api.awaitFinished(started.json().path("id").asLong());
        assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("COMPLETED");
        assertThat(run.path("rulesetVersionId").asLong()).isEqualTo(stricter);
        firstRestatement = run.path("id").asLong();

        assertThat(periodResults()).isEqualTo(periodResults);
        assertThat(api.get("/api/scorecards?period=" + PERIOD).json()).isEqualTo(currentOverview);
        assertThat(restatements()).containsExactly(Map.of("version", stricter, "run", firstRestatement));

        JsonNode restated = api.get("/api/scorecards?period=" + PERIOD + "&version=" + stricter).json();
        assertThat(restated.path("evaluationRunId").asLong()).isEqualTo(firstRestatement);
        assertThat(restated.path("purpose").asString()).isEqualTo("RESTATEMENT");
        assertThat(restated.path("rulesetVersionId").asLong()).isEqualTo(stricter);
        assertThat(restated.path("rulesetVersion").asString()).isEqualTo("stricter-amber");
        assertThat(restated.path("territories").size()).isEqualTo(60);
        assertThat(currentOverview.path("purpose").asString()).isEqualTo("CURRENT");
        Map<String, String> before = statuses(currentOverview);
        Map<String, String> after = statuses(restated);
        assertThat(after).isNotEqualTo(before);

        // the preview of the same version predicted exactly these statuses
        JsonNode preview = api.post("/api/rulesets/" + stricter + "/preview?period=" + PERIOD, "").json();
        Map<String, String> predicted = new HashMap<>(before);
        preview.path("statusChanges").forEach(c -> predicted.put(c.path("territory").asString(), c.path("to").asString()));
        assertThat(predicted).isEqualTo(after);

        String changed = preview.path("statusChanges").get(0).path("territory").asString();
        JsonNode card = api.get("/api/scorecards/" + changed + "?period=" + PERIOD + "&version=" + stricter).json();
        assertThat(card.path("evaluationRunId").asLong()).isEqualTo(firstRestatement);
        assertThat(card.path("overall").path("status").asString()).isEqualTo(after.get(changed));
        assertThat(api.get("/api/scorecards/" + changed + "?period=" + PERIOD).json().path("overall").path("status")
                .asString()).isEqualTo(before.get(changed));
        for (JsonNode kpi : card.path("kpis")) {
            if (!kpi.path("attainment").isNumber()) {
                continue;
            }
            BigDecimal attainment = kpi.path("attainment").decimalValue();
            if (attainment.compareTo(new BigDecimal("0.90")) >= 0 && attainment.compareTo(new BigDecimal("0.95")) < 0) {
                assertThat(kpi.path("status").asString()).as(kpi.toString()).isEqualTo("RED");
            }
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'EVALUATION_STARTED' AND actor = 'salesops'"
                + " AND target = 'period 2026-06' AND details LIKE '%restatement%'").query(Integer.class).single())
                .isEqualTo(1);
    }

    @Test
    @Order(2)
    void theVersionOfTheCurrentResultsReadsTheCurrentResults() {
        JsonNode overview = api.get("/api/scorecards?period=" + PERIOD + "&version=" + original).json();

        assertThat(overview.path("evaluationRunId").asLong()).isEqualTo(currentRun);
        assertThat(overview.path("purpose").asString()).isEqualTo("CURRENT");
        assertThat(api.get("/api/scorecards/NORTH-03?period=" + PERIOD + "&version=" + original).json()
                .path("evaluationRunId").asLong()).isEqualTo(currentRun);
    }

    @Test
    @Order(3)
    void aVersionWithoutResultsForThePeriodIsNotFound() {
        HttpAnswer missing = api.get("/api/scorecards?period=" + PERIOD + "&version=" + boom);

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("detail").asString())
                .isEqualTo("period 2026-06 has no results of ruleset version " + boom);
        assertThat(api.get("/api/scorecards/NORTH-03?period=" + PERIOD + "&version=" + boom).status()).isEqualTo(404);
        assertThat(api.get("/api/scorecards?period=2026-07&version=" + stricter).status()).isEqualTo(404);
        assertThat(api.get("/api/scorecards?period=" + PERIOD + "&version=999999").status()).isEqualTo(404);
    }

    @Test
    @Order(4)
    void restatingAgainWithTheSameVersionReplacesTheRestatementAndKeepsTheRun(CapturedOutput output) {
        List<Map<String, Object>> periodResults = periodResults();
        String database = "--spring.datasource.url=" + DATABASE;

        assertThat(Launcher.runCommand("evaluate", "--period=" + PERIOD, "--version=" + stricter, database)).isZero();
        assertThat(Launcher.runCommand("evaluate", "--period=" + PERIOD, "--version=x", database)).isEqualTo(2);

        List<Map<String, Object>> restatements = restatements();
        assertThat(restatements).hasSize(1);
        long second = (Long) restatements.get(0).get("run");
        assertThat(second).isNotEqualTo(firstRestatement);
        assertThat(output.getOut()).contains("Restatement " + second + " of 2026-06 completed: 60 territories");
        assertThat(api.get("/api/evaluations/" + second).json().path("purpose").asString()).isEqualTo("RESTATEMENT");
        assertThat(api.get("/api/scorecards?period=" + PERIOD + "&version=" + stricter).json()
                .path("evaluationRunId").asLong()).isEqualTo(second);
        // the replaced restatement is history: completed, its rows kept
        assertThat(api.get("/api/evaluations/" + firstRestatement).json().path("status").asString())
                .isEqualTo("COMPLETED");
        assertThat(rows("territory_score", firstRestatement)).isEqualTo(60);
        assertThat(periodResults()).isEqualTo(periodResults);
    }

    @Test
    @Order(5)
    void thePeriodListsItsCurrentResultsAndEveryRestatement() {
        JsonNode versions = api.as(NORTH_MANAGER).get("/api/scorecards/versions?period=" + PERIOD).json();

        assertThat(versions.path("period").asString()).isEqualTo(PERIOD);
        JsonNode results = versions.path("results");
        assertThat(results.size()).isEqualTo(2);
        assertThat(results.get(0).path("purpose").asString()).isEqualTo("CURRENT");
        assertThat(results.get(0).path("evaluationRunId").asLong()).isEqualTo(currentRun);
        assertThat(results.get(0).path("rulesetVersionId").asLong()).isEqualTo(original);
        assertThat(results.get(1).path("purpose").asString()).isEqualTo("RESTATEMENT");
        assertThat(results.get(1).path("rulesetVersionId").asLong()).isEqualTo(stricter);
        assertThat(results.get(1).path("rulesetVersion").asString()).isEqualTo("stricter-amber");
        assertThat(results.get(1).path("evaluationRunId").asLong()).isEqualTo((Long) restatements().get(0).get("run"));
        assertThat(api.get("/api/scorecards/versions?period=2024-01").status()).isEqualTo(404);
    }

    /**
     * The boom version fails only when 2026-05 has a current score. Restated 2026-05 results are not history for the
     * trend rule, so restating 2026-06 with it works until 2026-05 is evaluated; after that it fails, and the earlier
     * restatement stays.
     */
    @Test
    @Order(6)
    void aFailedRestatementStoresNothingAndLeavesThePreviousRestatementIntact() {
        assertThat(restate("2026-05", boom).path("status").asString()).isEqualTo("COMPLETED");
        JsonNode kept = restate(PERIOD, boom);
        assertThat(kept.path("status").asString()).as(kept.toString()).isEqualTo("COMPLETED");
        long keptRun = kept.path("id").asLong();
        api.evaluate("2026-05");

        JsonNode failed = restate(PERIOD, boom);

        assertThat(failed.path("status").asString()).isEqualTo("FAILED");
        assertThat(failed.path("error").asString()).contains("BOOM-01");
        assertThat(failed.path("progress").path("done").asInt()).as("batches done before the failure").isPositive();
        for (String table : RESULT_TABLES) {
            assertThat(rows(table, failed.path("id").asLong())).as(table).isZero();
        }
        assertThat(jdbc.sql("SELECT evaluation_run_id FROM period_restatement WHERE period = :period"
                + " AND ruleset_version_id = :version").param("period", PERIOD).param("version", boom)
                .query(Long.class).list()).containsExactly(keptRun);
        assertThat(rows("territory_score", keptRun)).isEqualTo(60);
        assertThat(api.get("/api/scorecards?period=" + PERIOD + "&version=" + boom).json().path("evaluationRunId")
                .asLong()).isEqualTo(keptRun);
        assertThat(jdbc.sql("SELECT evaluation_run_id FROM period_result WHERE period = :period")
                .param("period", PERIOD).query(Long.class).single()).isEqualTo(currentRun);
    }

    @Test
    @Order(7)
    void onlySalesOpsRestateAStoredVersion() {
        int runs = jdbc.sql("SELECT COUNT(*) FROM evaluation_run").query(Integer.class).single();
        String body = "{\"period\":\"" + PERIOD + "\",\"rulesetVersionId\":" + stricter + "}";

        assertThat(api.anonymous().post("/api/evaluations", body).status()).isEqualTo(401);
        assertThat(api.as(ADMIN).post("/api/evaluations", body).status()).isEqualTo(403);
        assertThat(api.as(NORTH_MANAGER).post("/api/evaluations", body).status()).isEqualTo(403);
        HttpAnswer unknown = api.post("/api/evaluations", "{\"period\":\"" + PERIOD + "\",\"rulesetVersionId\":999999}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("detail").asString()).contains("ruleset version 999999 does not exist");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM evaluation_run").query(Integer.class).single()).isEqualTo(runs);
    }

    private static long store(Map<String, String> files) {
        HttpAnswer stored = api.post("/api/rulesets", MultipartForm.files(files));
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        return stored.json().path("version").path("id").asLong();
    }

    private static JsonNode restate(String period, long version) {
        HttpAnswer started = api.post("/api/evaluations",
                "{\"period\":\"" + period + "\",\"rulesetVersionId\":" + version + "}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        return api.awaitFinished(started.json().path("id").asLong());
    }

    private static List<Map<String, Object>> periodResults() {
        return jdbc.sql("SELECT period, evaluation_run_id, updated_at FROM period_result ORDER BY period").query()
                .listOfRows();
    }

    /** The restatements of 2026-06 with the stricter version, as {version, run}. */
    private static List<Map<String, Object>> restatements() {
        return jdbc.sql("SELECT ruleset_version_id, evaluation_run_id FROM period_restatement WHERE period = :period"
                + " AND ruleset_version_id = :version").param("period", PERIOD).param("version", stricter)
                .query((rs, n) -> Map.<String, Object>of("version", rs.getLong(1), "run", rs.getLong(2))).list();
    }

    private static int rows(String table, long runId) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE evaluation_run_id = :run").param("run", runId)
                .query(Integer.class).single();
    }

    private static Map<String, String> statuses(JsonNode overview) {
        Map<String, String> statuses = new HashMap<>();
        overview.path("territories").forEach(t -> statuses.put(t.path("territory").asString(),
                t.path("overall").path("status").asString()));
        return statuses;
    }
}
