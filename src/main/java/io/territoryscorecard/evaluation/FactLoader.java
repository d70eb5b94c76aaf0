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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Reads what the rules see of a period: the KPI catalogue as {@link Kpi} facts and the earlier overall scores once
 * per period, then the measurements batch by batch. Evaluations and previews load their facts here, so a preview
 * sees exactly what an evaluation of the same period would.
 */
@Component
class FactLoader {

    /** Earlier periods whose scores the rules see (the declining-trend rule looks three back). */
    static final int PERIODS_BACK = 3;

    private final Measurements measurements;
    private final ResultStore results;

    FactLoader(Measurements measurements, ResultStore results) {
        this.measurements = measurements;
        this.results = results;
    }

    /**
     * The facts shared by every batch of the period. Earlier scores are the earlier periods' current results, also
     * for a restatement or a preview: history is what was reported.
     */
    PeriodFacts period(Period period) {
        List<Kpi> catalogue = measurements.catalogue().stream().map(FactLoader::toFact).toList();
        List<String> earlier = new ArrayList<>();
        for (int back = 1; back <= PERIODS_BACK; back++) {
            earlier.add(period.minusMonths(back).toString());
        }
        return new PeriodFacts(period, catalogue, earlier, results.overallScores(earlier));
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
     */
    record PeriodFacts(Period period, List<Kpi> catalogue, List<String> earlierPeriods,
            Map<Long, Map<String, BigDecimal>> earlierScores) {
    }
}
