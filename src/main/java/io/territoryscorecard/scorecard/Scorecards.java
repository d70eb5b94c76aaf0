package io.territoryscorecard.scorecard;

import io.territoryscorecard.account.AccessScope;
import io.territoryscorecard.measurement.Period;
import io.territoryscorecard.scorecard.Scorecard.FlagLine;
import io.territoryscorecard.scorecard.Scorecard.KpiLine;
import io.territoryscorecard.scorecard.Scorecard.PerspectiveLine;
import io.territoryscorecard.scorecard.ScorecardOverview.PerspectiveScore;
import io.territoryscorecard.scorecard.ScorecardOverview.Score;
import io.territoryscorecard.scorecard.ScorecardOverview.TerritoryLine;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a period's current results: the rows of the run that {@code period_result} points to, limited to the
 * territories of the caller's {@link AccessScope}. Each read runs in one read-only transaction, so it sees one run
 * even while a new run of the period completes. Naming a ruleset version reads the period's results under that
 * version instead: its restatement ({@code period_restatement}), or the current results when they used it.
 */
@Service
public class Scorecards {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Scorecards(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * The default period of every page and API that takes one: the latest period whose current results came from
     * measurements, that is whose run assessed at least one KPI with a measured actual. A period evaluated without
     * measurements (by mistake, before evaluations of such periods were refused) has only "no data" results and is
     * passed over, so it does not become everyone's home page.
     */
    @Transactional(readOnly = true)
    public Optional<Period> latestPeriod() {
        return jdbc.sql("""
                SELECT MAX(pr.period) FROM period_result pr
                 WHERE EXISTS (SELECT 1 FROM kpi_assessment a
                                WHERE a.evaluation_run_id = pr.evaluation_run_id AND a.actual IS NOT NULL)
                """).query(String.class).optional().map(Period::parse);
    }

    /** Whether the period has results of the ruleset version (null: current results). */
    @Transactional(readOnly = true)
    public boolean hasResults(Period period, Long rulesetVersionId) {
        return resultRun(period, rulesetVersionId).isPresent();
    }

    /** The period's current results and every restatement of it, current first, then by version. */
    @Transactional(readOnly = true)
    public List<PeriodResults> results(Period period) {
        String select = """
                SELECT er.id AS evaluation_run_id, er.purpose, v.id AS ruleset_version_id, v.label AS ruleset_version,
                       er.requested_by, er.finished_at, p.updated_at
                """;
        List<PeriodResults> results = new ArrayList<>(jdbc.sql(select + """
                  FROM period_result p
                  JOIN evaluation_run er ON er.id = p.evaluation_run_id
                  JOIN ruleset_version v ON v.id = er.ruleset_version_id
                 WHERE p.period = :period
                """).param("period", period.toString()).query(PeriodResults.class).list());
        results.addAll(jdbc.sql(select + """
                  FROM period_restatement p
                  JOIN evaluation_run er ON er.id = p.evaluation_run_id
                  JOIN ruleset_version v ON v.id = er.ruleset_version_id
                 WHERE p.period = :period
                 ORDER BY v.id
                """).param("period", period.toString()).query(PeriodResults.class).list());
        return results;
    }

    @Transactional(readOnly = true)
    public Optional<ScorecardOverview> overview(Period period, AccessScope scope) {
        return overview(period, null, scope);
    }

    /** The overview of the period's results of a ruleset version (null: the current results). */
    @Transactional(readOnly = true)
    public Optional<ScorecardOverview> overview(Period period, Long rulesetVersionId, AccessScope scope) {
        return resultRun(period, rulesetVersionId).map(run -> {
            Map<Long, List<PerspectiveScore>> perspectives = new HashMap<>();
            jdbc.sql("""
                    SELECT territory_id, perspective, score, status, weight
                      FROM perspective_score WHERE evaluation_run_id = :run
                     ORDER BY territory_id, weight DESC, perspective
                    """).param("run", run.id()).query(rs -> {
                        perspectives.computeIfAbsent(rs.getLong("territory_id"), id -> new ArrayList<>())
                                .add(new PerspectiveScore(rs.getString("perspective"), rs.getBigDecimal("score"),
                                        rs.getString("status"), rs.getBigDecimal("weight")));
                    });
            Map<Long, StaleData> changed = changedSince(run.id(), period, scope, null);
            List<TerritoryLine> lines = scope.bind(jdbc.sql("""
                    SELECT t.id, t.code, t.name, r.code AS region, ts.score, ts.status
                      FROM territory_score ts
                      JOIN territory t ON t.id = ts.territory_id
                      JOIN region r ON r.id = t.region_id
                     WHERE ts.evaluation_run_id = :run AND """ + AccessScope.SQL_CONDITION + """
                     ORDER BY t.code
                    """)).param("run", run.id()).query((rs, n) -> new TerritoryLine(rs.getString("code"),
                            rs.getString("name"), rs.getString("region"),
                            new Score(rs.getBigDecimal("score"), rs.getString("status")),
                            perspectives.getOrDefault(rs.getLong("id"), List.of()),
                            changed.get(rs.getLong("id")))).list();
            return new ScorecardOverview(period.toString(), run.label(), run.versionId(), run.id(), run.purpose(),
                    StaleData.total(changed.values()), lines);
        });
    }

    @Transactional(readOnly = true)
    public Optional<Scorecard> scorecard(String territoryCode, Period period, AccessScope scope) {
        return scorecard(territoryCode, period, null, scope);
    }

    /** A territory's scorecard from the period's results of a ruleset version (null: the current results). */
    @Transactional(readOnly = true)
    public Optional<Scorecard> scorecard(String territoryCode, Period period, Long rulesetVersionId,
            AccessScope scope) {
        Optional<ResultRun> found = resultRun(period, rulesetVersionId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ResultRun run = found.get();
        return scope.bind(jdbc.sql("""
                SELECT t.id, t.code, t.name, r.code AS region, ts.score, ts.status, ts.explanation
                  FROM territory_score ts
                  JOIN territory t ON t.id = ts.territory_id
                  JOIN region r ON r.id = t.region_id
                 WHERE ts.evaluation_run_id = :run AND t.code = :code AND """ + AccessScope.SQL_CONDITION))
                .param("run", run.id()).param("code", territoryCode)
                .query((rs, n) -> new Head(rs.getLong("id"), rs.getString("code"), rs.getString("name"),
                        rs.getString("region"), new Scorecard.Overall(rs.getBigDecimal("score"), rs.getString("status"),
                                tree(rs.getString("explanation")))))
                .optional()
                .map(head -> new Scorecard(head.code(), head.name(), head.region(), period.toString(), run.label(),
                        run.versionId(), run.id(), run.purpose(), head.overall(),
                        changedSince(run.id(), period, scope, head.id()).get(head.id()),
                        perspectives(run.id(), head.id()), kpis(run.id(), head.id()), flags(run.id(), head.id())));
    }

    /**
     * The territory's current results of the {@code months} periods up to and including {@code to}, oldest first;
     * empty when the territory does not exist or is outside the scope.
     */
    @Transactional(readOnly = true)
    public Optional<Trend> trend(String territoryCode, Period to, int months, AccessScope scope) {
        Period from = to.minusMonths(months - 1);
        return scope.bind(jdbc.sql("""
                SELECT t.id, t.name FROM territory t JOIN region r ON r.id = t.region_id
                 WHERE t.code = :code AND """ + AccessScope.SQL_CONDITION))
                .param("code", territoryCode)
                .query((rs, n) -> Map.entry(rs.getLong("id"), rs.getString("name"))).optional()
                .map(territory -> new Trend(territoryCode, territory.getValue(), from.toString(), to.toString(),
                        points(territory.getKey(), from, to)));
    }

    /**
     * The GREEN and AMBER score limits an evaluation run judged by, from the bands its stored overall and perspective
     * explanations name.
     */
    @Transactional(readOnly = true)
    public ScoreLimits scoreLimits(long evaluationRunId) {
        ScoreLimits[] limits = {ScoreLimits.NONE};
        jdbc.sql("""
                SELECT explanation FROM territory_score WHERE evaluation_run_id = :run
                UNION ALL
                SELECT explanation FROM perspective_score WHERE evaluation_run_id = :run""")
                .param("run", evaluationRunId)
                .query(rs -> {
                    String text = rs.getString("explanation");
                    if (text != null && (limits[0].green() == null || limits[0].amber() == null)) {
                        JsonNode band = tree(text).path("band");
                        limits[0] = limits[0].with(textOf(band.path("status")), textOf(band.path("rule")));
                    }
                });
        return limits[0];
    }

    private List<Trend.Point> points(long territoryId, Period from, Period to) {
        Map<String, List<PerspectiveScore>> perspectives = new HashMap<>();
        jdbc.sql("""
                SELECT p.period, ps.perspective, ps.score, ps.status, ps.weight
                  FROM period_result p
                  JOIN perspective_score ps ON ps.evaluation_run_id = p.evaluation_run_id AND ps.territory_id = :territory
                 WHERE p.period BETWEEN :from AND :to
                 ORDER BY ps.weight DESC, ps.perspective""")
                .param("territory", territoryId).param("from", from.toString()).param("to", to.toString())
                .query(rs -> {
                    perspectives.computeIfAbsent(rs.getString("period"), k -> new ArrayList<>())
                            .add(new PerspectiveScore(rs.getString("perspective"), rs.getBigDecimal("score"),
                                    rs.getString("status"), rs.getBigDecimal("weight")));
                });
        List<Trend.Point> points = new ArrayList<>();
        BigDecimal[] previous = {null};
        jdbc.sql("""
                SELECT p.period, ts.score, ts.status,
                       (SELECT COUNT(*) FROM improvement_flag f
                         WHERE f.evaluation_run_id = p.evaluation_run_id AND f.territory_id = ts.territory_id) AS flags,
                       (SELECT COUNT(*) FROM improvement_flag f
                         WHERE f.evaluation_run_id = p.evaluation_run_id AND f.territory_id = ts.territory_id
                           AND f.severity = 'HIGH') AS high_flags
                  FROM period_result p
                  JOIN territory_score ts ON ts.evaluation_run_id = p.evaluation_run_id AND ts.territory_id = :territory
                 WHERE p.period BETWEEN :from AND :to
                 ORDER BY p.period""")
                .param("territory", territoryId).param("from", from.toString()).param("to", to.toString())
                .query(rs -> {
                    BigDecimal score = rs.getBigDecimal("score");
                    String period = rs.getString("period");
                    points.add(new Trend.Point(period, new Score(score, rs.getString("status")),
                            score == null || previous[0] == null ? null : score.subtract(previous[0]),
                            perspectives.getOrDefault(period, List.of()), rs.getInt("flags"), rs.getInt("high_flags")));
                    previous[0] = score;
                });
        return points;
    }

    /**
     * The period's measurements that changed after the run read them, per territory of the scope (one territory when
     * {@code territoryId} is given); territories whose data is unchanged are absent. Changed means an
     * {@code updated_at} after the run's snapshot, or equal to the time of a measurement import that changed rows and
     * that the snapshot did not hold: both times are in whole seconds, so an import in the second of the snapshot
     * is told apart by its id, not its time.
     */
    private Map<Long, StaleData> changedSince(long runId, Period period, AccessScope scope, Long territoryId) {
        Map<Long, StaleData> changed = new HashMap<>();
        scope.bind(jdbc.sql("""
                SELECT m.territory_id, COUNT(*) AS changed, MAX(m.updated_at) AS last_changed, er.snapshot_at
                  FROM evaluation_run er
                  JOIN measurement m ON m.period = :period
                  JOIN territory t ON t.id = m.territory_id
                  JOIN region r ON r.id = t.region_id
                 WHERE er.id = :run AND m.territory_id BETWEEN :fromTerritory AND :toTerritory
                   AND (m.updated_at > er.snapshot_at
                        OR m.updated_at IN (SELECT i.applied_at FROM data_import i
                                             WHERE i.kind = 'MEASUREMENTS' AND i.id > COALESCE(er.snapshot_import_id, 0)
                                               AND i.rows_inserted + i.rows_updated > 0))
                   AND """ + AccessScope.SQL_CONDITION + """
                 GROUP BY m.territory_id, er.snapshot_at
                """)).param("run", runId).param("period", period.toString())
                .param("fromTerritory", territoryId == null ? Long.MIN_VALUE : territoryId)
                .param("toTerritory", territoryId == null ? Long.MAX_VALUE : territoryId)
                .query(rs -> {
                    changed.put(rs.getLong("territory_id"), new StaleData(rs.getInt("changed"),
                            rs.getObject("snapshot_at", LocalDateTime.class),
                            rs.getObject("last_changed", LocalDateTime.class)));
                });
        return changed;
    }

    private List<PerspectiveLine> perspectives(long runId, long territoryId) {
        return jdbc.sql("""
                SELECT perspective, score, status, weight, explanation
                  FROM perspective_score WHERE evaluation_run_id = :run AND territory_id = :territory
                 ORDER BY weight DESC, perspective
                """).param("run", runId).param("territory", territoryId)
                .query((rs, n) -> new PerspectiveLine(rs.getString("perspective"), rs.getBigDecimal("score"),
                        rs.getString("status"), rs.getBigDecimal("weight"), tree(rs.getString("explanation"))))
                .list();
    }

    private List<KpiLine> kpis(long runId, long territoryId) {
        return jdbc.sql("""
                SELECT a.kpi_code, k.name, k.perspective, k.unit, k.direction, a.data_quality, a.actual, a.target,
                       a.attainment, a.status, a.score, a.weight, a.explanation
                  FROM kpi_assessment a
                  JOIN kpi k ON k.code = a.kpi_code
                 WHERE a.evaluation_run_id = :run AND a.territory_id = :territory
                 ORDER BY k.display_order, k.code
                """).param("run", runId).param("territory", territoryId)
                .query((rs, n) -> new KpiLine(rs.getString("kpi_code"), rs.getString("name"),
                        rs.getString("perspective"), rs.getString("unit"), rs.getString("direction"),
                        rs.getString("data_quality"),
                        plain(rs.getBigDecimal("actual")), plain(rs.getBigDecimal("target")),
                        rs.getBigDecimal("attainment"), rs.getString("status"), rs.getBigDecimal("score"),
                        plain(rs.getBigDecimal("weight")), tree(rs.getString("explanation"))))
                .list();
    }

    private List<FlagLine> flags(long runId, long territoryId) {
        return jdbc.sql("""
                SELECT code, severity, message, perspective, kpi_code, explanation
                  FROM improvement_flag WHERE evaluation_run_id = :run AND territory_id = :territory
                 ORDER BY CASE severity WHEN 'HIGH' THEN 0 WHEN 'MEDIUM' THEN 1 ELSE 2 END, flag_key
                """).param("run", runId).param("territory", territoryId)
                .query((rs, n) -> new FlagLine(rs.getString("code"), rs.getString("severity"), rs.getString("message"),
                        rs.getString("perspective"), rs.getString("kpi_code"),
                        rules(tree(rs.getString("explanation")))))
                .list();
    }

    /**
     * The run whose rows are the period's results: without a version the current run; with one the newest of the
     * period's restatement with that version and its current run, if the current run used that version.
     */
    Optional<ResultRun> resultRun(Period period, Long rulesetVersionId) {
        if (rulesetVersionId == null) {
            return jdbc.sql("""
                    SELECT er.id, v.id AS version_id, v.label, er.purpose
                      FROM period_result pr
                      JOIN evaluation_run er ON er.id = pr.evaluation_run_id
                      JOIN ruleset_version v ON v.id = er.ruleset_version_id
                     WHERE pr.period = :period
                    """).param("period", period.toString()).query(ResultRun.class).optional();
        }
        return jdbc.sql("""
                SELECT er.id, v.id AS version_id, v.label, er.purpose
                  FROM evaluation_run er
                  JOIN ruleset_version v ON v.id = er.ruleset_version_id
                 WHERE er.ruleset_version_id = :version
                   AND (er.id = (SELECT evaluation_run_id FROM period_result WHERE period = :period)
                        OR er.id = (SELECT evaluation_run_id FROM period_restatement
                                     WHERE period = :period AND ruleset_version_id = :version))
                 ORDER BY er.id DESC
                 LIMIT 1
                """).param("period", period.toString()).param("version", rulesetVersionId)
                .query(ResultRun.class).optional();
    }

    private static String textOf(JsonNode node) {
        return node.isString() ? node.asString() : null;
    }

    private JsonNode tree(String text) {
        return json.readTree(text);
    }

    private static List<String> rules(JsonNode explanation) {
        List<String> rules = new ArrayList<>();
        explanation.path("rules").forEach(rule -> rules.add(rule.asString()));
        return rules;
    }

    /** Stored measurements carry six decimals: show 16.2, not 16.200000. */
    private static BigDecimal plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** @param purpose CURRENT or RESTATEMENT */
    record ResultRun(long id, long versionId, String label, String purpose) {
    }

    private record Head(long id, String code, String name, String region, Scorecard.Overall overall) {
    }
}
