package io.territoryscorecard.ruleset.engine;

import io.territoryscorecard.ruleset.CompiledRuleset;
import io.territoryscorecard.ruleset.RuleFiringLimitExceeded;
import io.territoryscorecard.ruleset.RuleTimeLimitExceeded;
import io.territoryscorecard.ruleset.TerritoryAssessment;
import io.territoryscorecard.ruleset.TerritoryFacts;
import io.territoryscorecard.ruleset.sandbox.RuleBudget;

import io.territoryscorecard.ruleset.fact.EvaluatedTerritory;
import io.territoryscorecard.ruleset.fact.Kpi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
 * compiled from user rules runs. Every call gets its own session, which is disposed before the call returns; what the
 * rules derived in it becomes assessments in {@link AssessmentAssembler}.
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
            AssessmentAssembler assembler = new AssessmentAssembler(lineage::ruleOf);
            for (Object fact : session.getObjects()) {
                assembler.add(fact);
            }
            List<TerritoryAssessment> result = new ArrayList<>(batch.size());
            for (TerritoryFacts territory : batch) {
                result.add(assembler.assessment(territory, catalogue));
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
            return insertedBy.get(fact);
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
}
