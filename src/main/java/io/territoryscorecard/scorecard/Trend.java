package io.territoryscorecard.scorecard;

import io.territoryscorecard.scorecard.ScorecardOverview.PerspectiveScore;
import io.territoryscorecard.scorecard.ScorecardOverview.Score;
import java.math.BigDecimal;
import java.util.List;

/**
 * How a territory's scores moved over the periods up to {@code to}: each evaluated period's current overall and
 * perspective scores and how many improvement flags it had. Periods that were not evaluated are left out.
 */
public record Trend(String territory, String territoryName, String from, String to, List<Point> periods) {

    /** @param change the overall score minus the previous listed period's, when both have one */
    public record Point(String period, Score overall, BigDecimal change, List<PerspectiveScore> perspectives,
            int flags, int highFlags) {

        /** The perspective's score in this period, or null when it had none. */
        public BigDecimal scoreOf(String perspective) {
            return perspectives.stream().filter(p -> p.code().equals(perspective)).map(PerspectiveScore::score)
                    .findFirst().orElse(null);
        }
    }
}
