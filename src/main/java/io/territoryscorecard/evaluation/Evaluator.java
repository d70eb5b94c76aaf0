package io.territoryscorecard.evaluation;

import io.territoryscorecard.measurement.Period;
import io.territoryscorecard.ruleset.ActiveRuleset.LoadedRuleset;
import io.territoryscorecard.ruleset.TerritoryAssessment;
import io.territoryscorecard.ruleset.TerritoryFacts;
import io.territoryscorecard.ruleset.fact.Kpi;
import io.territoryscorecard.territory.Territories;
import io.territoryscorecard.territory.Territory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Does the work of one run: batch by batch, read the measurements, fire the rules, store the results. Rules for the
 * next batch run while the previous batch is written (writing dominates), so a run costs little more than its writes.
 * Everything the run reads, the list of territories included, comes from one {@linkplain FactLoader#inSnapshot
 * snapshot}, which the run records.
 */
@Component
class Evaluator {

    private static final Logger log = LoggerFactory.getLogger(Evaluator.class);

    private final FactLoader facts;
    private final ResultStore results;
    private final EvaluationRuns runs;
    private final Territories territories;
    private final EvaluationSettings settings;
    /** Progress goes to the run's row at once, on its own connection: the run's own reads are a read-only snapshot. */
    private final TransactionTemplate besideSnapshot;
    private final AsyncTaskExecutor writer;

    Evaluator(FactLoader facts, ResultStore results, EvaluationRuns runs, Territories territories,
            EvaluationSettings settings, PlatformTransactionManager transactions,
            @Qualifier("evaluationWriteExecutor") AsyncTaskExecutor writer) {
        this.facts = facts;
        this.results = results;
        this.runs = runs;
        this.territories = territories;
        this.settings = settings;
        this.besideSnapshot = new TransactionTemplate(transactions);
        besideSnapshot.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.writer = writer;
    }

    /** Evaluates every territory; returns the counts of stored rows. Throws when anything fails. */
    ResultCounts evaluate(long runId, Period period, LoadedRuleset ruleset) {
        return evaluate(runId, period, ruleset.rules()::assess);
    }

    /**
     * The same with any way of assessing a batch: the benchmark times the reads and writes around a rule-free
     * assessment with it.
     */
    ResultCounts evaluate(long runId, Period period, Assessor assessor) {
        return facts.inSnapshot(period, periodFacts -> {
            List<Territory> all = territories.all();
            besideSnapshot.executeWithoutResult(status -> runs.snapshot(runId, periodFacts.snapshot(), all.size()));
            return evaluate(runId, periodFacts, all, assessor);
        });
    }

    private ResultCounts evaluate(long runId, FactLoader.PeriodFacts periodFacts, List<Territory> territories,
            Assessor assessor) {
        OverlappedWrites writes = new OverlappedWrites(runId, new Progress(runId, periodFacts.period(),
                territories.size()));
        try {
            inBatches(periodFacts, territories, assessor, writes::next);
            return writes.finish();
        } finally {
            // A failed run's rows are deleted next: no write may still be under way then.
            writes.awaitPending();
        }
    }

    /**
     * Assesses the territories batch by batch (the configured batch size), each batch's facts read from the period's
     * snapshot, and hands every batch's assessments on as soon as they are there: the loop of an evaluation and of a
     * preview.
     */
    void inBatches(FactLoader.PeriodFacts periodFacts, List<Territory> territories, Assessor assessor,
            BiConsumer<List<Territory>, List<TerritoryAssessment>> assessed) {
        String period = periodFacts.period().toString();
        for (int from = 0; from < territories.size(); from += settings.batchSize()) {
            List<Territory> batch = territories.subList(from, Math.min(territories.size(), from + settings.batchSize()));
            assessed.accept(batch, assessor.assess(period, periodFacts.catalogue(), facts.batch(periodFacts, batch)));
        }
    }

    /** A run's writes, one batch at a time, each while the rules of the next batch run. */
    private final class OverlappedWrites {

        private final long runId;
        private final Progress progress;
        private Future<ResultCounts> pendingWrite;
        private ResultCounts counts = ResultCounts.NONE;
        private int done;

        OverlappedWrites(long runId, Progress progress) {
            this.runId = runId;
            this.progress = progress;
        }

        void next(List<Territory> batch, List<TerritoryAssessment> assessments) {
            Map<String, Long> ids = batch.stream().collect(Collectors.toMap(Territory::code, Territory::id));
            if (pendingWrite != null) {
                counts = counts.plus(written());
                int doneSoFar = done;
                ResultCounts countsSoFar = counts;
                besideSnapshot.executeWithoutResult(status -> runs.progress(runId, doneSoFar, countsSoFar));
                progress.log(done);
            }
            pendingWrite = writer.submit(() -> {
                results.write(runId, ids, assessments);
                return ResultCounts.of(assessments);
            });
            done += batch.size();
        }

        ResultCounts finish() {
            if (pendingWrite != null) {
                counts = counts.plus(written());
            }
            progress.log(done);
            return counts;
        }

        /** The pending write's counts; what made it fail, as thrown. */
        private ResultCounts written() {
            try {
                return pendingWrite.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e.getCause() instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the evaluation was interrupted", e);
            }
        }

        void awaitPending() {
            if (pendingWrite != null && !pendingWrite.isDone()) {
                try {
                    pendingWrite.get();
                } catch (ExecutionException | InterruptedException | RuntimeException ignored) {
                    // the first failure is the one reported
                }
            }
        }
    }

    /** Assesses one batch of territories of a period (what a compiled ruleset does). */
    @FunctionalInterface
    interface Assessor {
        List<TerritoryAssessment> assess(String period, List<Kpi> catalogue, List<TerritoryFacts> batch);
    }

    /** Logs done/total, rate and time left, at most every few seconds and at the end. */
    private static final class Progress {

        private static final long LOG_EVERY_NANOS = 5_000_000_000L;

        private final long runId;
        private final Period period;
        private final int total;
        private final long started = System.nanoTime();
        private long lastLogged = started;

        Progress(long runId, Period period, int total) {
            this.runId = runId;
            this.period = period;
            this.total = total;
        }

        void log(int done) {
            long now = System.nanoTime();
            if (done < total && now - lastLogged < LOG_EVERY_NANOS) {
                return;
            }
            lastLogged = now;
            double seconds = Math.max(1e-9, (now - started) / 1e9);
            double rate = done / seconds;
            long eta = rate > 0 ? Math.round((total - done) / rate) : -1;
            log.info("Evaluation {} of {}: {}/{} territories ({}%), {} territories/s, ETA {} s", runId, period, done,
                    total, total == 0 ? 100 : done * 100 / total, Math.round(rate), eta);
        }
    }
}
