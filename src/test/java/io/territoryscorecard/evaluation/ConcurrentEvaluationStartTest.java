package io.territoryscorecard.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.territoryscorecard.Launcher;
import io.territoryscorecard.ScorecardApplication;
import io.territoryscorecard.ScratchDatabase;
import io.territoryscorecard.evaluation.EvaluationRun.Purpose;
import io.territoryscorecard.measurement.Period;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * On the real MariaDB server, one run per period at a time holds across processes: starts raced from independent
 * connections let exactly one run, and a second {@code evaluate} process is refused while the first one's run is
 * under way. The test owns database {@code scorecard_race}.
 */
class ConcurrentEvaluationStartTest {

    private static final String DATABASE = ScratchDatabase.url("scorecard_race");
    private static final Period PERIOD = Period.parse("2026-10");
    private static final int RACERS = 8;

    @TempDir
    static Path logs;

    static JdbcClient jdbc;
    static long version;

    @BeforeAll
    static void createDatabaseAndEvaluateOnce() throws SQLException {
        ScratchDatabase.recreate("scorecard_race");
        jdbc = JdbcClient.create(new DriverManagerDataSource(DATABASE, "root", ""));
        assertThat(Launcher.runCommand(Stream.concat(Stream.of("rules", "store", "rules", "--activate"),
                Stream.of(settings(DATABASE))).toArray(String[]::new))).isZero();
        assertThat(Launcher.runCommand(Stream.concat(Stream.of("evaluate", "--period=" + PERIOD),
                Stream.of(settings(DATABASE))).toArray(String[]::new))).isZero();
        version = jdbc.sql("SELECT ruleset_version_id FROM evaluation_run WHERE status = 'COMPLETED'")
                .query(Long.class).single();
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        ScratchDatabase.drop("scorecard_race");
    }

    /** Each racer has a connection of its own, as two processes would; all start at the same instant. */
    @Test
    void startsRacedFromIndependentConnectionsLetExactlyOneRun() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(RACERS);
        try {
            for (int round = 1; round <= 5; round++) {
                CyclicBarrier barrier = new CyclicBarrier(RACERS);
                List<Future<OptionalLong>> starts = new ArrayList<>();
                for (int racer = 0; racer < RACERS; racer++) {
                    EvaluationRuns runs = new EvaluationRuns(JdbcClient.create(
                            new DriverManagerDataSource(DATABASE, "root", "")));
                    String name = "racer " + racer;
                    starts.add(threads.submit(() -> {
                        barrier.await(1, TimeUnit.MINUTES);
                        return runs.start(PERIOD, version, Purpose.CURRENT, name, 60);
                    }));
                }
                List<Long> started = new ArrayList<>();
                for (Future<OptionalLong> start : starts) {
                    start.get(1, TimeUnit.MINUTES).ifPresent(started::add);
                }

                assertThat(started).as("round %d", round).hasSize(1);
                assertThat(jdbc.sql("SELECT COUNT(*) FROM evaluation_run WHERE period = :period AND status = 'RUNNING'")
                        .param("period", PERIOD.toString()).query(Integer.class).single()).isEqualTo(1);
                new EvaluationRuns(jdbc).fail(started.get(0), "test");
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * The first process's run is held at its first write: the test holds an uncommitted territory_score row under the
     * key that write needs (the next run ids with the first territory), so InnoDB makes it wait. A second process
     * started meanwhile is refused with the message and exit code 1; the first completes once the test rolls back.
     */
    @Test
    void aSecondEvaluateProcessIsRefusedWhileTheFirstOneRuns() throws Exception {
        long before = jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM evaluation_run").query(Long.class).single();
        long territory = jdbc.sql("SELECT MIN(id) FROM territory").query(Long.class).single();
        Process first;
        try (Connection lock = DriverManager.getConnection(DATABASE, "root", "");
                Statement statement = lock.createStatement()) {
            lock.setAutoCommit(false);
            statement.execute("SET foreign_key_checks = 0");
            for (long run = before + 1; run <= before + 50; run++) {
                statement.execute("INSERT INTO territory_score (evaluation_run_id, territory_id, explanation) VALUES ("
                        + run + ", " + territory + ", '{}')");
            }
            // it waits for the row lock longer than InnoDB's default 50 s, which the second start may need
            first = evaluate("first", "&sessionVariables=innodb_lock_wait_timeout=600");
            try {
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> jdbc.sql("""
                        SELECT COUNT(*) FROM evaluation_run WHERE id > :before AND status = 'RUNNING'
                           AND snapshot_at IS NOT NULL""").param("before", before).query(Integer.class).single() == 1);

                Process second = evaluate("second", "");
                assertThat(second.waitFor(3, TimeUnit.MINUTES)).isTrue();

                assertThat(second.exitValue()).as(log("second")).isEqualTo(1);
                assertThat(log("second")).contains("an evaluation of 2026-10 is already running; wait for it to finish")
                        .contains("Nothing of this run was stored; the period's previous results are unchanged.");
                assertThat(first.isAlive()).as(log("first")).isTrue();
            } finally {
                lock.rollback();
            }
        }
        assertThat(first.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(first.exitValue()).as(log("first")).isZero();
        assertThat(jdbc.sql("SELECT status FROM evaluation_run WHERE id > :before").param("before", before)
                .query(String.class).list()).containsExactly("COMPLETED");
    }

    /** {@code java -cp <the test class path> ScorecardApplication evaluate ...}, as {@code java -jar} would run it. */
    private static Process evaluate(String name, String urlOptions) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                ScorecardApplication.class.getName(), "evaluate", "--period=" + PERIOD));
        command.addAll(List.of(settings(DATABASE + urlOptions)));
        File log = logs.resolve(name + ".log").toFile();
        // not from the project folder, which the test class path holds: Liquibase would find db/ there twice
        return new ProcessBuilder(command).directory(logs.toFile()).redirectErrorStream(true).redirectOutput(log)
                .start();
    }

    private static String log(String name) {
        try {
            return Files.readString(logs.resolve(name + ".log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String[] settings(String url) {
        return new String[] {"--spring.profiles.active=mysql", "--spring.datasource.url=" + url,
            "--spring.datasource.username=root", "--spring.datasource.password=", "--spring.liquibase.contexts=demo",
            "--scorecard.demo.evaluate-on-start=false", "--scorecard.security.allow-demo-passwords=true"};
    }
}
