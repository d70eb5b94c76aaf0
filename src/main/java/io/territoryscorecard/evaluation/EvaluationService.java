package io.territoryscorecard.evaluation;

import io.territoryscorecard.account.AuditLog;
import io.territoryscorecard.evaluation.EvaluationRun.Purpose;
import io.territoryscorecard.measurement.Period;
import io.territoryscorecard.ruleset.ActiveRuleset;
import io.territoryscorecard.ruleset.ActiveRuleset.LoadedRuleset;
import io.territoryscorecard.ruleset.RulesetService;
import io.territoryscorecard.territory.Territories;
import io.territoryscorecard.territory.Territory;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts evaluation runs, one at a time per period (restatements: per period and version). A run stores its rows
 * under its own id and only on success makes them the period's current results, or for a restatement the period's
 * results under that version; on failure its rows are removed and the error is recorded on the run.
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
    private final Evaluator evaluator;
    private final Territories territories;
    private final ActiveRuleset activeRuleset;
    private final RulesetService rulesets;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final Set<String> periodsRunning = ConcurrentHashMap.newKeySet();
    private final Set<Long> ownRuns = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "evaluation-heartbeat");
        thread.setDaemon(true);
        return thread;
    });
    private final ExecutorService background = Executors.newFixedThreadPool(2, r -> {
        Thread thread = new Thread(r, "evaluation");
        thread.setDaemon(true);
        return thread;
    });

    EvaluationService(EvaluationRuns runs, ResultStore results, Evaluator evaluator, Territories territories,
            ActiveRuleset activeRuleset, RulesetService rulesets, ApplicationEventPublisher events, AuditLog audit,
            PlatformTransactionManager transactions) {
        this.runs = runs;
        this.results = results;
        this.evaluator = evaluator;
        this.territories = territories;
        this.activeRuleset = activeRuleset;
        this.rulesets = rulesets;
        this.events = events;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
        recoverInterruptedRuns();
        heartbeat.scheduleWithFixedDelay(this::beat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    }

    /** Starts a run in the background and returns it as started. */
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
        background.submit(() -> {
            try {
                finish(started);
            } catch (RuntimeException e) {
                // finish() recorded the failure on the run; the caller polls the run for it.
            }
        });
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
        String key = restatement ? period + " restated with version " + restatedVersion : period.toString();
        if (!periodsRunning.add(key)) {
            throw alreadyRunning(period, restatedVersion);
        }
        try {
            long checkedVersion = restatement ? restatedVersion : 0;
            if (runs.runningFor(period.toString(), purpose, checkedVersion, SILENT_SECONDS)) {
                throw alreadyRunning(period, restatedVersion);
            }
            LoadedRuleset ruleset = restatement ? rulesets.load(restatedVersion)
                    : activeRuleset.synchronizeWithDatabase();
            List<Territory> all = territories.all();
            long runId = runs.start(period.toString(), ruleset.version().id(), purpose, requestedBy, all.size());
            ownRuns.add(runId);
            log.info("{} {} of {} started by {} with ruleset {} ({} territories)",
                    restatement ? "Restatement" : "Evaluation", runId, period, requestedBy, ruleset.version().label(),
                    all.size());
            audit.record(requestedBy, "EVALUATION_STARTED", "period " + period,
                    (restatement ? "restatement (the current results stay): " : "") + "run " + runId
                            + ", ruleset version " + ruleset.version().id() + " (" + ruleset.version().label() + ")");
            return new Started(runId, period, purpose, key, all, ruleset);
        } catch (RuntimeException e) {
            periodsRunning.remove(key);
            throw e;
        }
    }

    private static EvaluationAlreadyRunningException alreadyRunning(Period period, Long restatedVersion) {
        return restatedVersion == null ? new EvaluationAlreadyRunningException(period)
                : EvaluationAlreadyRunningException.restatement(period, restatedVersion);
    }

    private void finish(Started run) {
        try {
            ResultCounts counts = evaluator.evaluate(run.runId(), run.period(), run.territories(), run.ruleset());
            // Those who react to a completed run (alerting) do so inside the transaction that completes it: their
            // work and the run's results become visible together, or the run fails and neither does.
            transaction.executeWithoutResult(status -> {
                runs.complete(run.runId(), run.period().toString(), run.territories().size(), counts);
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
        } catch (RuntimeException e) {
            String error = describe(e);
            log.error("Evaluation {} of {} failed: {}", run.runId(), run.period(), error, e);
            results.deleteResults(run.runId());
            runs.fail(run.runId(), error);
            throw new EvaluationFailedException(run.runId(), error, e);
        } finally {
            ownRuns.remove(run.runId());
            periodsRunning.remove(run.key());
        }
    }

    /**
     * Runs left RUNNING by a process that stopped in the middle of a run (no heartbeat for a minute): their partial
     * rows go and the run is marked failed. Live processes renew the heartbeat of their runs every few seconds.
     */
    private void recoverInterruptedRuns() {
        for (EvaluationRun run : runs.abandoned(SILENT_SECONDS)) {
            log.warn("Evaluation {} of {} was interrupted by a stop; removing its partial results", run.id(), run.period());
            results.deleteResults(run.id());
            runs.fail(run.id(), "interrupted: the service stopped during the run; start the evaluation again");
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

    private static String describe(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.length() > 4000 ? message.substring(0, 4000) : message;
    }

    @Override
    public void destroy() {
        heartbeat.shutdownNow();
        background.shutdownNow();
    }

    /** @param key what {@code periodsRunning} holds for the run: the period, or the period and restated version */
    private record Started(long runId, Period period, Purpose purpose, String key, List<Territory> territories,
            LoadedRuleset ruleset) {
    }
}
