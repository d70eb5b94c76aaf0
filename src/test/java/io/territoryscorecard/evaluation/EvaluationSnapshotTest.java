package io.territoryscorecard.evaluation;

import static io.territoryscorecard.DemoAccount.SALES_OPS;
import static org.assertj.core.api.Assertions.assertThat;

import io.territoryscorecard.ApiClient;
import io.territoryscorecard.Launcher;
import io.territoryscorecard.ScratchDatabase;
import io.territoryscorecard.evaluation.EvaluationRun.Purpose;
import io.territoryscorecard.measurement.ImportKind;
import io.territoryscorecard.measurement.ImportReport;
import io.territoryscorecard.measurement.Imports;
import io.territoryscorecard.measurement.Period;
import io.territoryscorecard.ruleset.ActiveRuleset;
import io.territoryscorecard.ruleset.ActiveRuleset.LoadedRuleset;
import io.territoryscorecard.ruleset.TerritoryFacts;
import io.territoryscorecard.ruleset.fact.Measurement;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * An import committed while an evaluation runs does not reach that run: every batch reads the snapshot the run took
 * at its start, and the run records which import that snapshot held. Deterministic: with batches of 7 (nine for the
 * demo company's 60 territories) the run commits a measurements import changing every value of the period after its
 * first batch was read and before the other eight are, then goes on. On MariaDB (InnoDB) and the embedded H2.
 */
class EvaluationSnapshotTest {

    private static final Period PERIOD = Period.parse("2026-10");

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "h2"})
    void anImportCommittedDuringARunIsNotSeenByItAndTheRunNamesTheImportItRead(String database) throws Exception {
        String url = database.equals("mariadb") ? ScratchDatabase.url("scorecard_snapshot")
                : "jdbc:h2:mem:snapshot-test-" + UUID.randomUUID()
                        + ";MODE=MySQL;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";
        if (database.equals("mariadb")) {
            ScratchDatabase.recreate("scorecard_snapshot");
        }
        try (ConfigurableApplicationContext service = start(database, url)) {
            JdbcClient jdbc = service.getBean(JdbcClient.class);
            Imports imports = service.getBean(Imports.class);
            EvaluationRuns runs = service.getBean(EvaluationRuns.class);
            Evaluator evaluator = service.getBean(Evaluator.class);
            LoadedRuleset ruleset = service.getBean(ActiveRuleset.class).require();

            Map<String, BigDecimal> before = actuals(jdbc);
            assertThat(before).hasSizeGreaterThan(600);
            long importBefore = importMeasurements(imports, jdbc, BigDecimal.ZERO, "as-is.csv");
            assertThat(actuals(jdbc)).isEqualTo(before);

            long runId = runs.start(PERIOD, ruleset.version().id(), Purpose.CURRENT, "test", 60).orElseThrow();
            Map<String, BigDecimal> seen = new HashMap<>();
            AtomicBoolean imported = new AtomicBoolean();
            long[] importDuring = new long[1];
            ResultCounts counts = evaluator.evaluate(runId, PERIOD, (period, catalogue, batch) -> {
                if (imported.compareAndSet(false, true)) {
                    // another thread, as a user's upload would be: the run's own thread holds its snapshot
                    importDuring[0] = CompletableFuture.supplyAsync(() -> importMeasurements(imports, jdbc,
                            BigDecimal.ONE, "plus-one.csv")).orTimeout(2, TimeUnit.MINUTES).join();
                }
                for (TerritoryFacts facts : batch) {
                    for (Measurement m : facts.measurements()) {
                        if (m.getActual() != null) {
                            seen.put(m.getTerritory() + "/" + m.getKpi(), m.getActual());
                        }
                    }
                }
                return ruleset.rules().assess(period, catalogue, batch);
            });

            assertThat(counts.territoryScores()).isEqualTo(60);
            assertThat(importDuring[0]).isGreaterThan(importBefore);
            Map<String, BigDecimal> after = actuals(jdbc);
            assertThat(after.keySet()).as("the import changed every measured value").isEqualTo(before.keySet());
            assertThat(after).allSatisfy((key, actual) -> assertThat(actual).isNotEqualByComparingTo(before.get(key)));
            // every territory of every batch was read as before the import, and stored so
            assertThat(seen.keySet()).isEqualTo(before.keySet());
            assertThat(seen).allSatisfy((key, actual) ->
                    assertThat(actual).as(key).isEqualByComparingTo(before.get(key)));
            assertThat(storedActuals(jdbc, runId)).hasSameSizeAs(before).allSatisfy((key, actual) ->
                    assertThat(actual).as(key).isEqualByComparingTo(before.get(key)));
            EvaluationRun run = runs.find(runId).orElseThrow();
            assertThat(run.snapshotImportId()).isEqualTo(importBefore);
            assertThat(run.snapshotImportFile()).isEqualTo("as-is.csv");
            assertThat(run.snapshotAt()).isNotNull();
            assertThat(run.territoriesTotal()).isEqualTo(60);

            // the next run reads the new values, names the new import, and shows it in the API
            results(service).deleteResults(runId);
            runs.fail(runId, "test run");
            EvaluationRun next = service.getBean(EvaluationService.class).evaluate(PERIOD, "test");
            assertThat(next.snapshotImportId()).isEqualTo(importDuring[0]);
            assertThat(storedActuals(jdbc, next.id())).hasSameSizeAs(after).allSatisfy((key, actual) ->
                    assertThat(actual).as(key).isEqualByComparingTo(after.get(key)));
            JsonNode shown = ApiClient.anonymous(Launcher.port(service)).as(SALES_OPS)
                    .get("/api/evaluations/" + next.id()).json().path("snapshot");
            assertThat(shown.path("lastImportId").asLong()).isEqualTo(importDuring[0]);
            assertThat(shown.path("lastImportFile").asString()).isEqualTo("plus-one.csv");
            assertThat(shown.path("takenAt").isNull()).isFalse();
        } finally {
            if (database.equals("mariadb")) {
                ScratchDatabase.drop("scorecard_snapshot");
            } else {
                shutdown(url);
            }
        }
    }

    private static ConfigurableApplicationContext start(String database, String url) {
        List<String> args = new java.util.ArrayList<>(List.of("--spring.datasource.url=" + url,
                "--scorecard.demo.evaluate-on-start=false", "--scorecard.evaluation.batch-size=7",
                "--scorecard.evaluation.schedule=-"));
        if (database.equals("mariadb")) {
            args.addAll(List.of("--spring.profiles.active=mysql", "--spring.datasource.username=root",
                    "--spring.datasource.password=", "--spring.liquibase.contexts=demo",
                    "--scorecard.security.allow-demo-passwords=true"));
        }
        return Launcher.startServer(args.toArray(String[]::new));
    }

    private static ResultStore results(ConfigurableApplicationContext service) {
        return service.getBean(ResultStore.class);
    }

    /** Imports every measurement of the period again with {@code plus} added to its actual; returns the import's id. */
    private static long importMeasurements(Imports imports, JdbcClient jdbc, BigDecimal plus, String file) {
        StringBuilder csv = new StringBuilder("territory_code,period,kpi_code,actual,target\n");
        jdbc.sql("""
                SELECT t.code, m.kpi_code, m.actual, m.target
                  FROM measurement m JOIN territory t ON t.id = m.territory_id
                 WHERE m.period = :period ORDER BY t.code, m.kpi_code""").param("period", PERIOD.toString())
                .query(rs -> {
                    BigDecimal actual = rs.getBigDecimal(3);
                    BigDecimal target = rs.getBigDecimal(4);
                    csv.append(rs.getString(1)).append(',').append(PERIOD).append(',').append(rs.getString(2))
                            .append(',').append(actual == null ? "" : actual.add(plus).toPlainString()).append(',')
                            .append(target == null ? "" : target.toPlainString()).append('\n');
                });
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        try {
            ImportReport report = imports.importStream(ImportKind.MEASUREMENTS, file, new ByteArrayInputStream(bytes),
                    bytes.length, "test");
            assertThat(report.problems()).isEmpty();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return jdbc.sql("SELECT MAX(id) FROM data_import WHERE file_name = :file").param("file", file)
                .query(Long.class).single();
    }

    /** The period's measured actuals by territory/KPI. */
    private static Map<String, BigDecimal> actuals(JdbcClient jdbc) {
        Map<String, BigDecimal> actuals = new HashMap<>();
        jdbc.sql("""
                SELECT t.code, m.kpi_code, m.actual FROM measurement m JOIN territory t ON t.id = m.territory_id
                 WHERE m.period = :period AND m.actual IS NOT NULL""").param("period", PERIOD.toString())
                .query(rs -> {
                    actuals.put(rs.getString(1) + "/" + rs.getString(2), rs.getBigDecimal(3));
                });
        return actuals;
    }

    /** The actuals a run stored with its KPI assessments, by territory/KPI. */
    private static Map<String, BigDecimal> storedActuals(JdbcClient jdbc, long runId) {
        Map<String, BigDecimal> actuals = new HashMap<>();
        jdbc.sql("""
                SELECT t.code, a.kpi_code, a.actual FROM kpi_assessment a JOIN territory t ON t.id = a.territory_id
                 WHERE a.evaluation_run_id = :run AND a.actual IS NOT NULL""").param("run", runId)
                .query(rs -> {
                    actuals.put(rs.getString(1) + "/" + rs.getString(2), rs.getBigDecimal(3));
                });
        return actuals;
    }

    private static void shutdown(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        }
    }
}
