package io.territoryscorecard.evaluation;

import io.territoryscorecard.account.AuditLog;
import io.territoryscorecard.evaluation.PreviewReport.Baseline;
import io.territoryscorecard.evaluation.PreviewReport.Candidate;
import io.territoryscorecard.evaluation.PreviewReport.Compared;
import io.territoryscorecard.evaluation.PreviewReport.Timing;
import io.territoryscorecard.measurement.Period;
import io.territoryscorecard.ruleset.ActiveRuleset.LoadedRuleset;
import io.territoryscorecard.ruleset.CompiledRuleset;
import io.territoryscorecard.ruleset.RulesetCompiler;
import io.territoryscorecard.ruleset.RulesetService;
import io.territoryscorecard.ruleset.RulesetSource;
import io.territoryscorecard.territory.Territories;
import io.territoryscorecard.territory.Territory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * What-if: evaluates a candidate ruleset (a stored version, or files not stored anywhere) over every territory of a
 * period in memory, with the facts an evaluation would load, and compares the outcome with the period's current
 * results. Writes no result; the preview itself goes into the audit log.
 */
@Service
public class PreviewService {

    private static final Logger log = LoggerFactory.getLogger(PreviewService.class);

    private final EvaluationRuns runs;
    private final ResultStore results;
    private final FactLoader facts;
    private final Evaluator evaluator;
    private final Territories territories;
    private final RulesetService rulesets;
    private final RulesetCompiler compiler;
    private final AuditLog audit;

    PreviewService(EvaluationRuns runs, ResultStore results, FactLoader facts, Evaluator evaluator,
            Territories territories, RulesetService rulesets, RulesetCompiler compiler, AuditLog audit) {
        this.runs = runs;
        this.results = results;
        this.facts = facts;
        this.evaluator = evaluator;
        this.territories = territories;
        this.rulesets = rulesets;
        this.compiler = compiler;
        this.audit = audit;
    }

    /** A stored version against the period's current results (also the workbench's confirmation of an activation). */
    public PreviewReport previewVersion(Period period, long rulesetVersionId, int top, String actor) {
        return preview(period, top, actor, () -> {
            LoadedRuleset loaded = rulesets.load(rulesetVersionId);
            return new CandidateRules(new Candidate("version", loaded.version().id(), loaded.version().label(),
                    loaded.version().sha256(), "ruleset version " + loaded.version().id()), loaded.rules());
        });
    }

    /**
     * Files that are not (necessarily) stored as a version, against the period's current results.
     *
     * @param kind {@code upload}, {@code folder} or {@code draft} (a rules workbench draft)
     */
    public PreviewReport previewFiles(Period period, RulesetSource source, String kind, int top, String actor) {
        return preview(period, top, actor, () -> new CandidateRules(
                new Candidate(kind, null, source.label(), source.sha256(), source.origin()), compiler.compile(source)));
    }

    private PreviewReport preview(Period period, int top, String actor, Supplier<CandidateRules> candidateRules) {
        long started = System.nanoTime();
        EvaluationRun current = runs.current(period.toString())
                .orElseThrow(() -> new PeriodNotEvaluatedException(period));
        Baseline baseline = new Baseline(current.id(), current.rulesetVersionId(),
                rulesets.version(current.rulesetVersionId()).label());
        Map<String, TerritoryOutcome> before = results.outcomes(current.id());

        CandidateRules candidate = candidateRules.get();
        long compiled = System.nanoTime();
        // the territories too come from the snapshot the measurements are read from
        List<Compared> compared = facts.inSnapshot(period, periodFacts -> {
            List<Territory> all = territories.all();
            Map<String, TerritoryOutcome> after = assess(periodFacts, all, candidate.rules());
            List<Compared> each = new ArrayList<>();
            for (Territory territory : all) {
                each.add(new Compared(territory.code(), territory.name(), territory.regionCode(),
                        territory.regionName(), before.get(territory.code()), after.get(territory.code())));
            }
            return each;
        });
        long evaluated = System.nanoTime();
        RollupRules rollupBefore = RollupRules.of(rulesets.load(current.rulesetVersionId()).rules().settings());
        RollupRules rollupAfter;
        try {
            rollupAfter = RollupRules.of(candidate.rules().settings());
        } catch (IllegalStateException e) {
            throw new PreviewFailedException("the candidate rules cannot roll up the regions: " + e.getMessage(), e);
        }
        PreviewReport report = PreviewReport.compare(period.toString(), candidate.candidate(), baseline, compared, top,
                rollupBefore, rollupAfter)
                .timed(new Timing(millis(compiled - started), millis(evaluated - compiled),
                        millis(System.nanoTime() - started)));
        log.info("Preview of {} ({}) for {} against run {}: {} ({} ms)", candidate.candidate().origin(),
                candidate.candidate().label(), period, current.id(), String.join("; ", report.summary()),
                report.timing().totalMillis());
        audit.record(actor, "RULESET_PREVIEWED", "period " + period, describe(candidate.candidate()) + " against run "
                + current.id() + " (ruleset version " + current.rulesetVersionId() + "): "
                + String.join("; ", report.summary()));
        return report;
    }

    /** Every territory's outcome under the candidate, batch by batch as an evaluation would, kept in memory only. */
    private Map<String, TerritoryOutcome> assess(FactLoader.PeriodFacts periodFacts, List<Territory> all,
            CompiledRuleset rules) {
        Map<String, TerritoryOutcome> outcomes = new HashMap<>();
        evaluator.inBatches(periodFacts, all, (period, catalogue, batch) -> {
            try {
                return rules.assess(period, catalogue, batch);
            } catch (RuntimeException e) {
                throw new PreviewFailedException("the candidate rules failed on the territories "
                        + batch.get(0).territory() + " to " + batch.get(batch.size() - 1).territory() + ": "
                        + e.getMessage(), e);
            }
        }, (batch, assessments) -> assessments.forEach(a -> outcomes.put(a.territory(), TerritoryOutcome.of(a))));
        return outcomes;
    }

    private static String describe(Candidate candidate) {
        return (candidate.rulesetVersionId() != null ? "ruleset version " + candidate.rulesetVersionId()
                : candidate.source() + " " + candidate.origin()) + " '" + candidate.label() + "' (sha256 "
                + candidate.sha256() + ")";
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    private record CandidateRules(Candidate candidate, CompiledRuleset rules) {
    }
}
