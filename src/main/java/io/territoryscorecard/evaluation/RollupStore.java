package io.territoryscorecard.evaluation;

import io.territoryscorecard.ruleset.fact.Perspective;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Stores a run's roll-ups, per region and for the company, from the scores the run stored: sums, counts and the
 * lowest score come from SQL, exact, and only the division is done here. The company figure is made from all
 * territories (not from the region figures), so a small region counts as much per territory as a large one.
 */
@Repository
class RollupStore {

    private static final String COMPANY = "COMPANY";
    private static final String REGION = "REGION";

    private final JdbcClient jdbc;

    RollupStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes the run's roll-ups; call it in the transaction that completes the run. */
    void store(long runId, RollupRules rules) {
        Map<Long, Figure> regions = new TreeMap<>();
        jdbc.sql("""
                SELECT t.region_id, COUNT(*) AS territories, COUNT(ts.score) AS scored, SUM(ts.score) AS total,
                       SUM(CASE WHEN ts.status = 'GREEN' THEN 1 ELSE 0 END) AS green,
                       SUM(CASE WHEN ts.status = 'AMBER' THEN 1 ELSE 0 END) AS amber,
                       SUM(CASE WHEN ts.status = 'RED' THEN 1 ELSE 0 END) AS red,
                       SUM(CASE WHEN ts.score IS NULL THEN 1 ELSE 0 END) AS unscored
                  FROM territory_score ts
                  JOIN territory t ON t.id = ts.territory_id
                 WHERE ts.evaluation_run_id = :run
                 GROUP BY t.region_id
                """).param("run", runId).query(rs -> {
                    regions.put(rs.getLong("region_id"), new Figure(new Sum(rs.getBigDecimal("total"),
                            rs.getLong("scored")), rs.getInt("territories"), rs.getInt("green"), rs.getInt("amber"),
                            rs.getInt("red"), rs.getInt("unscored")));
                });
        jdbc.sql("""
                SELECT t.region_id, ps.perspective, COUNT(*) AS scored, SUM(ps.score) AS total
                  FROM perspective_score ps
                  JOIN territory t ON t.id = ps.territory_id
                 WHERE ps.evaluation_run_id = :run
                 GROUP BY t.region_id, ps.perspective
                """).param("run", runId).query(rs -> {
                    Figure region = regions.get(rs.getLong("region_id"));
                    if (region != null) {
                        region.perspectives.put(Perspective.valueOf(rs.getString("perspective")),
                                new Sum(rs.getBigDecimal("total"), rs.getLong("scored")));
                    }
                });
        // the lowest overall score of each region, ties by territory code: the first row per region
        jdbc.sql("""
                SELECT t.region_id, t.id, t.code, ts.score
                  FROM territory_score ts
                  JOIN territory t ON t.id = ts.territory_id
                 WHERE ts.evaluation_run_id = :run
                   AND ts.score = (SELECT MIN(low.score)
                                     FROM territory_score low
                                     JOIN territory lt ON lt.id = low.territory_id
                                    WHERE low.evaluation_run_id = :run AND lt.region_id = t.region_id)
                 ORDER BY t.region_id, t.code
                """).param("run", runId).query(rs -> {
                    Figure region = regions.get(rs.getLong("region_id"));
                    if (region != null && region.worst == null) {
                        region.worst = new Worst(rs.getLong("id"), rs.getString("code"), rs.getBigDecimal("score"));
                    }
                });

        Figure company = new Figure(new Sum(BigDecimal.ZERO, 0), 0, 0, 0, 0, 0);
        for (Figure region : regions.values()) {
            company = company.plus(region);
        }
        insert(runId, COMPANY, null, company, rules);
        regions.forEach((regionId, region) -> insert(runId, REGION, regionId, region, rules));
    }

    private void insert(long runId, String scope, Long regionId, Figure figure, RollupRules rules) {
        BigDecimal score = rules.score(figure.overall.total, figure.overall.count);
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO rollup (evaluation_run_id, scope, scope_key, region_id, method, score, status, territories,
                                    green, amber, red, unscored, worst_territory_id, worst_score)
                VALUES (:run, :scope, :key, :region, :method, :score, :status, :territories, :green, :amber, :red,
                        :unscored, :worst, :worstScore)
                """)
                .param("run", runId).param("scope", scope).param("key", regionId == null ? COMPANY : regionId.toString())
                .param("region", regionId).param("method", rules.method()).param("score", score)
                .param("status", rules.status(score)).param("territories", figure.territories)
                .param("green", figure.green).param("amber", figure.amber).param("red", figure.red)
                .param("unscored", figure.unscored)
                .param("worst", figure.worst == null ? null : figure.worst.territoryId())
                .param("worstScore", figure.worst == null ? null : figure.worst.score())
                .update(keys, "id");
        long rollupId = keys.getKey().longValue();
        figure.perspectives.forEach((perspective, sum) -> {
            BigDecimal perspectiveScore = rules.score(sum.total, sum.count);
            jdbc.sql("""
                    INSERT INTO rollup_perspective (rollup_id, perspective, score, status, territories)
                    VALUES (:rollup, :perspective, :score, :status, :territories)
                    """)
                    .param("rollup", rollupId).param("perspective", perspective.name()).param("score", perspectiveScore)
                    .param("status", rules.status(perspectiveScore)).param("territories", sum.count).update();
        });
    }

    /** Removes the roll-ups of a run (a run that did not complete has none; this is for safety). */
    void delete(long runId) {
        jdbc.sql("DELETE FROM rollup_perspective WHERE rollup_id IN (SELECT id FROM rollup WHERE evaluation_run_id = :run)")
                .param("run", runId).update();
        jdbc.sql("DELETE FROM rollup WHERE evaluation_run_id = :run").param("run", runId).update();
    }

    private record Sum(BigDecimal total, long count) {

        Sum {
            total = total == null ? BigDecimal.ZERO : total;
        }

        Sum plus(Sum other) {
            return new Sum(total.add(other.total), count + other.count);
        }
    }

    private record Worst(long territoryId, String code, BigDecimal score) {

        static final Comparator<Worst> ORDER = Comparator.comparing(Worst::score).thenComparing(Worst::code);
    }

    /** The sums and counts of a region (or of the company) before the division. */
    private static final class Figure {

        final Sum overall;
        final int territories;
        final int green;
        final int amber;
        final int red;
        final int unscored;
        /** In the order of the perspectives (as the API lists them). */
        final Map<Perspective, Sum> perspectives = new TreeMap<>();
        Worst worst;

        Figure(Sum overall, int territories, int green, int amber, int red, int unscored) {
            this.overall = overall;
            this.territories = territories;
            this.green = green;
            this.amber = amber;
            this.red = red;
            this.unscored = unscored;
        }

        Figure plus(Figure region) {
            Figure sum = new Figure(overall.plus(region.overall), territories + region.territories,
                    green + region.green, amber + region.amber, red + region.red, unscored + region.unscored);
            Map<Perspective, Sum> perspectiveSums = new LinkedHashMap<>(perspectives);
            region.perspectives.forEach((perspective, s) -> perspectiveSums.merge(perspective, s, Sum::plus));
            sum.perspectives.putAll(perspectiveSums);
            List<Worst> worst = new ArrayList<>();
            if (this.worst != null) {
                worst.add(this.worst);
            }
            if (region.worst != null) {
                worst.add(region.worst);
            }
            sum.worst = worst.stream().min(Worst.ORDER).orElse(null);
            return sum;
        }
    }
}
