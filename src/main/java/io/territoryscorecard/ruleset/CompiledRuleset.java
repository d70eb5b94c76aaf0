package io.territoryscorecard.ruleset;

import io.territoryscorecard.ruleset.engine.RuleWorker;
import io.territoryscorecard.ruleset.engine.RuleWorkers;

import io.territoryscorecard.ruleset.engine.RuleWorker.Assess;
import io.territoryscorecard.ruleset.engine.RuleWorker.Assessed;
import io.territoryscorecard.ruleset.engine.RuleWorker.Compile;
import io.territoryscorecard.ruleset.engine.RuleWorker.Failed;
import io.territoryscorecard.ruleset.engine.RuleWorker.Reply;
import io.territoryscorecard.ruleset.engine.RuleWorker.Settings;
import io.territoryscorecard.ruleset.engine.RuleWorker.SettingsFacts;
import io.territoryscorecard.ruleset.fact.Kpi;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A compiled ruleset, ready to assess batches of territories. The rules run in rule worker processes
 * ({@link RuleWorkers}), never in the service: this is how the service reaches them. Thread-safe: every call has a
 * worker and a session of its own.
 */
public final class CompiledRuleset {

    private final RulesetSource source;
    private final List<String> ruleNames;
    private final RuleWorkers workers;
    /** How any worker compiles the rules again (one that started later, or let them go). */
    private final Compile compile;
    private final int maxFiringsPerTerritory;
    private final Duration timeBudget;

    CompiledRuleset(RulesetSource source, List<String> ruleNames, RuleWorkers workers, Compile compile,
            int maxFiringsPerTerritory, Duration timeBudget) {
        this.source = source;
        this.ruleNames = List.copyOf(ruleNames);
        this.workers = workers;
        this.compile = compile;
        this.maxFiringsPerTerritory = maxFiringsPerTerritory;
        this.timeBudget = timeBudget;
    }

    public RulesetSource source() {
        return source;
    }

    /** The names of all rules, sorted. */
    public List<String> ruleNames() {
        return ruleNames;
    }

    /** The facts the settings phase inserts (weights, bands, breakpoints, limits), without any territory. */
    public List<Object> settings() {
        return ((SettingsFacts) answer(new Settings(compile.key(), timeBudget))).facts();
    }

    /** Fires the rules over one batch of territories of a period and returns what they derived, per territory. */
    public List<TerritoryAssessment> assess(String period, List<Kpi> catalogue, List<TerritoryFacts> batch) {
        return assessTraced(period, catalogue, batch).assessments();
    }

    /**
     * Like {@link #assess}, and also tells which rules fired in the session, by id: scenario tests check rules that
     * derive nothing an explanation shows (the settings rules).
     */
    public Traced assessTraced(String period, List<Kpi> catalogue, List<TerritoryFacts> batch) {
        return ((Assessed) answer(new Assess(compile.key(), period, List.copyOf(catalogue), List.copyOf(batch),
                maxFiringsPerTerritory, timeBudget))).traced();
    }

    private Reply answer(RuleWorker.Request request) {
        Reply reply = workers.call(request, compile);
        if (reply instanceof Failed failed) {
            throw failure(failed, timeBudget, workers);
        }
        return reply;
    }

    /** The exception that tells an author what went wrong, naming the rule that was running. */
    static RuntimeException failure(Failed failed, Duration timeBudget, RuleWorkers workers) {
        String rule = failed.rule() == null || failed.rule().equals("(none)") ? null : failed.rule();
        String which = rule == null ? "the rules" : "rule \"" + rule + "\"";
        return switch (failed.failure()) {
            case TIME_LIMIT -> failed.message() != null && failed.message().startsWith("The rules ran longer")
                    ? new RuleTimeLimitExceeded(rule, failed.message())
                    : new RuleTimeLimitExceeded(rule, "The rules ran longer than the time budget of "
                            + timeBudget.toSeconds() + " s" + (failed.territories() > 0 ? " for "
                            + failed.territories() + " territories" : "") + " and were stopped while " + which
                            + " was running, inside a call the budget cannot interrupt (such as a computation on a "
                            + "huge number, text or collection): check it for an argument that can grow without end"
                            + (failed.message() == null ? "" : " (" + failed.message() + ")"));
            case FIRING_LIMIT -> new RuleFiringLimitExceeded(rule, failed.message());
            case OUT_OF_MEMORY -> new RuleFailure(rule, capitalised(which) + " ran out of memory: the rules of "
                    + "a batch may use at most " + workers.heap().toMegabytes() + " MB (scorecard.ruleset.worker-heap)"
                    + "; check it for a collection, text or number that grows without end");
            case STACK_OVERFLOW -> new RuleFailure(rule, capitalised(which) + " recursed too deep (stack "
                    + "overflow): check it and the functions it calls for a recursion that never ends");
            case RULE_ERROR -> new RuleFailure(rule, rule == null || failed.message().contains(rule)
                    ? failed.message() : "Rule \"" + rule + "\" failed: " + failed.message());
        };
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** What a batch derived, and the ids of the rules that fired. */
    public record Traced(List<TerritoryAssessment> assessments, Set<String> firedRules) implements Serializable {
    }

    /** The id of a rule: its name up to the first space ("FLG-01 Revenue shortfall" -> "FLG-01"). */
    public static String ruleId(String ruleName) {
        int space = ruleName.indexOf(' ');
        return space < 0 ? ruleName : ruleName.substring(0, space);
    }

    @Override
    public String toString() {
        return "CompiledRuleset[" + source.label() + " " + Objects.requireNonNullElse(source.origin(), "") + "]";
    }
}
