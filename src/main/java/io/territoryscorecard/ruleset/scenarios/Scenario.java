package io.territoryscorecard.ruleset.scenarios;

import io.territoryscorecard.ruleset.DataQuality;
import io.territoryscorecard.ruleset.TerritoryAssessment;

import io.territoryscorecard.ruleset.fact.Perspective;
import io.territoryscorecard.ruleset.fact.Severity;
import io.territoryscorecard.ruleset.fact.Status;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A scenario from {@code rules/scenarios/*.yaml}: the measurements of one territory in a period and what the rules
 * should derive from them. The format is described in rules/README.md.
 *
 * @param file the scenario file, relative to the rules folder
 * @param line where the scenario starts in the file
 */
public record Scenario(String file, int line, String name, String period, List<Measured> measurements,
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

    /** Status and score of a perspective or of the territory overall, and (rules not null) the rules it names. */
    record ResultExpectation(Expected<Status> status, Expected<BigDecimal> score, List<String> rules) {
    }

    /**
     * A flag or an alert by code or key (code/perspective/kpi), or both, and where given subject, severity, message
     * and the rules it names (in any order).
     */
    record RaisedExpectation(String code, String key, Perspective perspective, String kpi, Severity severity,
            String message, List<String> rules) {

        boolean matches(Raised raised) {
            return (code == null || code.equals(raised.code())) && (key == null || key.equals(raised.key()))
                    && (perspective == null || perspective == raised.perspective())
                    && (kpi == null || kpi.equals(raised.kpi())) && (severity == null || severity == raised.severity())
                    && (message == null || message.equals(raised.message()))
                    && (rules == null || Set.copyOf(rules).equals(Set.copyOf(raised.rules())));
        }

        @Override
        public String toString() {
            return (code == null ? "" : code) + (key == null ? "" : (code == null ? "" : " ") + "key " + key)
                    + (kpi == null ? "" : " kpi " + kpi)
                    + (perspective == null ? "" : " perspective " + perspective)
                    + (severity == null ? "" : " severity " + severity)
                    + (message == null ? "" : " message \"" + message + "\"")
                    + (rules == null ? "" : " rules " + rules);
        }
    }

    /** What a flag and an alert have in common, for comparing them with a {@link RaisedExpectation}. */
    record Raised(String code, String key, Perspective perspective, String kpi, Severity severity, String message,
            List<String> rules) {

        static Raised of(TerritoryAssessment.Flag flag) {
            return new Raised(flag.code(), flag.key(), flag.perspective(), flag.kpi(), flag.severity(), flag.message(),
                    flag.rules());
        }

        static Raised of(TerritoryAssessment.Alert alert) {
            return new Raised(alert.code(), alert.key(), alert.perspective(), alert.kpi(), alert.severity(),
                    alert.message(), alert.rules());
        }

        @Override
        public String toString() {
            return code + (kpi == null ? "" : " kpi " + kpi)
                    + (perspective == null ? "" : " perspective " + perspective)
                    + " severity " + severity + " message \"" + message + "\"";
        }

        /** As {@link #toString()}, with the rules it names when an expectation asked about them. */
        String toString(boolean withRules) {
            return withRules ? this + " rules " + rules : toString();
        }
    }

    /**
     * @param onlyFlags no flags besides those in {@code flags}
     * @param onlyAlerts no alerts besides those in {@code alerts}
     * @param firedRules rule ids that must fire
     * @param notFiredRules rule ids that must not fire
     */
    record Expectations(Map<String, KpiExpectation> kpis, Map<Perspective, ResultExpectation> perspectives,
            ResultExpectation overall, List<RaisedExpectation> flags, List<RaisedExpectation> noFlags,
            boolean onlyFlags, List<RaisedExpectation> alerts, List<RaisedExpectation> noAlerts, boolean onlyAlerts,
            List<String> firedRules, List<String> notFiredRules) {
    }
}
