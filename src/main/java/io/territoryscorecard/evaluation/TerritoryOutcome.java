package io.territoryscorecard.evaluation;

import io.territoryscorecard.ruleset.TerritoryAssessment;
import io.territoryscorecard.ruleset.TerritoryAssessment.Alert;
import io.territoryscorecard.ruleset.TerritoryAssessment.Flag;
import io.territoryscorecard.ruleset.fact.Decimals;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A territory's overall result at the precision it is stored with: score rounded half-up to 2 decimals (null when no
 * perspective could be scored), status, and its flags and alert requests by key ({@code code/perspective/kpi}). What
 * a preview compares.
 */
record TerritoryOutcome(BigDecimal score, String status, Map<String, PreviewReport.Flag> flags,
        Map<String, PreviewReport.Flag> alerts) {

    TerritoryOutcome {
        flags = Collections.unmodifiableSortedMap(new TreeMap<>(flags));
        alerts = Collections.unmodifiableSortedMap(new TreeMap<>(alerts));
    }

    /** As {@link ResultStore#write} would store it. */
    static TerritoryOutcome of(TerritoryAssessment assessment) {
        TreeMap<String, PreviewReport.Flag> flags = new TreeMap<>();
        for (Flag flag : assessment.flags()) {
            flags.put(flag.key(), new PreviewReport.Flag(flag.code(),
                    flag.perspective() == null ? null : flag.perspective().name(), flag.kpi()));
        }
        TreeMap<String, PreviewReport.Flag> alerts = new TreeMap<>();
        for (Alert alert : assessment.alerts()) {
            alerts.put(alert.key(), new PreviewReport.Flag(alert.code(),
                    alert.perspective() == null ? null : alert.perspective().name(), alert.kpi()));
        }
        return new TerritoryOutcome(Decimals.round(assessment.overall().score(), 2),
                assessment.overall().status() == null ? null : assessment.overall().status().name(), flags, alerts);
    }
}
