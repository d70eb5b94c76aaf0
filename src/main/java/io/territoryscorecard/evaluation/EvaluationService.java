package io.territoryscorecard.evaluation;

import io.territoryscorecard.account.AuditLog;
import io.territoryscorecard.evaluation.EvaluationRun.Purpose;
import io.territoryscorecard.measurement.Measurements;
import io.territoryscorecard.measurement.Period;
import io.territoryscorecard.ruleset.ActiveRuleset;
import io.territoryscorecard.ruleset.ActiveRuleset.LoadedRuleset;
import io.territoryscorecard.ruleset.RulesetService;
import io.territoryscorecard.territory.Territories;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.task.TaskExecutor;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts evaluation runs, one at a time per period (restatements: per period and version) across every process on the
 * database: the run's row holds a unique running key while it runs. A run reads all its facts from one snapshot of the
 * data, stores its rows under its own id and only on success makes them the period's current results, or for a
 * restatement the period's results under that version. On any failure (an {@link Error} included) its rows are
 * removed and the error is recorded on the run at once.
 */
@Service
public class EvaluationService implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(EvaluationService.class);
    /** A RUNNING run whose heartbeat is this old belongs to a process that stopped. */
    private static final int SILENT_SECONDS = 60;
    /** How often this process renews the heartbeat of its runs (queued ones too) and sweeps abandoned ones. */
    private static final int HEARTBEAT_SECONDS = 10;

    private final EvaluationRuns runs;
    private final ResultStore results;
    private final RollupStore rollups;
    private final Evaluator evaluator;
    private final Territories territories;
    private final Measurements measurements;
    private final ActiveRuleset activeRuleset;
    private final RulesetService rulesets;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final Set<Long> ownRuns = ConcurrentHashMap.newKeySet();
    /**
     * Not a bean: a {@code TaskScheduler} bean would become the one that runs the application's {@code @Scheduled}
     * jobs, and the heartbeat also runs in command-line mode, where scheduling is off.
     */
    private final ThreadPoolTaskScheduler heartbeat;
    private final TaskExecutor background;

    EvaluationService(EvaluationRuns runs, ResultStore results, RollupStore rollups, Evaluator evaluator,
            Territories territories, Measurements measurements, ActiveRuleset activeRuleset, RulesetService rulesets,
            ApplicationEventPublisher events, AuditLog audit, PlatformTransactionManager transactions,
            @Qualifier("evaluationRunExecutor") TaskExecutor background, ThreadPoolTaskSchedulerBuilder schedulers) {
        this.runs = runs;
        this.results = results;
        this.rollups = rollups;
        this.evaluator = evaluator;
        this.territories = territories;
        this.measurements = measurements;
        this.activeRuleset = activeRuleset;
        this.rulesets = rulesets;
        this.events = events;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
        this.background = background;
        recoverInterruptedRuns();
        heartbeat = schedulers.poolSize(1).threadNamePrefix("evaluation-heartbeat-")
                .customizers(scheduler -> scheduler.setDaemon(true)).build();
        heartbeat.initialize();
        Duration every = Duration.ofSeconds(HEARTBEAT_SECONDS);
        heartbeat.scheduleWithFixedDelay(this::beat, heartbeat.getClock().instant().plus(every), every);
    }

    /**
     * Starts a run in the background and returns it as started. Like every start, throws
     * {@link PeriodHasNoMeasurementsException} before recording a run when the period has no measurements.
     */
    public EvaluationRun start(Period period, String requestedBy) {
        return inBackground(begin(period, Purpose.CURRENT, null, requestedBy));
    }

    /** Runs an evaluation to the end in the calling thread; throws {@link EvaluationFailedException} on failure. */
    public EvaluationRun evaluate(Period period, String requestedBy) {
        return toTheEnd(begin(period, Purpose.CURRENT, null, requestedBy));
    }

    /**
     * Starts a restatement in the background: the period evaluated with a stored ruleset version, its results stored
     * beside the current ones (replacing an earlier restatement with that version). The current results are never
     * touched. Throws before starting when the version does not exist or does not compile.
     */
    public EvaluationRun startRestatement(Period period, long rulesetVersionId, String requestedBy) {
        return inBackground(begin(period, Purpose.RESTATEMENT, rulesetVersionId, requestedBy));
    }

    /** A restatement run to the end in the calling thread; throws {@link EvaluationFailedException} on failure. */
    public EvaluationRun restate(Period period, long rulesetVersionId, String requestedBy) {
        return toTheEnd(begin(period, Purpose.RESTATEMENT, rulesetVersionId, requestedBy));
    }

    private EvaluationRun inBackground(Started started) {
        try {
            background.execute(() -> {
                try {
                    finish(started);
                } catch (RuntimeException | Error e) {
                    // finish() logged the failure and recorded it on the run; the caller polls the run for it.
                }
            });
        } catch (TaskRejectedException e) {
            ownRuns.remove(started.runId());
            runs.fail(started.runId(), "the service is stopping; start the evaluation again");
            throw e;
        }
        return runs.find(started.runId()).orElseThrow();
    }

    private EvaluationRun toTheEnd(Started started) {
        finish(started);
        return runs.find(started.runId()).orElseThrow();
    }

    public Optional<EvaluationRun> find(long id) {
        return runs.find(id);
    }

    public List<EvaluationRun> recent(int limit) {
        return runs.recent(limit);
    }

    /** The run that holds the period's current results. */
    public Optional<EvaluationRun> current(Period period) {
        return runs.current(period.toString());
    }

    private Started begin(Period period, Purpose purpose, Long restatedVersion, String requestedBy) {
        boolean restatement = purpose == Purpose.RESTATEMENT;
        if (!measurements.exist(period)) {
            throw new PeriodHasNoMeasurementsException(period);
        }
        if (runs.holdsKey(EvaluationRuns.runningKey(period, purpose, restatement ? restatedVersion : 0),
                SILENT_SECONDS)) {
            throw alreadyRunning(period, restatedVersion);
        }
        LoadedRuleset ruleset = restatement ? rulesets.load(restatedVersion) : activeRuleset.synchronizeWithDatabase();
        // how many there are now; the run counts them again in its snapshot
        int territoriesNow = territories.all().size();
        long runId = claim(period, ruleset.version().id(), purpose, requestedBy, territoriesNow)
                .orElseThrow(() -> alreadyRunning(period, restatedVersion));
        ownRuns.add(runId);
        Started started = new Started(runId, period, purpose, ruleset);
        try {
            log.info("{} {} of {} started by {} with ruleset {} ({} territories)",
                    restatement ? "Restatement" : "Evaluation", runId, period, requestedBy, ruleset.version().label(),
                    territoriesNow);
            audit.record(requestedBy, "EVALUATION_STARTED", "period " + period,
                    (restatement ? "restatement (the current results stay): " : "") + "run " + runId
                            + ", ruleset version " + ruleset.version().id() + " (" + ruleset.version().label() + ")");
        } catch (RuntimeException | Error e) {
            throw failed(started, e);
        }
        return started;
    }

    /**
     * The run, holding its key; when the key is held by a run whose process stopped, that run is failed first (which
     * gives the key up) and the start tried once more. Empty when a live run holds it.
     */
    private OptionalLong claim(Period period, long rulesetVersionId, Purpose purpose, String requestedBy,
            int territoriesNow) {
        OptionalLong runId = runs.start(period, rulesetVersionId, purpose, requestedBy, territoriesNow);
        if (runId.isEmpty()) {
            recoverInterruptedRuns();
            runId = runs.start(period, rulesetVersionId, purpose, requestedBy, territoriesNow);
        }
        return runId;
    }

    private static EvaluationAlreadyRunningException alreadyRunning(Period period, Long restatedVersion) {
        return restatedVersion == null ? new EvaluationAlreadyRunningException(period)
                : EvaluationAlreadyRunningException.restatement(period, restatedVersion);
    }

    private void finish(Started run) {
        try {
            // read first: a ruleset that sets two roll-up methods fails the run before it evaluates anything
            RollupRules rollupRules = RollupRules.of(run.ruleset().rules().settings());
            ResultCounts counts = evaluator.evaluate(run.runId(), run.period(), run.ruleset());
            // The roll-ups are stored, and those who react to a completed run (alerting) do their work, inside the
            // transaction that completes it: both and the run's results become visible together, or the run fails
            // and none of them does.
            transaction.executeWithoutResult(status -> {
                runs.complete(run.runId(), run.period().toString(), counts);
                rollups.store(run.runId(), rollupRules);
                // A restatement changes no period's current results: nothing to tell those who react to them.
                if (run.purpose() == Purpose.CURRENT) {
                    events.publishEvent(new EvaluationCompleted(run.runId(), run.period().toString(),
                            run.ruleset().version().id(), counts.territoryScores(), counts.improvementFlags()));
                }
            });
            log.info("{} {} of {} completed: {} territory scores, {} KPI assessments, {} flags, {} alert requests",
                    run.purpose() == Purpose.RESTATEMENT ? "Restatement" : "Evaluation", run.runId(), run.period(),
                    counts.territoryScores(), counts.kpiAssessments(), counts.improvementFlags(),
                    counts.alertRequests());
        } catch (RuntimeException | Error e) {
            throw failed(run, e);
        } finally {
            ownRuns.remove(run.runId());
        }
    }

    /**
     * Logs the failure, removes the run's rows and records the failure on the run, at once and whatever failed: a
     * rule's {@link StackOverflowError} or {@link OutOfMemoryError} too (by the time it gets here the run's stack is
     * unwound and what it held on the heap can be collected). Returns what to throw: the Error itself, anything else
     * as {@link EvaluationFailedException}.
     */
    private RuntimeException failed(Started run, Throwable e) {
        String error = describe(e);
        try {
            log.error("Evaluation {} of {} failed: {}", run.runId(), run.period(), error, e);
            try {
                rollups.delete(run.runId());
                results.deleteResults(run.runId());
            } finally {
                runs.fail(run.runId(), error);
            }
        } catch (RuntimeException cleanup) {
            // the heartbeat stops below, so the sweep of abandoned runs fails the run within a minute
            log.error("Evaluation {} of {}: recording its failure failed too: {}", run.runId(), run.period(),
                    cleanup.getMessage(), cleanup);
            e.addSuppressed(cleanup);
        } finally {
            // no heartbeat for it any more, whatever happened above
            ownRuns.remove(run.runId());
        }
        if (e instanceof Error fatal) {
            throw fatal;
        }
        return new EvaluationFailedException(run.runId(), error, e);
    }

    /**
     * Runs left RUNNING by a process that stopped in the middle of a run (no heartbeat for a minute): their partial
     * rows go and the run is marked failed. Live processes renew the heartbeat of their runs every few seconds.
     */
    private void recoverInterruptedRuns() {
        for (EvaluationRun run : runs.abandoned(SILENT_SECONDS)) {
            // failed first, and only if still silent (another process may sweep too): that also frees its key
            if (runs.failAbandoned(run.id(), SILENT_SECONDS,
                    "interrupted: the service stopped during the run; start the evaluation again")) {
                log.warn("Evaluation {} of {} was interrupted by a stop; removing its partial results", run.id(),
                        run.period());
                results.deleteResults(run.id());
            }
        }
    }

    /** Keeps this process's runs alive in the database and cleans up runs of processes that stopped. */
    private void beat() {
        try {
            runs.touch(ownRuns);
            recoverInterruptedRuns();
        } catch (RuntimeException e) {
            log.warn("Evaluation heartbeat failed: {}", e.getMessage());
        }
    }

    /** The message; for an Error, which rarely says what it is, with its kind in front. */
    private static String describe(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName()
                : e instanceof Error ? e.getClass().getSimpleName() + ": " + e.getMessage() : e.getMessage();
        return message.length() > 4000 ? message.substring(0, 4000) : message;
    }

    @Override
    public void destroy() {
        heartbeat.destroy();
    }

    private record Started(long runId, Period period, Purpose purpose, LoadedRuleset ruleset) {
    }
}
