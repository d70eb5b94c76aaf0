package io.territoryscorecard.measurement;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * How complete and fresh a period's measurements are, for the territories of one access scope. Expected are
 * territories x catalogue KPIs; each is either missing (no row), without actual (not measured), invalid (an actual,
 * but a target that is empty or not above zero, or a negative actual: the evaluation flags these INVALID_DATA) or
 * valid. Completeness is valid / expected, cut (not rounded) to four decimals; null when nothing is expected.
 * {@code lastUpdated} is when the data last changed (the newest {@code updated_at}), per territory and overall.
 */
public record DataQualityReport(String period, int territories, int kpis, long expected, long measured, long valid,
        long missing, long emptyActual, long invalid, BigDecimal completeness, LocalDateTime lastUpdated,
        List<TerritoryQuality> byTerritory) {

    /** One territory's numbers; {@link #complete()} when every catalogue KPI has a valid measurement. */
    public record TerritoryQuality(String territory, String name, String region, int expected, int measured,
            int valid, int missing, int emptyActual, int invalid, BigDecimal completeness,
            LocalDateTime lastUpdated) {

        public boolean complete() {
            return valid == expected;
        }
    }

    static BigDecimal share(long part, long whole) {
        return whole == 0 ? null
                : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.DOWN);
    }

    /** Whether valid / expected is at least {@code minimum} (compared exactly; false when nothing is expected). */
    public boolean meets(BigDecimal minimum) {
        return expected > 0 && BigDecimal.valueOf(valid).compareTo(minimum.multiply(BigDecimal.valueOf(expected))) >= 0;
    }

    /** The territories that are not complete, least complete first (then by code), at most {@code limit}. */
    public List<TerritoryQuality> leastComplete(int limit) {
        return byTerritory.stream().filter(t -> !t.complete())
                .sorted(Comparator.comparing(TerritoryQuality::completeness, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(TerritoryQuality::territory))
                .limit(limit).toList();
    }

    /** The territories whose data changed longest ago (never first), at most {@code limit}. */
    public List<TerritoryQuality> stalest(int limit) {
        return byTerritory.stream()
                .sorted(Comparator.comparing(TerritoryQuality::lastUpdated, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(TerritoryQuality::territory))
                .limit(limit).toList();
    }

    /** For logs and the audit trail: "97.08% complete: 699 of 720 valid (8 missing, 4 without actual, 9 invalid)". */
    public String describe() {
        String percent = completeness == null ? "nothing expected"
                : completeness.movePointRight(2).stripTrailingZeros().toPlainString() + "% complete";
        return String.format(Locale.ROOT, "%s: %d of %d valid (%d missing, %d without actual, %d invalid) in %d "
                + "territories x %d KPIs", percent, valid, expected, missing, emptyActual, invalid, territories, kpis);
    }
}
