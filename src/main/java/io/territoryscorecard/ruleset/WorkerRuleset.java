package io.territoryscorecard.ruleset;

import io.territoryscorecard.ruleset.TerritoryAssessment.Alert;
import io.territoryscorecard.ruleset.TerritoryAssessment.Flag;
import io.territoryscorecard.ruleset.TerritoryAssessment.KpiResult;
import io.territoryscorecard.ruleset.TerritoryAssessment.Overall;
import io.territoryscorecard.ruleset.TerritoryAssessment.PerspectiveResult;
import io.territoryscorecard.ruleset.fact.AlertRequest;
import io.territoryscorecard.ruleset.fact.Attainment;
import io.territoryscorecard.ruleset.fact.Decimals;
import io.territoryscorecard.ruleset.fact.EvaluatedTerritory;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.kie.api.KieBase;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.KieSession;

/**
 * A ruleset compiled into a KieBase, inside a rule worker process ({@link RuleWorker}): the only place where code
 * compiled from user rules runs. Every call gets its own session, which is disposed before the call returns.
 */
final class WorkerRuleset {

    /**
     * The phases of an evaluation, in order. Every rule names its phase with {@code ruleflow-group}; a phase starts when
     * the one before it has nothing left to fire, so a perspective score sees all of its KPI scores and an alert rule
     * sees every flag.
     */
    static final List<String> PHASES = List.of("settings", "data-quality", "kpi", "perspective", "overall",
            "flags", "alerts");
    private static final String FACT_PACKAGE = io.territoryscorecard.ruleset.fact.Kpi.class.getPackageName() + ".";

    private final KieBase kieBase;
    /** Settings facts read from decision tables: inserted into every session, before the settings phase fires. */
    private final List<Object> tableSettings;

    WorkerRuleset(KieBase kieBase, List<Object> tableSettings) {
        this.kieBase = kieBase;
        this.tableSettings = List.copyOf(tableSettings);
    }

    /** The names of all rules, sorted. */
    List<String> ruleNames() {
        return kieBase.getKiePackages().stream().flatMap(p -> p.getRules().stream()).map(Rule::getName).sorted()
                .toList();
    }

    /**
     * The facts of the fact vocabulary that the settings phase inserts (weights, limits, breakpoints), with those read
     * from decision tables, without any territory; types the rules declare themselves stay in the worker.
     */
    List<Object> settings(Duration timeBudget) {
        KieSession session = kieBase.newKieSession();
        try {
            Firings firings = new Firings();
            session.addEventListener(firings);
            tableSettings.forEach(session::insert);
            session.getAgenda().getAgendaGroup(PHASES.get(0)).setFocus();
            RuleBudget.start(timeBudget.toMillis());
            try {
                session.fireAllRules(10_000);
            } catch (RuntimeException | RuleBudget.Exceeded e) {
                if (causedBy(e, RuleBudget.Exceeded.class)) {
                    throw new RuleTimeLimitExceeded(firings.current, timeBudget, 0);
                }
                throw e;
            } finally {
                RuleBudget.clear();
            }
            return session.getObjects().stream().filter(f -> f.getClass().getName().startsWith(FACT_PACKAGE))
                    .map(Object.class::cast).toList();
        } finally {
            session.dispose();
        }
    }

    /**
     * Fires the rules over one batch of territories of a period and returns what they derived, per territory, and
     * which rules fired in the session, by id: scenario tests check rules that derive nothing an explanation shows
     * (the settings rules).
     */
    CompiledRuleset.Traced assessTraced(String period, List<Kpi> catalogue, List<TerritoryFacts> batch,
            int maxFiringsPerTerritory, Duration timeBudget) {
        KieSession session = kieBase.newKieSession();
        try {
            Lineage lineage = new Lineage(batch.size());
            session.addEventListener((org.kie.api.event.rule.RuleRuntimeEventListener) lineage);
            session.addEventListener((org.kie.api.event.rule.AgendaEventListener) lineage.firings);
            tableSettings.forEach(session::insert);
            catalogue.forEach(session::insert);
            for (TerritoryFacts territory : batch) {
                session.insert(new EvaluatedTerritory(territory.territory(), period));
                territory.measurements().forEach(session::insert);
                territory.previousScores().forEach(session::insert);
            }
            for (int i = PHASES.size() - 1; i >= 0; i--) {
                session.getAgenda().getAgendaGroup(PHASES.get(i)).setFocus();
            }
            long limit = (long) maxFiringsPerTerritory * batch.size() + 1_000;
            int fired;
            RuleBudget.start(timeBudget.toMillis());
            try {
                fired = session.fireAllRules((int) Math.min(Integer.MAX_VALUE, limit));
            } catch (RuntimeException | RuleBudget.Exceeded e) {
                if (causedBy(e, RuleBudget.Exceeded.class)) {
                    throw new RuleTimeLimitExceeded(lineage.firings.current, timeBudget, batch.size());
                }
                throw e;
            } finally {
                RuleBudget.clear();
            }
            if (fired >= limit) {
                Map.Entry<String, Long> top = lineage.firings.mostFired();
                throw new RuleFiringLimitExceeded(top.getKey(), top.getValue(), limit, batch.size());
            }
            Derived derived = new Derived(lineage);
            for (Object fact : session.getObjects()) {
                derived.add(fact);
            }
            List<TerritoryAssessment> result = new ArrayList<>(batch.size());
            for (TerritoryFacts territory : batch) {
                result.add(derived.assessment(territory, catalogue));
            }
            return new CompiledRuleset.Traced(result, lineage.firings.ruleIds());
        } finally {
            session.dispose();
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /** Which rule inserted which fact, and how often each rule fired. */
    private static final class Lineage extends DefaultRuleRuntimeEventListener {

        /** Facts the rules derive per territory, about 60 with the default ruleset: room without growing. */
        private static final int FACTS_PER_TERRITORY = 64;

        private final Map<Object, String> insertedBy;
        /** Rule id by rule name, so that each insert does not cut the name anew. */
        private final Map<String, String> ids = new HashMap<>();
        private final Firings firings = new Firings();

        Lineage(int territories) {
            insertedBy = new IdentityHashMap<>(FACTS_PER_TERRITORY * (territories + 1));
        }

        @Override
        public void objectInserted(ObjectInsertedEvent event) {
            Rule rule = event.getRule();
            if (rule != null) {
                insertedBy.put(event.getObject(), ids.computeIfAbsent(rule.getName(), CompiledRuleset::ruleId));
            }
        }

        String ruleOf(Object fact) {
            return fact == null ? null : insertedBy.get(fact);
        }
    }

    private static final class Firings extends DefaultAgendaEventListener {

        /** Firings by rule name, counted in place (a rule fires for every territory of the batch). */
        private final Map<String, long[]> counts = new HashMap<>();
        /** The rule whose consequence runs now, or ran last; the worker's watchdog reads it from its own thread. */
        private volatile String current = "(none)";

        @Override
        public void beforeMatchFired(org.kie.api.event.rule.BeforeMatchFiredEvent event) {
            current = event.getMatch().getRule().getName();
            RuleWorker.firing(current);
        }

        @Override
        public void afterMatchFired(AfterMatchFiredEvent event) {
            counts.computeIfAbsent(event.getMatch().getRule().getName(), name -> new long[1])[0]++;
        }

        Set<String> ruleIds() {
            return counts.keySet().stream().map(CompiledRuleset::ruleId)
                    .collect(Collectors.toCollection(TreeSet::new));
        }

        Map.Entry<String, Long> mostFired() {
            return counts.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue()[0]))
                    .max(Map.Entry.comparingByValue()).orElse(Map.entry("?", 0L));
        }
    }

    /** The facts the rules derived, indexed by territory and KPI or perspective. */
    private static final class Derived {

        private final Lineage lineage;
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

        Derived(Lineage lineage) {
            this.lineage = lineage;
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
                String rule = lineage.ruleOf(fact);
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
