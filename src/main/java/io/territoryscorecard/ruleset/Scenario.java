package io.territoryscorecard.ruleset;

import io.territoryscorecard.ruleset.fact.Perspective;
import io.territoryscorecard.ruleset.fact.Severity;
import io.territoryscorecard.ruleset.fact.Status;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A scenario from {@code rules/scenarios/*.yaml}: the measurements of one territory in a period and what the rules
 * should derive from them. The format is described in rules/README.md.
 *
 * @param file the scenario file, relative to the rules folder
 * @param line where the scenario starts in the file
 */
record Scenario(String file, int line, String name, String period, List<Measured> measurements,
        Map<Integer, BigDecimal> previousScores, Expectations expect) {

    static final String DEFAULT_PERIOD = "2026-10";

    /** A measurement; a null actual or target is an empty value. */
    record Measured(String kpi, BigDecimal actual, BigDecimal target) {
    }

    /** An expected value, or (value null) the expectation that there is none. A field not checked has no Expected. */
    record Expected<T>(T value) {
    }

    record KpiExpectation(Expected<DataQuality> dataQuality, Expected<Status> status, Expected<BigDecimal> score,
            Expected<BigDecimal> attainment, Expected<BigDecimal> weight, List<String> rules) {
    }

    /** Status and score of a perspective or of the territory overall. */
    record ResultExpectation(Expected<Status> status, Expected<BigDecimal> score) {
    }

    /** A flag by code and, where given, subject, severity and message. */
    record FlagExpectation(String code, Perspective perspective, String kpi, Severity severity, String message) {

        boolean matches(TerritoryAssessment.Flag flag) {
            return flag.code().equals(code) && (perspective == null || perspective == flag.perspective())
                    && (kpi == null || kpi.equals(flag.kpi())) && (severity == null || severity == flag.severity())
                    && (message == null || message.equals(flag.message()));
        }

        @Override
        public String toString() {
            return code + (kpi == null ? "" : " kpi " + kpi) + (perspective == null ? "" : " perspective " + perspective)
                    + (severity == null ? "" : " severity " + severity)
                    + (message == null ? "" : " message \"" + message + "\"");
        }
    }

    /**
     * @param onlyFlags no flags besides those in {@code flags}
     * @param firedRules rule ids that must fire
     * @param notFiredRules rule ids that must not fire
     */
    record Expectations(Map<String, KpiExpectation> kpis, Map<Perspective, ResultExpectation> perspectives,
            ResultExpectation overall, List<FlagExpectation> flags, List<FlagExpectation> noFlags, boolean onlyFlags,
            List<String> firedRules, List<String> notFiredRules) {
    }
}
