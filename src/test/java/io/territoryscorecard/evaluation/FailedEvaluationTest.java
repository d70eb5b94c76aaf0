package io.territoryscorecard.evaluation;

import static io.territoryscorecard.DemoAccount.SALES_OPS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.territoryscorecard.ApiClient;
import io.territoryscorecard.Launcher;
import io.territoryscorecard.measurement.Period;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A run that fails half-way stores nothing and leaves the period's previous results current. 2026-10 is first
 * evaluated with the repository's rules; then the service starts on the same database with those rules plus one that
 * throws for COAST-10, the last territory, so that with batches of 7 the first batches were already written when the
 * run fails.
 */
class FailedEvaluationTest {

    private static final String DATABASE = "jdbc:h2:mem:failed-evaluation-test-" + UUID.randomUUID()
            + ";MODE=MySQL;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";
    private static final String BOOM = """
            package scorecard;

            import io.territoryscorecard.ruleset.fact.*;

            rule "BOOM-01 Fails for COAST-10"
                ruleflow-group "flags"
            when
                EvaluatedTerritory(territory == "COAST-10")
            then
                Decimals.parse("boom");
            end
            """;
    private static final List<String> RESULT_TABLES = List.of("territory_score", "perspective_score",
            "kpi_assessment", "improvement_flag", "alert_request");

    @TempDir
    static Path boomRules;

    static ConfigurableApplicationContext service;
    static ApiClient api;
    static JdbcClient jdbc;
    static long previousRun;
    static JsonNode failedRun;

    @BeforeAll
    static void evaluateThenFailTheNextRun() throws IOException {
        assertThat(Launcher.runCommand("rules", "store", "rules", "--activate", "--spring.datasource.url=" + DATABASE))
                .isZero();
        assertThat(Launcher.runCommand("evaluate", "--period=2026-10", "--spring.datasource.url=" + DATABASE,
                "--scorecard.demo.evaluate-on-start=false")).isZero();

        copyFolder(Path.of("rules"), boomRules);
        Files.writeString(boomRules.resolve("99-boom.drl"), BOOM);
        service = Launcher.startServer("--spring.datasource.url=" + DATABASE,
                "--scorecard.demo.evaluate-on-start=false", "--scorecard.ruleset.location=" + boomRules,
                "--scorecard.evaluation.batch-size=7");
        api = ApiClient.anonymous(Launcher.port(service)).as(SALES_OPS);
        jdbc = service.getBean(JdbcClient.class);
        previousRun = jdbc.sql("SELECT evaluation_run_id FROM period_result WHERE period = '2026-10'")
                .query(Long.class).single();

        failedRun = api.awaitFinished(api.startEvaluation("2026-10").path("id").asLong());
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        if (service != null) {
            service.close();
        }
        try (Connection connection = DriverManager.getConnection(DATABASE, "sa", "");
                Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        }
    }

    @Test
    void theRunIsMarkedFailedWithTheRuleAndItsExceptionAsError() {
        assertThat(failedRun.path("status").asString()).isEqualTo("FAILED");
        assertThat(failedRun.path("finishedAt").isNull()).isFalse();
        assertThat(failedRun.path("error").asString()).contains("BOOM-01").contains("'boom' is not a number");
    }

    /** Progress shows how far the run got; the counts are of stored rows, and a failed run has none. */
    @Test
    void earlierBatchesHadBeenEvaluatedBeforeTheFailureButNoCountsRemain() {
        int done = failedRun.path("progress").path("done").asInt();
        assertThat(done).isBetween(7, 59);
        assertThat(failedRun.path("counts").path("territoryScores").asInt()).isZero();
        assertThat(failedRun.path("counts").path("kpiAssessments").asInt()).isZero();
    }

    /** The batches whose writes the run had waited for (its progress) were stored, and are removed again. */
    @Test
    void theRowsOfBatchesStoredBeforeTheFailureAreRemoved() {
        long failed = failedRun.path("id").asLong();
        List<Long> stored = jdbc.sql("SELECT id FROM territory ORDER BY id").query(Long.class).list()
                .subList(0, failedRun.path("progress").path("done").asInt());
        // the same rules without BOOM-01 stored rows of every kind for these territories, alert requests included
        for (String table : RESULT_TABLES) {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM " + table
                    + " WHERE evaluation_run_id = :run AND territory_id IN (:stored)")
                    .param("run", previousRun).param("stored", stored).query(Integer.class).single()).as(table)
                    .isPositive();
        }
        for (String table : RESULT_TABLES) {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM " + table
                    + " WHERE evaluation_run_id = :run AND territory_id IN (:stored)")
                    .param("run", failed).param("stored", stored).query(Integer.class).single()).as(table).isZero();
        }
    }

    /**
     * Every row of a failed run is gone, including those of the batch that was still being written when a later
     * batch's rules failed. Repeated, because that write races with the clean-up.
     */
    @Test
    void aFailedRunLeavesNoResultRowsAtAll() {
        EvaluationService evaluations = service.getBean(EvaluationService.class);
        for (int attempt = 1; attempt <= 20; attempt++) {
            EvaluationFailedException failure = catchThrowableOfType(EvaluationFailedException.class,
                    () -> evaluations.evaluate(Period.parse("2026-10"), "test"));
            assertThat(failure).as("attempt %d", attempt).isNotNull();
            long failed = failure.runId();
            for (String table : RESULT_TABLES) {
                assertThat(jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE evaluation_run_id = :run")
                        .param("run", failed).query(Integer.class).single())
                        .as("%s rows of failed run %d (attempt %d)", table, failed, attempt).isZero();
            }
        }
    }

    @Test
    void thePeriodKeepsThePreviousRunAsItsCurrentResults() {
        assertThat(jdbc.sql("SELECT evaluation_run_id FROM period_result WHERE period = '2026-10'")
                .query(Long.class).list()).containsExactly(previousRun);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM territory_score WHERE evaluation_run_id = :run")
                .param("run", previousRun).query(Integer.class).single()).isEqualTo(60);

        JsonNode overview = api.get("/api/scorecards?period=2026-10").json();
        assertThat(overview.path("evaluationRunId").asLong()).isEqualTo(previousRun);
        assertThat(overview.path("territories").size()).isEqualTo(60);
        assertThat(overview.path("rulesetVersionId").asLong())
                .isNotEqualTo(failedRun.path("rulesetVersionId").asLong());
        assertThat(api.get("/api/scorecards/COAST-10?period=2026-10").json().path("evaluationRunId").asLong())
                .isEqualTo(previousRun);
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }
}
