package io.territoryscorecard.workbench;

import io.territoryscorecard.scorecard.ScorecardOverview;
import io.territoryscorecard.scorecard.ScorecardOverview.TerritoryLine;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A period's current results beside its restatement with another ruleset version, territory by territory: those whose
 * overall status differs first, then the rest, each group by territory code.
 *
 * @param statusChanges how many territories have another overall status in the restatement
 */
record RestatementComparison(ScorecardOverview current, ScorecardOverview restated, List<Line> lines,
        long statusChanges) {

    /** One territory in both results; a side is null when that result does not contain the territory. */
    record Line(String territory, String territoryName, String region, BigDecimal currentScore, String currentStatus,
            BigDecimal restatedScore, String restatedStatus) {

        public boolean statusDiffers() {
            return !Objects.equals(currentStatus, restatedStatus);
        }

        /** restated - current, null when either score is missing. */
        public BigDecimal delta() {
            return currentScore == null || restatedScore == null ? null : restatedScore.subtract(currentScore);
        }

        /** "+1.25", "-3.00", "0.00" or "" when a score is missing. */
        public String signedDelta() {
            BigDecimal delta = delta();
            return delta == null ? "" : (delta.signum() > 0 ? "+" : "") + delta.toPlainString();
        }
    }

    static RestatementComparison of(ScorecardOverview current, ScorecardOverview restated) {
        Map<String, TerritoryLine> before = byCode(current);
        Map<String, TerritoryLine> after = byCode(restated);
        TreeSet<String> codes = new TreeSet<>(before.keySet());
        codes.addAll(after.keySet());
        List<Line> lines = codes.stream().map(code -> {
            TerritoryLine a = before.get(code);
            TerritoryLine b = after.get(code);
            TerritoryLine named = a != null ? a : b;
            return new Line(code, named.territoryName(), named.region(), a == null ? null : a.overall().score(),
                    a == null ? null : a.overall().status(), b == null ? null : b.overall().score(),
                    b == null ? null : b.overall().status());
        }).sorted(Comparator.comparing((Line line) -> !line.statusDiffers()).thenComparing(Line::territory)).toList();
        return new RestatementComparison(current, restated, lines, lines.stream().filter(Line::statusDiffers).count());
    }

    private static Map<String, TerritoryLine> byCode(ScorecardOverview overview) {
        return overview.territories().stream().collect(Collectors.toMap(TerritoryLine::territory, Function.identity()));
    }
}
