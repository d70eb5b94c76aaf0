package io.territoryscorecard.measurement;

import io.territoryscorecard.account.AccessScope;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Completeness and freshness of a period's measurements before it is evaluated (see {@link DataQualityReport}); the
 * nightly evaluation checks it against its minimum, and the per-territory numbers tell alerts which territories' data
 * is incomplete.
 */
@Service
public class DataQualityReports {

    /**
     * Every territory: the period's measurements counted per territory in one pass over them, several times faster
     * for 100,000 territories (the alerts of an evaluation, the nightly check) than looking up each territory's.
     */
    private static final String EVERY_TERRITORY = """
            SELECT t.code, t.name, r.code AS region,
                   COALESCE(m.present, 0) AS present,
                   COALESCE(m.empty_actual, 0) AS empty_actual,
                   COALESCE(m.invalid, 0) AS invalid,
                   m.last_updated
              FROM territory t
              JOIN region r ON r.id = t.region_id
              LEFT JOIN (SELECT territory_id, COUNT(*) AS present,
                                SUM(CASE WHEN actual IS NULL THEN 1 ELSE 0 END) AS empty_actual,
                                SUM(CASE WHEN actual IS NOT NULL AND (target IS NULL OR target <= 0 OR actual < 0)
                                         THEN 1 ELSE 0 END) AS invalid,
                                MAX(updated_at) AS last_updated
                           FROM measurement
                          WHERE period = :period
                          GROUP BY territory_id) m ON m.territory_id = t.id
             WHERE """ + AccessScope.SQL_CONDITION + """
             ORDER BY t.code
            """;

    /** The territories of a scope (a few of them): each territory's measurements looked up. */
    private static final String SCOPED = """
            SELECT t.code, t.name, r.code AS region,
                   COUNT(m.id) AS present,
                   SUM(CASE WHEN m.id IS NOT NULL AND m.actual IS NULL THEN 1 ELSE 0 END) AS empty_actual,
                   SUM(CASE WHEN m.actual IS NOT NULL AND (m.target IS NULL OR m.target <= 0 OR m.actual < 0)
                            THEN 1 ELSE 0 END) AS invalid,
                   MAX(m.updated_at) AS last_updated
              FROM territory t
              JOIN region r ON r.id = t.region_id
              LEFT JOIN measurement m ON m.territory_id = t.id AND m.period = :period
             WHERE """ + AccessScope.SQL_CONDITION + """
             GROUP BY t.id, t.code, t.name, r.code
             ORDER BY t.code
            """;

    private final JdbcClient jdbc;

    DataQualityReports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The period's report for the territories of the scope. */
    @Transactional(readOnly = true)
    public DataQualityReport report(Period period, AccessScope scope) {
        int kpis = jdbc.sql("SELECT COUNT(*) FROM kpi").query(Integer.class).single();
        List<DataQualityReport.TerritoryQuality> territories = scope.bind(
                        jdbc.sql(scope.everything() ? EVERY_TERRITORY : SCOPED)).param("period", period.toString())
                .query((rs, n) -> {
                    int present = rs.getInt("present");
                    int empty = rs.getInt("empty_actual");
                    int invalid = rs.getInt("invalid");
                    int measured = present - empty;
                    int valid = measured - invalid;
                    return new DataQualityReport.TerritoryQuality(rs.getString("code"), rs.getString("name"),
                            rs.getString("region"), kpis, measured, valid, Math.max(0, kpis - present), empty,
                            invalid, DataQualityReport.share(valid, kpis),
                            rs.getObject("last_updated", LocalDateTime.class));
                }).list();
        long expected = (long) kpis * territories.size();
        long measured = 0;
        long valid = 0;
        long missing = 0;
        long empty = 0;
        long invalid = 0;
        LocalDateTime lastUpdated = null;
        for (DataQualityReport.TerritoryQuality t : territories) {
            measured += t.measured();
            valid += t.valid();
            missing += t.missing();
            empty += t.emptyActual();
            invalid += t.invalid();
            if (t.lastUpdated() != null && (lastUpdated == null || t.lastUpdated().isAfter(lastUpdated))) {
                lastUpdated = t.lastUpdated();
            }
        }
        return new DataQualityReport(period.toString(), territories.size(), kpis, expected, measured, valid, missing,
                empty, invalid, DataQualityReport.share(valid, expected), lastUpdated, territories);
    }

    /** The latest period that has measurements. */
    @Transactional(readOnly = true)
    public Optional<Period> latestPeriod() {
        return jdbc.sql("SELECT MAX(period) FROM measurement").query(String.class).optional().map(Period::parse);
    }
}
