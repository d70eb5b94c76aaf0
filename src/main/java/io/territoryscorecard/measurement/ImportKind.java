package io.territoryscorecard.measurement;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What an import file holds, with the columns its header must have (in any order). */
public enum ImportKind {

    /** Regions, territories and their managers. */
    ORGANISATION("organisation", List.of("region_code", "region_name", "region_manager_email", "territory_code",
            "territory_name", "manager_name", "manager_email")),
    /** Actual and target per territory, month and KPI. */
    MEASUREMENTS("measurements", List.of("territory_code", "period", "kpi_code", "actual", "target")),
    /** New KPIs and changes to existing ones. */
    KPIS("kpis", List.of("kpi_code", "name", "perspective", "direction", "unit"));

    private final String word;
    private final List<String> columns;

    ImportKind(String word, List<String> columns) {
        this.word = word;
        this.columns = columns;
    }

    /** The word used in URLs and on the command line: organisation, measurements, kpis. */
    public String word() {
        return word;
    }

    public List<String> columns() {
        return columns;
    }

    /** Parses the word; anything else is rejected with the list of kinds. */
    public static ImportKind of(String word) {
        String wanted = word == null ? "" : word.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(kind -> kind.word.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown import kind '" + word + "': use "
                        + String.join(", ", Arrays.stream(values()).map(ImportKind::word).toList())));
    }
}
