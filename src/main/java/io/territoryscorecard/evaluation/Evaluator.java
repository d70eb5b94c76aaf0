package io.territoryscorecard.evaluation;

import io.territoryscorecard.measurement.KpiDefinition;
import io.territoryscorecard.measurement.MeasurementRow;
import io.territoryscorecard.measurement.Measurements;
import io.territoryscorecard.measurement.Period;
import io.territoryscorecard.ruleset.ActiveRuleset.LoadedRuleset;
import io.territoryscorecard.ruleset.TerritoryAssessment;
import io.territoryscorecard.ruleset.TerritoryFacts;
import io.territoryscorecard.ruleset.fact.Direction;
import io.territoryscorecard.ruleset.fact.Kpi;
import io.territoryscorecard.ruleset.fact.Measurement;
import io.territoryscorecard.ruleset.fact.Perspective;
import io.territoryscorecard.ruleset.fact.PreviousScore;
import io.territoryscorecard.territory.Territory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Does the work of one run: batch by batch, read the measurements, fire the rules, store the results. Rules for the
 * next batch run while the previous batch is written (writing dominates), so a run costs little more than its writes.
 */
@Component
class Evaluator {

    private static final Logger log = LoggerFactory.getLogger(Evaluator.class);
    /** Earlier periods whose scores the rules see (the declining-trend rule looks three back). */
    private static final int PERIODS_BACK = 3;

    private final Measurements measurements;
    private final ResultStore results;
    private final EvaluationRuns runs;
    private final EvaluationSettings settings;

    Evaluator(Measurements measurements, ResultStore results, EvaluationRuns runs, EvaluationSettings settings) {
        this.measurements = measurements;
        this.results = results;
        this.runs = runs;
        this.settings = settings;
    }

    /** Evaluates every territory; returns the counts of stored rows. Throws when anything fails. */
    ResultCounts evaluate(long runId, Period period, List<Territory> territories, LoadedRuleset ruleset) {
        List<Kpi> catalogue = measurements.catalogue().stream().map(Evaluator::toFact).toList();
        Map<String, Kpi> kpis = catalogue.stream().collect(Collectors.toMap(Kpi::getCode, Function.identity()));
        List<String> earlier = new ArrayList<>();
        for (int back = 1; back <= PERIODS_BACK; back++) {
            earlier.add(period.minusMonths(back).toString());
        }
        Map<Long, Map<String, BigDecimal>> earlierScores = results.overallScores(earlier);
        Progress progress = new Progress(runId, period, territories.size());

        ExecutorService writer = Executors.newSingleThreadExecutor(r -> new Thread(r, "evaluation-" + runId + "-writer"));
        Future<ResultCounts> pendingWrite = null;
        try {
            ResultCounts counts = ResultCounts.NONE;
            int done = 0;
            for (int from = 0; from < territories.size(); from += settings.batchSize()) {
                List<Territory> batch = territories.subList(from, Math.min(territories.size(), from + settings.batchSize()));
                List<TerritoryFacts> facts = facts(period, batch, kpis, earlier, earlierScores);
                List<TerritoryAssessment> assessments = ruleset.rules().assess(period.toString(), catalogue, facts);
                Map<String, Long> ids = batch.stream().collect(Collectors.toMap(Territory::code, Territory::id));
                if (pendingWrite != null) {
                    counts = counts.plus(pendingWrite.get());
                    runs.progress(runId, done, counts);
                    progress.log(done);
                }
                pendingWrite = writer.submit(() -> {
                    results.write(runId, ids, assessments);
                    return ResultCounts.of(assessments);
                });
                done += batch.size();
            }
            if (pendingWrite != null) {
                counts = counts.plus(pendingWrite.get());
            }
            progress.log(done);
            return counts;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the evaluation was interrupted", e);
        } finally {
            // A failed run's rows are deleted next: no write may still be under way then.
            if (pendingWrite != null && !pendingWrite.isDone()) {
                try {
                    pendingWrite.get();
                } catch (ExecutionException | InterruptedException | RuntimeException ignored) {
                    // the first failure is the one reported
                }
            }
            writer.shutdown();
        }
    }

    private List<TerritoryFacts> facts(Period period, List<Territory> batch, Map<String, Kpi> kpis, List<String> earlier,
            Map<Long, Map<String, BigDecimal>> earlierScores) {
        Map<Long, List<Measurement>> byTerritory = new HashMap<>();
        Map<Long, String> codes = batch.stream().collect(Collectors.toMap(Territory::id, Territory::code));
        for (MeasurementRow row : measurements.forTerritories(period, batch.get(0).id(), batch.get(batch.size() - 1).id())) {
            String code = codes.get(row.territoryId());
            if (code != null) {
                byTerritory.computeIfAbsent(row.territoryId(), id -> new ArrayList<>())
                        .add(new Measurement(code, kpis.get(row.kpiCode()), row.actual(), row.target()));
            }
        }
        List<TerritoryFacts> facts = new ArrayList<>(batch.size());
        for (Territory territory : batch) {
            List<PreviousScore> previous = new ArrayList<>();
            Map<String, BigDecimal> scores = earlierScores.getOrDefault(territory.id(), Map.of());
            for (int back = 1; back <= earlier.size(); back++) {
                BigDecimal score = scores.get(earlier.get(back - 1));
                if (score != null) {
                    previous.add(new PreviousScore(territory.code(), earlier.get(back - 1), back, score));
                }
            }
            facts.add(new TerritoryFacts(territory.code(), byTerritory.getOrDefault(territory.id(), List.of()), previous));
        }
        return facts;
    }

    private static Kpi toFact(KpiDefinition definition) {
        return new Kpi(definition.code(), definition.name(), Perspective.valueOf(definition.perspective()),
                Direction.valueOf(definition.direction()), definition.unit());
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
