package io.territoryscorecard.evaluation;

import io.territoryscorecard.ruleset.TerritoryAssessment;
import java.util.List;

/** How many result rows of each kind a run stored. */
record ResultCounts(int kpiAssessments, int perspectiveScores, int territoryScores, int improvementFlags) {

    static final ResultCounts NONE = new ResultCounts(0, 0, 0, 0);

    static ResultCounts of(List<TerritoryAssessment> assessments) {
        int kpis = 0;
        int perspectives = 0;
        int flags = 0;
        for (TerritoryAssessment a : assessments) {
            kpis += a.kpis().size();
            perspectives += a.perspectives().size();
            flags += a.flags().size();
        }
        return new ResultCounts(kpis, perspectives, assessments.size(), flags);
    }

    ResultCounts plus(ResultCounts other) {
        return new ResultCounts(kpiAssessments + other.kpiAssessments, perspectiveScores + other.perspectiveScores,
                territoryScores + other.territoryScores, improvementFlags + other.improvementFlags);
    }
}
