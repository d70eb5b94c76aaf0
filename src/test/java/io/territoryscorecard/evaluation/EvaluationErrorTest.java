package io.territoryscorecard.evaluation;

import static io.territoryscorecard.DemoAccount.SALES_OPS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.territoryscorecard.ApiClient;
import io.territoryscorecard.Launcher;
import io.territoryscorecard.account.AuditLog;
import io.territoryscorecard.evaluation.EvaluationRun.Purpose;
import io.territoryscorecard.evaluation.EvaluationRun.Status;
import io.territoryscorecard.measurement.Measurements;
import io.territoryscorecard.measurement.Period;
import io.territoryscorecard.ruleset.ActiveRuleset;
import io.territoryscorecard.ruleset.ActiveRuleset.LoadedRuleset;
import io.territoryscorecard.ruleset.RulesetService;
import io.territoryscorecard.territory.Territories;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A run whose rules throw an {@link Error} (a recursion's StackOverflowError, a memory bomb's OutOfMemoryError) is
 * FAILED at once with the error, logged, and gives up the period, in the background, in the calling thread and on
 * the command line. The rules are replaced through the evaluator's {@link Evaluator.Assessor} seam: the error comes
 * from inside the evaluator's real batch loop. Also: what a run left RUNNING by a stopped process does to a start.
 */
@ExtendWith(OutputCaptureExtension.class)
class EvaluationErrorTest {

    private static final String DATABASE = "jdbc:h2:mem:evaluation-error-test-" + UUID.randomUUID()
            + ";MODE=MySQL;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";
    private static final Period PERIOD = Period.parse("2026-10");
    private static final List<String> RESULT_TABLES = List.of("territory_score", "perspective_score",
            "kpi_assessment", "improvement_flag", "alert_request");

    static ConfigurableApplicationContext service;
    static JdbcClient jdbc;
    EvaluationService failing;

    @BeforeAll
    static void startService() {
        service = Launcher.startServer("--spring.datasource.url=" + DATABASE,
                "--scorecard.demo.evaluate-on-start=false",
                "--scorecard.evaluation.schedule=-", "--scorecard.evaluation.batch-size=7");
        jdbc = service.getBean(JdbcClient.class);
    }

    @AfterAll
    static void stopService() throws SQLException {
        if (service != null) {
            service.close();
        }
        try (Connection connection = DriverManager.getConnection(DATABASE, "sa", "");
                Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        }
    }

    @AfterEach
    void stopFailingService() {
        if (failing != null) {
            failing.destroy();
        }
    }

    static Stream<Supplier<Error>> errors() {
        return Stream.of(StackOverflowError::new, () -> new OutOfMemoryError("Java heap space"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void anErrorFailsTheRunAtOnceWithItsMessageAndIsRethrown(Supplier<Error> kind, CapturedOutput output) {
        Error error = kind.get();
        failing = failingWith(error, 3);

        Throwable thrown = catchThrowable(() -> failing.evaluate(PERIOD, "test"));

        assertThat(thrown).isSameAs(error);
        EvaluationRun run = latestRun();
        String message = error instanceof StackOverflowError ? "StackOverflowError"
                : "OutOfMemoryError: Java heap space";
        assertThat(run.status()).isEqualTo(Status.FAILED);
        assertThat(run.error()).isEqualTo(message);
        assertThat(run.finishedAt()).isNotNull();
        assertThat(run.territoriesDone()).as("the first batch's write was confirmed when the third failed")
                .isEqualTo(7);
        assertThat(runningKey(run.id())).isNull();
        for (String table : RESULT_TABLES) {
            assertThat(rows(table, run.id())).as(table).isZero();
        }
        assertThat(output.getOut()).contains("Evaluation " + run.id() + " of 2026-10 failed: " + message);
        // the period is free again
        assertThat(service.getBean(EvaluationService.class).evaluate(PERIOD, "test").status())
                .isEqualTo(Status.COMPLETED);
    }

    /** Not 60 seconds later as "interrupted": the poller sees FAILED with the error as soon as the run ends. */
    @Test
    void aBackgroundRunThatThrowsAnErrorIsFailedAtOnce() {
        failing = failingWith(new StackOverflowError(), 1);

        long id = failing.start(PERIOD, "test").id();

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> failing.find(id).orElseThrow().status() != Status.RUNNING);
        EvaluationRun run = failing.find(id).orElseThrow();
        assertThat(run.status()).isEqualTo(Status.FAILED);
        assertThat(run.error()).isEqualTo("StackOverflowError");
        assertThat(runningKey(id)).isNull();
    }

    @Test
    void theEvaluateCommandPrintsTheErrorAndExitsWithOne() {
        failing = failingWith(new OutOfMemoryError("Java heap space"), 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = new EvaluateCommand(failing).run(new DefaultApplicationArguments("evaluate", "--period=2026-10"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("the evaluation of 2026-10 failed: OutOfMemoryError: Java heap space")
                .contains("Nothing of this run was stored; the period's previous results are unchanged.");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(latestRun().status()).isEqualTo(Status.FAILED);
    }

    /** A second start in this process, by the API too, is refused while a run of the period holds it. */
    @Test
    void aSecondStartOfAPeriodIsRefusedWhileARunHoldsIt() {
        EvaluationRuns runs = service.getBean(EvaluationRuns.class);
        long holder = runs.start(PERIOD, activeVersion(), Purpose.CURRENT, "another process", 60).orElseThrow();
        try {
            EvaluationAlreadyRunningException refused = catchThrowableOfType(EvaluationAlreadyRunningException.class,
                    () -> service.getBean(EvaluationService.class).evaluate(PERIOD, "test"));
            assertThat(refused).hasMessage("an evaluation of 2026-10 is already running; wait for it to finish");
            assertThat(runs.start(PERIOD, activeVersion(), Purpose.CURRENT, "a third", 60)).isEmpty();
            assertThat(ApiClient.anonymous(Launcher.port(service)).as(SALES_OPS)
                    .post("/api/evaluations", "{\"period\":\"2026-10\"}").status()).isEqualTo(409);
            // a restatement moves another pointer: it may run beside the current run
            long restatement = runs.start(PERIOD, activeVersion(), Purpose.RESTATEMENT, "test", 60).orElseThrow();
            runs.fail(restatement, "test");
        } finally {
            runs.fail(holder, "test");
        }
        assertThat(runningKey(holder)).isNull();
    }

    /**
     * A run whose process stopped (no heartbeat for a minute) holds the period's key until someone fails it: a start
     * does so itself, and runs.
     */
    @Test
    void aRunLeftRunningByAStoppedProcessDoesNotBlockThePeriod() {
        EvaluationRuns runs = service.getBean(EvaluationRuns.class);
        long stale = runs.start(PERIOD, activeVersion(), Purpose.CURRENT, "a stopped process", 60).orElseThrow();
        jdbc.sql("UPDATE evaluation_run SET heartbeat_at = :then WHERE id = :id")
                .param("then", LocalDateTime.now().minusMinutes(5)).param("id", stale).update();

        EvaluationRun run = service.getBean(EvaluationService.class).evaluate(PERIOD, "test");

        assertThat(run.status()).isEqualTo(Status.COMPLETED);
        EvaluationRun recovered = runs.find(stale).orElseThrow();
        assertThat(recovered.status()).isEqualTo(Status.FAILED);
        assertThat(recovered.error()).startsWith("interrupted: the service stopped during the run");
        assertThat(runningKey(stale)).isNull();
    }

    /** This service's parts, with an evaluator whose assessment throws the error from the given batch on. */
    private EvaluationService failingWith(Error error, int failingBatch) {
        Evaluator evaluator = new Evaluator(bean(FactLoader.class), bean(ResultStore.class), bean(EvaluationRuns.class),
                bean(Territories.class), bean(EvaluationSettings.class), bean(PlatformTransactionManager.class),
                service.getBean("evaluationWriteExecutor", AsyncTaskExecutor.class)) {
            @Override
            ResultCounts evaluate(long runId, Period period, LoadedRuleset ruleset) {
                int[] batches = {0};
                return evaluate(runId, period, (text, catalogue, batch) -> {
                    if (++batches[0] >= failingBatch) {
                        throw error;
                    }
                    return ruleset.rules().assess(text, catalogue, batch);
                });
            }
        };
        return new EvaluationService(bean(EvaluationRuns.class), bean(ResultStore.class), bean(RollupStore.class),
                evaluator, bean(Territories.class), bean(Measurements.class), bean(ActiveRuleset.class),
                bean(RulesetService.class), service, bean(AuditLog.class), bean(PlatformTransactionManager.class),
                service.getBean("evaluationRunExecutor", TaskExecutor.class), bean(ThreadPoolTaskSchedulerBuilder.class));
    }

    private static <T> T bean(Class<T> type) {
        return service.getBean(type);
    }

    private static long activeVersion() {
        return bean(ActiveRuleset.class).require().version().id();
    }

    private static EvaluationRun latestRun() {
        return bean(EvaluationRuns.class).recent(1).get(0);
    }

    private static String runningKey(long runId) {
        return jdbc.sql("SELECT running_key FROM evaluation_run WHERE id = :id").param("id", runId)
                .query(String.class).optional().orElse(null);
    }

    private static int rows(String table, long runId) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE evaluation_run_id = :run").param("run", runId)
                .query(Integer.class).single();
    }
}
