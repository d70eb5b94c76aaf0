package io.territoryscorecard.ruleset;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What running a ruleset's scenarios found: each scenario with its file, line and name and, when it failed, every
 * expectation it did not meet; or, when the scenarios could not run at all, why ({@link #summary}) with each problem
 * at its file, line and column (rules that do not compile, a scenario file that cannot be used).
 *
 * @param files the number of scenario files read
 */
public record ScenarioReport(String label, Outcome outcome, String summary, List<RuleProblem> problems, int files,
        List<Result> scenarios) {

    public ScenarioReport {
        problems = List.copyOf(problems);
        scenarios = List.copyOf(scenarios);
    }

    public enum Outcome {
        /** Every scenario passed. */
        PASSED,
        /** At least one scenario failed. */
        FAILED,
        /** The rules do not compile (or a decision table names a KPI the catalogue lacks): no scenario ran. */
        RULES_INVALID,
        /** A scenario file cannot be used, or there is none: no scenario ran. */
        SCENARIOS_INVALID
    }

    /** One scenario: where it stands, and what differed from its expectations (nothing when it passed). */
    public record Result(String file, int line, String name, List<Failure> failures) {

        public Result {
            failures = List.copyOf(failures);
        }

        @JsonProperty("passed")
        public boolean passed() {
            return failures.isEmpty();
        }
    }

    /**
     * An expectation that was not met.
     *
     * @param subject what it is about: "KPI REVENUE status", "perspective FINANCIAL score", "overall rules", "flag",
     *         "alert", "rule FLG-01"
     * @param expected what the scenario expects
     * @param actual what the rules derived
     * @param message the whole sentence: "expected KPI REVENUE status GREEN but was AMBER"
     */
    public record Failure(String subject, String expected, String actual, String message) {

        /** A failure said as "expected {subject} {expected} but was {actual}". */
        public static Failure of(String subject, String expected, String actual) {
            return new Failure(subject, expected, actual, "expected " + subject + " " + expected + " but was " + actual);
        }

        @Override
        public String toString() {
            return message;
        }
    }

    @JsonProperty("passed")
    public long passed() {
        return scenarios.stream().filter(Result::passed).count();
    }

    @JsonProperty("failed")
    public long failed() {
        return scenarios.size() - passed();
    }
}
