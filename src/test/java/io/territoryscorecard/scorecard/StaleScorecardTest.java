package io.territoryscorecard.scorecard;

import static io.territoryscorecard.DemoAccount.NORTH_MANAGER;
import static io.territoryscorecard.DemoAccount.SALES_OPS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.territoryscorecard.ApiClient;
import io.territoryscorecard.Browser;
import io.territoryscorecard.HttpAnswer;
import io.territoryscorecard.Launcher;
import io.territoryscorecard.MultipartForm;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Results whose measurements changed after the run read them say so, in the API and on the pages, and sales ops (only
 * they) can re-evaluate the period from there. One flow over one server: evaluate, re-import changed measurements of
 * NORTH-03, look, re-evaluate.
 */
class StaleScorecardTest {

    private static final String DATABASE = "jdbc:h2:mem:stale-scorecard-" + UUID.randomUUID()
            + ";MODE=MySQL;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";
    private static final String PERIOD = "2026-10";
    private static final String STALE_TEXT = "data changed since this evaluation: 3 measurements";

    static ConfigurableApplicationContext server;
    static int port;
    static ApiClient api;
    static JdbcClient jdbc;

    @BeforeAll
    static void start() {
        server = Launcher.startServer("--spring.datasource.url=" + DATABASE,
                "--scorecard.demo.evaluate-on-start=false");
        port = Launcher.port(server);
        api = ApiClient.anonymous(port).as(SALES_OPS);
        jdbc = server.getBean(JdbcClient.class);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void changedMeasurementsMakeTheResultsStaleUntilSalesOpsReEvaluateThePeriod() {
        JsonNode run = api.evaluate(PERIOD);
        assertThat(api.get("/api/scorecards/NORTH-03?period=" + PERIOD).json().path("stale").isNull()).isTrue();
        assertThat(api.get("/api/scorecards?period=" + PERIOD).json().path("stale").isNull()).isTrue();

        // three values change, a fourth row is imported again as it is (not a change)
        List<Row> rows = jdbc.sql("""
                SELECT m.kpi_code, m.actual, m.target FROM measurement m JOIN territory t ON t.id = m.territory_id
                 WHERE t.code = 'NORTH-03' AND m.period = :period AND m.actual IS NOT NULL AND m.target > 0
                 ORDER BY m.kpi_code LIMIT 4""").param("period", PERIOD).query(Row.class).list();
        StringBuilder file = new StringBuilder("territory_code,period,kpi_code,actual,target\n");
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            BigDecimal actual = i < 3 ? row.actual().add(BigDecimal.ONE) : row.actual();
            file.append("NORTH-03,").append(PERIOD).append(',').append(row.kpiCode()).append(',')
                    .append(actual.toPlainString()).append(',').append(row.target().toPlainString()).append('\n');
        }
        HttpAnswer imported = api.post("/api/imports/measurements",
                new MultipartForm().file("file", "corrections.csv", file.toString()));
        assertThat(imported.status()).as("%s", imported).isEqualTo(200);
        assertThat(imported.json().path("updated").asLong()).as("%s", imported).isEqualTo(3);

        JsonNode card = api.get("/api/scorecards/NORTH-03?period=" + PERIOD).json();
        assertThat(card.path("stale").path("measurementsChanged").asInt()).as("%s", card.path("stale")).isEqualTo(3);
        assertThat(card.path("stale").path("since").asString())
                .isEqualTo(run.path("snapshot").path("takenAt").asString());
        assertThat(api.get("/api/scorecards/NORTH-01?period=" + PERIOD).json().path("stale").isNull()).isTrue();
        JsonNode overview = api.get("/api/scorecards?period=" + PERIOD).json();
        assertThat(overview.path("stale").path("measurementsChanged").asInt()).isEqualTo(3);
        assertThat(line(overview, "NORTH-03").path("stale").path("measurementsChanged").asInt()).isEqualTo(3);
        assertThat(line(overview, "NORTH-01").path("stale").isNull()).isTrue();
        sameSecondAsTheSnapshotIsToldApartByTheImport(run.path("id").asLong());
        // the default period is the same period, stale or not
        assertThat(api.get("/api/scorecards/NORTH-03").json().path("stale").path("measurementsChanged").asInt())
                .isEqualTo(3);

        // the manager reads that it is stale but gets no button, and may not start an evaluation
        Browser manager = new Browser(port);
        manager.signIn(NORTH_MANAGER);
        String managerCard = manager.get("/scorecards/NORTH-03?period=" + PERIOD).body();
        assertThat(managerCard).contains(STALE_TEXT).doesNotContain("Re-evaluate");
        String managerList = manager.get("/scorecards?period=" + PERIOD).body();
        assertThat(managerList).contains(STALE_TEXT, "(stale: 3 changed)").doesNotContain("Re-evaluate");
        HttpAnswer refused = manager.postForm("/evaluations",
                Map.of("period", PERIOD, "_csrf", Browser.csrfTokenIn(managerCard)));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(runsOf(PERIOD)).isEqualTo(1);

        // sales ops get the button on both pages; it starts the evaluation of the period
        Browser salesOps = new Browser(port);
        salesOps.signIn(SALES_OPS);
        assertThat(salesOps.get("/scorecards?period=" + PERIOD).body()).contains(STALE_TEXT)
                .containsPattern("<form action=\"/evaluations\" method=\"post\" class=\"reevaluate\">");
        String salesOpsCard = salesOps.get("/scorecards/NORTH-03?period=" + PERIOD).body();
        assertThat(salesOpsCard).contains(STALE_TEXT,
                "<input type=\"hidden\" name=\"period\" value=\"" + PERIOD + "\">",
                "Re-evaluate <span>" + PERIOD + "</span>");
        HttpAnswer started = salesOps.postForm("/evaluations",
                Map.of("period", PERIOD, "_csrf", Browser.csrfTokenIn(salesOpsCard)));
        assertThat(started.status()).isEqualTo(302);
        assertThat(started.location()).endsWith("/evaluations");
        assertThat(runsOf(PERIOD)).isEqualTo(2);

        await("the re-evaluation").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.get("/api/scorecards/NORTH-03?period=" + PERIOD).json().path("evaluationRunId")
                        .asLong() != run.path("id").asLong());
        assertThat(api.get("/api/scorecards/NORTH-03?period=" + PERIOD).json().path("stale").isNull()).isTrue();
        assertThat(salesOps.get("/scorecards/NORTH-03?period=" + PERIOD).body()).doesNotContain("data changed since");
    }

    /**
     * Times are kept to the second: when the import was applied in the second of the run's snapshot, whether the
     * snapshot held the import decides.
     */
    private static void sameSecondAsTheSnapshotIsToldApartByTheImport(long runId) {
        Map<String, Object> snapshot = jdbc.sql(
                "SELECT snapshot_at, snapshot_import_id FROM evaluation_run WHERE id = :id").param("id", runId)
                .query().singleRow();
        Map<String, Object> corrections = jdbc.sql("SELECT id, applied_at FROM data_import WHERE file_name = "
                + "'corrections.csv'").query().singleRow();
        try {
            jdbc.sql("UPDATE evaluation_run SET snapshot_at = :at WHERE id = :id").param("id", runId)
                    .param("at", corrections.get("applied_at")).update();
            assertThat(api.get("/api/scorecards/NORTH-03?period=" + PERIOD).json().path("stale")
                    .path("measurementsChanged").asInt()).as("an import the snapshot did not hold").isEqualTo(3);
            jdbc.sql("UPDATE evaluation_run SET snapshot_import_id = :import WHERE id = :id").param("id", runId)
                    .param("import", corrections.get("id")).update();
            assertThat(api.get("/api/scorecards/NORTH-03?period=" + PERIOD).json().path("stale").isNull())
                    .as("an import the snapshot held").isTrue();
        } finally {
            jdbc.sql("UPDATE evaluation_run SET snapshot_at = :at, snapshot_import_id = :import WHERE id = :id")
                    .param("id", runId).param("at", snapshot.get("snapshot_at"))
                    .param("import", snapshot.get("snapshot_import_id")).update();
        }
    }

    private static JsonNode line(JsonNode overview, String territory) {
        for (JsonNode line : overview.path("territories")) {
            if (line.path("territory").asString().equals(territory)) {
                return line;
            }
        }
        throw new AssertionError(territory + " is not in " + overview);
    }

    private static int runsOf(String period) {
        return jdbc.sql("SELECT COUNT(*) FROM evaluation_run WHERE period = :period").param("period", period)
                .query(Integer.class).single();
    }

    record Row(String kpiCode, BigDecimal actual, BigDecimal target) {
    }
}
