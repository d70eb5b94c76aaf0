package io.territoryscorecard.evaluation;

import io.territoryscorecard.ruleset.TerritoryAssessment;
import java.util.List;

/**
 * How many result rows of each kind a run stored. The alert requests are counted for the log and the benchmark only:
 * {@code evaluation_run} has no column for them.
 */
record ResultCounts(int kpiAssessments, int perspectiveScores, int territoryScores, int improvementFlags,
        int alertRequests) {

    static final ResultCounts NONE = new ResultCounts(0, 0, 0, 0, 0);

    static ResultCounts of(List<TerritoryAssessment> assessments) {
        int kpis = 0;
        int perspectives = 0;
        int flags = 0;
        int alerts = 0;
        for (TerritoryAssessment a : assessments) {
            kpis += a.kpis().size();
            perspectives += a.perspectives().size();
            flags += a.flags().size();
            alerts += a.alerts().size();
        }
        return new ResultCounts(kpis, perspectives, assessments.size(), flags, alerts);
    }

    ResultCounts plus(ResultCounts other) {
        return new ResultCounts(kpiAssessments + other.kpiAssessments, perspectiveScores + other.perspectiveScores,
                territoryScores + other.territoryScores, improvementFlags + other.improvementFlags,
                alertRequests + other.alertRequests);
    }
}
