package io.territoryscorecard.ruleset.engine;

import io.territoryscorecard.ruleset.DataQuality;
import io.territoryscorecard.ruleset.Explanation;
import io.territoryscorecard.ruleset.TerritoryAssessment;
import io.territoryscorecard.ruleset.TerritoryFacts;

import io.territoryscorecard.ruleset.TerritoryAssessment.Alert;
import io.territoryscorecard.ruleset.TerritoryAssessment.Flag;
import io.territoryscorecard.ruleset.TerritoryAssessment.KpiResult;
import io.territoryscorecard.ruleset.TerritoryAssessment.Overall;
import io.territoryscorecard.ruleset.TerritoryAssessment.PerspectiveResult;
import io.territoryscorecard.ruleset.fact.AlertRequest;
import io.territoryscorecard.ruleset.fact.Attainment;
import io.territoryscorecard.ruleset.fact.Decimals;
import io.territoryscorecard.ruleset.fact.ImprovementFlag;
import io.territoryscorecard.ruleset.fact.Kpi;
import io.territoryscorecard.ruleset.fact.KpiScore;
import io.territoryscorecard.ruleset.fact.KpiStatus;
import io.territoryscorecard.ruleset.fact.Measurement;
import io.territoryscorecard.ruleset.fact.PerspectiveScore;
import io.territoryscorecard.ruleset.fact.PerspectiveStatus;
import io.territoryscorecard.ruleset.fact.TerritoryScore;
import io.territoryscorecard.ruleset.fact.TerritoryStatus;
import io.territoryscorecard.ruleset.fact.ValidMeasurement;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns the facts the rules derived in one session into a {@link TerritoryAssessment} per territory, with the
 * explanation of every score, status, flag and alert: the numbers it was computed from and the ids of the rules that
 * derived it. Indexes the derived facts by territory and KPI or perspective; two facts of a kind for the same key mean
 * two rules overlap, which is reported instead of one of them being dropped.
 */
final class AssessmentAssembler {

    /** The id of the rule that inserted a fact, or null for a fact the engine was given. */
    private final Function<Object, String> ruleOf;
    private final Map<String, Map<String, ValidMeasurement>> valid = new HashMap<>();
    private final Map<String, Map<String, Attainment>> attainments = new HashMap<>();
    private final Map<String, Map<String, KpiStatus>> kpiStatuses = new HashMap<>();
    private final Map<String, Map<String, KpiScore>> kpiScores = new HashMap<>();
    private final Map<String, Map<String, PerspectiveScore>> perspectiveScores = new HashMap<>();
    private final Map<String, Map<String, PerspectiveStatus>> perspectiveStatuses = new HashMap<>();
    private final Map<String, TerritoryScore> territoryScores = new HashMap<>();
    private final Map<String, TerritoryStatus> territoryStatuses = new HashMap<>();
    private final Map<String, List<ImprovementFlag>> flags = new HashMap<>();
    private final Map<String, List<AlertRequest>> alerts = new HashMap<>();

    AssessmentAssembler(Function<Object, String> ruleOf) {
        this.ruleOf = ruleOf;
    }

    void add(Object fact) {
        if (fact instanceof ValidMeasurement v) {
            put(valid, v.getTerritory(), v.getKpi(), v);
        } else if (fact instanceof Attainment a) {
            put(attainments, a.getTerritory(), a.getKpi(), a);
        } else if (fact instanceof KpiStatus s) {
            put(kpiStatuses, s.getTerritory(), s.getKpi(), s);
        } else if (fact instanceof KpiScore s) {
            put(kpiScores, s.getTerritory(), s.getKpi(), s);
        } else if (fact instanceof PerspectiveScore s) {
            put(perspectiveScores, s.getTerritory(), s.getPerspective().name(), s);
        } else if (fact instanceof PerspectiveStatus s) {
            put(perspectiveStatuses, s.getTerritory(), s.getPerspective().name(), s);
        } else if (fact instanceof TerritoryScore s) {
            putOnce(territoryScores, s.getTerritory(), s);
        } else if (fact instanceof TerritoryStatus s) {
            putOnce(territoryStatuses, s.getTerritory(), s);
        } else if (fact instanceof ImprovementFlag f) {
            flags.computeIfAbsent(f.getTerritory(), t -> new ArrayList<>()).add(f);
        } else if (fact instanceof AlertRequest r) {
            alerts.computeIfAbsent(r.getTerritory(), t -> new ArrayList<>()).add(r);
        }
    }

    private static <T> void put(Map<String, Map<String, T>> index, String territory, String key, T fact) {
        putOnce(index.computeIfAbsent(territory, t -> new HashMap<>()), key, fact);
    }

    private static <T> void putOnce(Map<String, T> index, String key, T fact) {
        if (index.putIfAbsent(key, fact) != null) {
            throw new IllegalStateException("The rules derived two " + fact.getClass().getSimpleName()
                    + " facts for " + key + ": make the rules that derive it exclude each other");
        }
    }

    TerritoryAssessment assessment(TerritoryFacts facts, List<Kpi> catalogue) {
        String territory = facts.territory();
        Map<String, Measurement> measured = new HashMap<>();
        facts.measurements().forEach(m -> measured.put(m.getKpi(), m));
        List<ImprovementFlag> territoryFlags = flags.getOrDefault(territory, List.of());

        List<KpiResult> kpis = new ArrayList<>();
        for (Kpi kpi : catalogue) {
            kpis.add(kpiResult(territory, kpi, measured.get(kpi.getCode()), territoryFlags));
        }
        List<PerspectiveResult> perspectives = perspectiveScores.getOrDefault(territory, Map.of()).values()
                .stream().sorted(Comparator.comparing(PerspectiveScore::getPerspective))
                .map(s -> perspectiveResult(s, get(perspectiveStatuses, territory, s.getPerspective().name())))
                .toList();
        Overall overall = overall(territoryScores.get(territory), territoryStatuses.get(territory));
        List<Flag> flagResults = territoryFlags.stream()
                .sorted(Comparator.comparing(ImprovementFlag::getSeverity).thenComparing(ImprovementFlag::getKey))
                .map(f -> new Flag(f.getCode(), f.getSeverity(), f.getMessage(), f.getPerspective(), f.getKpi(),
                        f.getKey(), rules(f)))
                .toList();
        checkUnique(territory, "raised flag", flagResults, Flag::key, Flag::rules);
        List<Alert> alertResults = alerts.getOrDefault(territory, List.of()).stream()
                .sorted(Comparator.comparing(AlertRequest::getSeverity).thenComparing(AlertRequest::getKey))
                .map(r -> new Alert(r.getCode(), r.getSeverity(), r.getMessage(), r.getPerspective(), r.getKpi(),
                        r.getKey(), rules(r)))
                .toList();
        checkUnique(territory, "asked for alert", alertResults, Alert::key, Alert::rules);
        return new TerritoryAssessment(territory, overall, perspectives, kpis, flagResults, alertResults);
    }

    private KpiResult kpiResult(String territory, Kpi kpi, Measurement measurement, List<ImprovementFlag> flags) {
        String code = kpi.getCode();
        Attainment attainment = get(attainments, territory, code);
        KpiStatus status = get(kpiStatuses, territory, code);
        KpiScore score = get(kpiScores, territory, code);
        ValidMeasurement validMeasurement = get(valid, territory, code);
        ImprovementFlag dataFlag = flags.stream().filter(f -> code.equals(f.getKpi()))
                .filter(f -> f.getCode().equals("MISSING_DATA") || f.getCode().equals("INVALID_DATA"))
                .findFirst().orElse(null);
        DataQuality quality = validMeasurement != null ? DataQuality.VALID
                : dataFlag == null ? DataQuality.NOT_SCORED
                : dataFlag.getCode().equals("MISSING_DATA") ? DataQuality.MISSING : DataQuality.INVALID;

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("dataQuality", quality.name());
        if (measurement != null) {
            details.put("actual", measurement.getActual());
            details.put("target", measurement.getTarget());
        }
        if (dataFlag != null && quality != DataQuality.VALID) {
            details.put("reason", dataFlag.getMessage());
        }
        if (attainment != null) {
            details.put("direction", kpi.getDirection().name());
            details.put("attainment", attainment4(attainment.getValue()));
            if (attainment.getUnclamped().compareTo(attainment.getValue()) != 0) {
                details.put("attainmentBeforeCap", attainment4(attainment.getUnclamped()));
            }
        }
        if (status != null) {
            details.put("band", ordered("status", status.getStatus().name(),
                    "rule", status.getBand().describe("attainment")));
        }
        if (score != null) {
            details.put("scoreLine", ordered(
                    "from", ordered("attainment", score.getFrom().getAttainment(), "score", score.getFrom().getScore()),
                    "to", ordered("attainment", score.getTo().getAttainment(), "score", score.getTo().getScore())));
            details.put("weight", score.getWeight());
        }
        List<String> rules = rules(validMeasurement, attainment, status, score,
                quality == DataQuality.VALID ? null : dataFlag);
        return new KpiResult(code, kpi.getPerspective(), quality,
                measurement == null ? null : measurement.getActual(),
                measurement == null ? null : measurement.getTarget(),
                attainment == null ? null : attainment.getValue(),
                status == null ? null : status.getStatus(),
                score == null ? null : score.getScore(),
                score == null ? null : score.getWeight(),
                new Explanation(rules, details));
    }

    private PerspectiveResult perspectiveResult(PerspectiveScore score, PerspectiveStatus status) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kpis", score.getKpiScores().stream()
                .sorted(Comparator.comparing(KpiScore::getKpi))
                .map(k -> ordered("kpi", k.getKpi(), "score", score2(k.getScore()), "weight", k.getWeight()))
                .toList());
        details.put("weightedMean", score2(score.getScore()));
        if (status != null) {
            details.put("band", ordered("status", status.getStatus().name(), "rule", status.getBand().describe("score")));
        }
        return new PerspectiveResult(score.getPerspective(), score.getScore(),
                status == null ? null : status.getStatus(), score.getWeight(),
                new Explanation(rules(score, status), details));
    }

    private Overall overall(TerritoryScore score, TerritoryStatus status) {
        if (score == null) {
            return new Overall(null, null, new Explanation(List.of(),
                    Map.of("reason", "no perspective could be scored")));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("perspectives", score.getPerspectiveScores().stream()
                .sorted(Comparator.comparing(PerspectiveScore::getPerspective))
                .map(p -> ordered("perspective", p.getPerspective().name(), "score", score2(p.getScore()),
                        "weight", p.getWeight()))
                .toList());
        details.put("weightedMean", score2(score.getScore()));
        if (status != null) {
            details.put("band", ordered("status", status.getStatus().name(), "rule", status.getBand().describe("score")));
        }
        return new Overall(score.getScore(), status == null ? null : status.getStatus(),
                new Explanation(rules(score, status), details));
    }

    private List<String> rules(Object... facts) {
        Set<String> rules = new LinkedHashSet<>();
        for (Object fact : facts) {
            String rule = fact == null ? null : ruleOf.apply(fact);
            if (rule != null) {
                rules.add(rule);
            }
        }
        return List.copyOf(rules);
    }

    private static <T> T get(Map<String, Map<String, T>> index, String territory, String key) {
        Map<String, T> byKey = index.get(territory);
        return byKey == null ? null : byKey.get(key);
    }

    /** One flag or alert per key and territory: a second one means two rules overlap. */
    private static <T> void checkUnique(String territory, String what, List<T> results, Function<T, String> key,
            Function<T, List<String>> rules) {
        Map<String, T> seen = new HashMap<>();
        for (T result : results) {
            T first = seen.putIfAbsent(key.apply(result), result);
            if (first != null) {
                throw new IllegalStateException("The rules " + what + " " + key.apply(result)
                        + " twice for territory " + territory + ": rules " + rules.apply(first) + " and "
                        + rules.apply(result) + "; make them exclude each other");
            }
        }
    }

    /** Scores in explanations, which people read: 2 decimals. */
    private static BigDecimal score2(BigDecimal value) {
        return Decimals.round(value, 2);
    }

    /** Attainment in explanations: 4 decimals. */
    private static BigDecimal attainment4(BigDecimal value) {
        return Decimals.round(value, 4);
    }

    /** A small map that keeps the order it was written in, for readable explanations. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
