package io.territoryscorecard.evaluation;

import io.territoryscorecard.measurement.KpiDefinition;
import io.territoryscorecard.measurement.MeasurementRow;
import io.territoryscorecard.measurement.Measurements;
import io.territoryscorecard.measurement.Period;
import io.territoryscorecard.ruleset.TerritoryFacts;
import io.territoryscorecard.ruleset.fact.Direction;
import io.territoryscorecard.ruleset.fact.Kpi;
import io.territoryscorecard.ruleset.fact.Measurement;
import io.territoryscorecard.ruleset.fact.Perspective;
import io.territoryscorecard.ruleset.fact.PreviousScore;
import io.territoryscorecard.territory.Territory;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads what the rules see of a period: the KPI catalogue as {@link Kpi} facts and the earlier overall scores once
 * per period, then the measurements batch by batch. Evaluations and previews load their facts here, so a preview
 * sees exactly what an evaluation of the same period would.
 *
 * <p>All reads of one run happen {@linkplain #inSnapshot in one snapshot}: a read-only REPEATABLE READ transaction
 * on one connection, held for the run. An import commits in one transaction, so a run sees all of it or none of it,
 * however long the run takes. Whatever the run writes goes through other connections.
 */
@Component
class FactLoader {

    /** Earlier periods whose scores the rules see (the declining-trend rule looks three back). */
    static final int PERIODS_BACK = 3;

    private final Measurements measurements;
    private final ResultStore results;
    private final JdbcClient jdbc;
    private final TransactionTemplate snapshot;

    FactLoader(Measurements measurements, ResultStore results, JdbcClient jdbc,
            PlatformTransactionManager transactions) {
        this.measurements = measurements;
        this.results = results;
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        // never joins a caller's transaction, whose isolation and start are not ours to know
        snapshot.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Runs {@code work} in one consistent snapshot of the data, taken now, and gives it the facts shared by every
     * batch of the period. Every read that {@code work} makes on this thread through Spring's JDBC (territories,
     * batches of measurements) is of that snapshot; writes belong on another thread or in a new transaction.
     */
    <T> T inSnapshot(Period period, Function<PeriodFacts, T> work) {
        return snapshot.execute(status -> work.apply(period(period, open(period))));
    }

    /**
     * Takes the snapshot, and reads which applied import is the newest in it. InnoDB's snapshot starts with the first
     * read and covers every table. H2 (MVStore) keeps each table as of the first statement in the transaction that
     * reads it, taken together for the tables of one statement: so this one statement names every table a run reads.
     */
    private Snapshot open(Period period) {
        Long lastImport = jdbc.sql("""
                SELECT (SELECT MAX(id) FROM data_import) AS last_import,
                       (SELECT COUNT(*) FROM territory) + (SELECT COUNT(*) FROM region)
                       + (SELECT COUNT(*) FROM person WHERE id = 0) + (SELECT COUNT(*) FROM kpi)
                       + (SELECT COUNT(*) FROM measurement WHERE period = :period)
                       + (SELECT COUNT(*) FROM period_result)
                       + (SELECT COUNT(*) FROM territory_score WHERE evaluation_run_id = 0) AS pinned
                """).param("period", period.toString())
                .query(rs -> rs.next() ? Optional.ofNullable(rs.getObject(1, Long.class)) : Optional.<Long>empty())
                .orElse(null);
        return new Snapshot(LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS), lastImport);
    }

    /**
     * The facts shared by every batch of the period. Earlier scores are the earlier periods' current results, also
     * for a restatement or a preview: history is what was reported.
     */
    private PeriodFacts period(Period period, Snapshot snapshot) {
        List<Kpi> catalogue = measurements.catalogue().stream().map(FactLoader::toFact).toList();
        List<String> earlier = new ArrayList<>();
        for (int back = 1; back <= PERIODS_BACK; back++) {
            earlier.add(period.minusMonths(back).toString());
        }
        return new PeriodFacts(period, catalogue, earlier, results.overallScores(earlier), snapshot);
    }

    /** One batch's facts: per territory (in the batch's order) its measurements and earlier scores. */
    List<TerritoryFacts> batch(PeriodFacts period, List<Territory> batch) {
        Map<String, Kpi> kpis = period.catalogue().stream()
                .collect(Collectors.toMap(Kpi::getCode, Function.identity()));
        Map<Long, List<Measurement>> byTerritory = new HashMap<>();
        Map<Long, String> codes = batch.stream().collect(Collectors.toMap(Territory::id, Territory::code));
        for (MeasurementRow row : measurements.forTerritories(period.period(), batch.get(0).id(),
                batch.get(batch.size() - 1).id())) {
            String code = codes.get(row.territoryId());
            if (code != null) {
                byTerritory.computeIfAbsent(row.territoryId(), id -> new ArrayList<>())
                        .add(new Measurement(code, kpis.get(row.kpiCode()), row.actual(), row.target()));
            }
        }
        List<String> earlier = period.earlierPeriods();
        List<TerritoryFacts> facts = new ArrayList<>(batch.size());
        for (Territory territory : batch) {
            List<PreviousScore> previous = new ArrayList<>();
            Map<String, BigDecimal> scores = period.earlierScores().getOrDefault(territory.id(), Map.of());
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

    /**
     * @param catalogue every catalogue KPI as a fact, inserted once into each session
     * @param earlierPeriods the periods 1, 2 and 3 months back, in that order
     * @param earlierScores the current stored overall scores of those periods, by territory id and period
     * @param snapshot the snapshot all of them, and the batches, are read from
     */
    record PeriodFacts(Period period, List<Kpi> catalogue, List<String> earlierPeriods,
            Map<Long, Map<String, BigDecimal>> earlierScores, Snapshot snapshot) {
    }

    /**
     * @param takenAt when the snapshot was taken
     * @param lastImportId the newest applied import ({@code data_import}) it holds; null when it holds none
     */
    record Snapshot(LocalDateTime takenAt, Long lastImportId) {
    }
}
