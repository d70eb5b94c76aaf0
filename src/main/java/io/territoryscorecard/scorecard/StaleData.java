package io.territoryscorecard.scorecard;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;

/**
 * Results that no longer match their data: measurements changed after the run that produced the results read them.
 * Re-evaluating the period makes them current again.
 *
 * @param measurementsChanged how many measurement rows (territory, KPI) changed
 * @param since when the run read the data (its snapshot)
 * @param lastChangedAt when the newest of those changes was made
 */
public record StaleData(int measurementsChanged, LocalDateTime since, LocalDateTime lastChangedAt) {

    /** "data changed since this evaluation: 3 measurements", as the pages say it. */
    public String describe() {
        return "data changed since this evaluation: " + measurementsChanged
                + (measurementsChanged == 1 ? " measurement" : " measurements");
    }

    /** The sum over territories; null when none of them is stale. */
    static StaleData total(Collection<StaleData> territories) {
        if (territories.isEmpty()) {
            return null;
        }
        return new StaleData(territories.stream().mapToInt(StaleData::measurementsChanged).sum(),
                territories.stream().map(StaleData::since).filter(Objects::nonNull).findFirst().orElse(null),
                territories.stream().map(StaleData::lastChangedAt).filter(Objects::nonNull)
                        .max(Comparator.naturalOrder()).orElse(null));
    }
}
