package io.territoryscorecard.ruleset.scenarios;

import io.territoryscorecard.ruleset.CompiledRuleset;
import io.territoryscorecard.ruleset.TerritoryAssessment;
import io.territoryscorecard.ruleset.TerritoryFacts;
import io.territoryscorecard.ruleset.scenarios.Scenario.Expected;
import io.territoryscorecard.ruleset.scenarios.Scenario.KpiExpectation;
import io.territoryscorecard.ruleset.scenarios.Scenario.Raised;
import io.territoryscorecard.ruleset.scenarios.Scenario.RaisedExpectation;
import io.territoryscorecard.ruleset.scenarios.Scenario.ResultExpectation;
import io.territoryscorecard.ruleset.ScenarioReport.Failure;
import io.territoryscorecard.ruleset.TerritoryAssessment.KpiResult;
import io.territoryscorecard.ruleset.TerritoryAssessment.PerspectiveResult;
import io.territoryscorecard.ruleset.fact.Decimals;
import io.territoryscorecard.ruleset.fact.Kpi;
import io.territoryscorecard.ruleset.fact.Measurement;
import io.territoryscorecard.ruleset.fact.Perspective;
import io.territoryscorecard.ruleset.fact.PreviousScore;
import io.territoryscorecard.ruleset.fact.Status;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs scenarios against a compiled ruleset and says, for each, what differs from its expectations. Numbers are
 * compared as stored: scores rounded to 2 decimals, attainment to 4.
 */
public final class ScenarioRunner {

    static final String TERRITORY = "SCENARIO";

    private final CompiledRuleset rules;
    private final List<Kpi> catalogue;

    public ScenarioRunner(CompiledRuleset rules, List<Kpi> catalogue) {
        this.rules = rules;
        this.catalogue = List.copyOf(catalogue);
    }

    /** The outcome of one scenario: every expectation that was not met ("expected X but was Y"), and what fired. */
    public record Outcome(Scenario scenario, List<Failure> failures, Set<String> firedRules) {

        boolean passed() {
            return failures.isEmpty();
        }
    }

    public Outcome run(Scenario scenario) {
        Map<String, Kpi> kpis = catalogue.stream().collect(Collectors.toMap(Kpi::getCode, Function.identity()));
        List<Measurement> measurements = scenario.measurements().stream()
                .map(m -> new Measurement(TERRITORY, kpis.get(m.kpi()), m.actual(), m.target())).toList();
        YearMonth period = YearMonth.parse(scenario.period());
        List<PreviousScore> previous = scenario.previousScores().entrySet().stream()
                .map(e -> new PreviousScore(TERRITORY, period.minusMonths(e.getKey()).toString(), e.getKey(),
                        e.getValue()))
                .toList();
        CompiledRuleset.Traced traced = rules.assessTraced(scenario.period(), catalogue,
                List.of(new TerritoryFacts(TERRITORY, measurements, previous)));
        TerritoryAssessment assessment = traced.assessments().get(0);

        List<Failure> failures = new ArrayList<>();
        Scenario.Expectations expect = scenario.expect();
        expect.kpis().forEach((kpi, expected) -> checkKpi(failures, kpi, expected, kpiResult(assessment, kpi)));
        expect.perspectives().forEach((perspective, expected) -> checkResult(failures, "perspective " + perspective,
                expected, perspectiveResult(assessment, perspective)));
        if (expect.overall() != null) {
            checkResult(failures, "overall", expect.overall(), assessment.overall());
        }
        checkRaised(failures, "flag", expect.flags(), expect.noFlags(), expect.onlyFlags(),
                assessment.flags().stream().map(Raised::of).toList());
        checkRaised(failures, "alert", expect.alerts(), expect.noAlerts(), expect.onlyAlerts(),
                assessment.alerts().stream().map(Raised::of).toList());
        for (String rule : expect.firedRules()) {
            if (!traced.firedRules().contains(rule)) {
                String fired = "not fired (fired: " + String.join(", ", traced.firedRules()) + ")";
                failures.add(new Failure("rule " + rule, "fired", fired, "expected rule " + rule + " to fire but was "
                        + fired));
            }
        }
        for (String rule : expect.notFiredRules()) {
            if (traced.firedRules().contains(rule)) {
                failures.add(new Failure("rule " + rule, "not fired", "fired", "expected rule " + rule
                        + " not to fire but was fired"));
            }
        }
        return new Outcome(scenario, failures, traced.firedRules());
    }

    private static void checkKpi(List<Failure> failures, String kpi, KpiExpectation expected, KpiResult actual) {
        String subject = "KPI " + kpi;
        check(failures, subject + " dataQuality", expected.dataQuality(), actual.dataQuality());
        check(failures, subject + " status", expected.status(), actual.status());
        checkNumber(failures, subject + " score", expected.score(), actual.score(), 2);
        checkNumber(failures, subject + " attainment", expected.attainment(), actual.attainment(), 4);
        checkNumber(failures, subject + " weight", expected.weight(), actual.weight(), -1);
        checkRules(failures, subject, expected.rules(), actual.explanation().rules());
    }

    /** Status, score and rules of a perspective or the territory; a missing result has none. */
    private static void checkResult(List<Failure> failures, String subject, ResultExpectation expected, Object actual) {
        BigDecimal score = null;
        Status status = null;
        List<String> rules = List.of();
        if (actual instanceof PerspectiveResult p) {
            score = p.score();
            status = p.status();
            rules = p.explanation().rules();
        } else if (actual instanceof TerritoryAssessment.Overall o) {
            score = o.score();
            status = o.status();
            rules = o.explanation() == null ? List.of() : o.explanation().rules();
        }
        check(failures, subject + " status", expected.status(), status);
        checkNumber(failures, subject + " score", expected.score(), score, 2);
        checkRules(failures, subject, expected.rules(), rules);
    }

    private static void checkRules(List<Failure> failures, String subject, List<String> expected, List<String> actual) {
        if (expected != null && !new HashSet<>(expected).equals(new HashSet<>(actual))) {
            failures.add(Failure.of(subject + " rules", expected.toString(), actual.toString()));
        }
    }

    /** Flags or alerts: those expected present, those expected absent, and with {@code only} no others. */
    private static void checkRaised(List<Failure> failures, String what, List<RaisedExpectation> present,
            List<RaisedExpectation> absent, boolean only, List<Raised> raised) {
        for (RaisedExpectation expected : present) {
            if (raised.stream().noneMatch(expected::matches)) {
                List<Raised> sameCode = raised.stream()
                        .filter(r -> expected.code() == null ? r.key().equals(expected.key())
                                : r.code().equals(expected.code()))
                        .toList();
                failures.add(Failure.of(what, expected.toString(), sameCode.isEmpty()
                        ? "no " + Objects.requireNonNullElse(expected.code(), expected.key()) + " " + what
                        : describe(sameCode, expected.rules() != null)));
            }
        }
        for (RaisedExpectation notExpected : absent) {
            List<Raised> matching = raised.stream().filter(notExpected::matches).toList();
            if (!matching.isEmpty()) {
                String actual = describe(matching, notExpected.rules() != null);
                failures.add(new Failure(what, "no " + notExpected, actual, "expected no " + what + " " + notExpected
                        + " but was " + actual));
            }
        }
        if (only) {
            List<Raised> others = raised.stream().filter(r -> present.stream().noneMatch(e -> e.matches(r))).toList();
            if (!others.isEmpty()) {
                String actual = "also " + describe(others, false);
                failures.add(new Failure(what, "only the listed " + what + "s", actual, "expected only the listed "
                        + what + "s but was " + actual));
            }
        }
    }

    private static <T> void check(List<Failure> failures, String subject, Expected<T> expected, T actual) {
        if (expected != null && !Objects.equals(expected.value(), actual)) {
            failures.add(Failure.of(subject, shown(expected.value()), shown(actual)));
        }
    }

    /** Compares after rounding both to {@code decimals} (as stored); -1 compares the exact values. */
    private static void checkNumber(List<Failure> failures, String subject, Expected<BigDecimal> expected,
            BigDecimal actual, int decimals) {
        if (expected == null) {
            return;
        }
        BigDecimal shownActual = decimals < 0 ? actual : Decimals.round(actual, decimals);
        BigDecimal roundedExpected = decimals < 0 ? expected.value() : Decimals.round(expected.value(), decimals);
        boolean same = roundedExpected == null ? actual == null
                : actual != null && roundedExpected.compareTo(shownActual) == 0;
        if (!same) {
            failures.add(Failure.of(subject, shown(expected.value()), shown(shownActual)));
        }
    }

    private static String shown(Object value) {
        if (value == null) {
            return "none";
        }
        return value instanceof BigDecimal number ? number.toPlainString() : value.toString();
    }

    private static String describe(List<Raised> raised, boolean withRules) {
        return raised.stream().map(r -> r.toString(withRules)).collect(Collectors.joining("; "));
    }

    private static KpiResult kpiResult(TerritoryAssessment assessment, String kpi) {
        return assessment.kpis().stream().filter(k -> k.kpi().equals(kpi)).findFirst().orElseThrow();
    }

    private static PerspectiveResult perspectiveResult(TerritoryAssessment assessment, Perspective perspective) {
        return assessment.perspectives().stream().filter(p -> p.perspective() == perspective).findFirst().orElse(null);
    }
}
