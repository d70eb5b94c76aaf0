package io.territoryscorecard.scorecard;

import io.territoryscorecard.account.AccessScope;
import io.territoryscorecard.measurement.Period;
import io.territoryscorecard.scorecard.RollupReport.Figure;
import io.territoryscorecard.scorecard.RollupReport.PerspectiveFigure;
import io.territoryscorecard.scorecard.RollupReport.Worst;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the roll-ups the evaluation stored with a period's results. A caller whose scope is not everything sees the
 * regions whose every territory is in their scope (a region manager: their region; a manager of some territories of
 * a region: none of it, since its figures would speak of territories they may not see) and the company figure, whose
 * worst territory is named only when it is in their scope.
 */
@Service
public class Rollups {

    private final JdbcClient jdbc;
    private final Scorecards scorecards;

    Rollups(JdbcClient jdbc, Scorecards scorecards) {
        this.jdbc = jdbc;
        this.scorecards = scorecards;
    }

    /**
     * The roll-ups of the period's results of a ruleset version (null: the current results); empty when the period
     * has no such results, or when they were stored before roll-ups existed (then the company figure is missing).
     */
    @Transactional(readOnly = true)
    public Optional<RollupReport> rollups(Period period, Long rulesetVersionId, AccessScope scope) {
        return scorecards.resultRun(period, rulesetVersionId).flatMap(run -> {
            Map<Long, List<PerspectiveFigure>> perspectives = new HashMap<>();
            jdbc.sql("""
                    SELECT rp.rollup_id, rp.perspective, rp.score, rp.status, rp.territories
                      FROM rollup_perspective rp
                      JOIN rollup ru ON ru.id = rp.rollup_id
                     WHERE ru.evaluation_run_id = :run
                     ORDER BY rp.id
                    """).param("run", run.id()).query(rs -> {
                        perspectives.computeIfAbsent(rs.getLong("rollup_id"), id -> new ArrayList<>())
                                .add(new PerspectiveFigure(rs.getString("perspective"), rs.getBigDecimal("score"),
                                        rs.getString("status"), rs.getInt("territories")));
                    });
            String select = """
                    SELECT ru.id, ru.method, r.code AS region_code, r.name AS region_name, ru.score, ru.status,
                           ru.territories, ru.green, ru.amber, ru.red, ru.unscored, ru.worst_territory_id,
                           wt.code AS worst_code, ru.worst_score
                      FROM rollup ru
                      LEFT JOIN region r ON r.id = ru.region_id
                      LEFT JOIN territory wt ON wt.id = ru.worst_territory_id
                     WHERE ru.evaluation_run_id = :run
                    """;
            String[] method = new String[1];
            Optional<Figure> company = jdbc.sql(select + " AND ru.scope = 'COMPANY'").param("run", run.id())
                    .query((rs, n) -> {
                        method[0] = rs.getString("method");
                        long worstId = rs.getLong("worst_territory_id");
                        boolean named = !rs.wasNull() && inScope(worstId, scope);
                        return figure(rs, perspectives, named);
                    }).optional();
            if (company.isEmpty()) {
                return Optional.empty();
            }
            List<Figure> regions = scope.bind(jdbc.sql(select + """
                       AND ru.scope = 'REGION'
                       AND (SELECT COUNT(*) FROM territory t WHERE t.region_id = r.id AND """
                    + AccessScope.SQL_CONDITION + """
                           ) = (SELECT COUNT(*) FROM territory every WHERE every.region_id = r.id)
                     ORDER BY r.code
                    """)).param("run", run.id()).query((rs, n) -> figure(rs, perspectives, true)).list();
            return Optional.of(new RollupReport(period.toString(), run.label(), run.versionId(), run.id(),
                    run.purpose(), method[0], company.get(), regions));
        });
    }

    private boolean inScope(long territoryId, AccessScope scope) {
        return scope.bind(jdbc.sql("""
                SELECT COUNT(*) FROM territory t JOIN region r ON r.id = t.region_id
                 WHERE t.id = :territory AND """ + AccessScope.SQL_CONDITION))
                .param("territory", territoryId).query(Integer.class).single() > 0;
    }

    private static Figure figure(java.sql.ResultSet rs, Map<Long, List<PerspectiveFigure>> perspectives,
            boolean nameWorst) throws java.sql.SQLException {
        String worst = rs.getString("worst_code");
        return new Figure(rs.getString("region_code"), rs.getString("region_name"), rs.getBigDecimal("score"),
                rs.getString("status"), perspectives.getOrDefault(rs.getLong("id"), List.of()),
                rs.getInt("territories"), rs.getInt("green"), rs.getInt("amber"), rs.getInt("red"),
                rs.getInt("unscored"), worst == null || !nameWorst ? null
                        : new Worst(worst, rs.getBigDecimal("worst_score")));
    }
}
