package io.territoryscorecard.evaluation;

import io.territoryscorecard.ruleset.Explanation;
import io.territoryscorecard.ruleset.TerritoryAssessment;
import io.territoryscorecard.ruleset.TerritoryAssessment.Alert;
import io.territoryscorecard.ruleset.TerritoryAssessment.Flag;
import io.territoryscorecard.ruleset.TerritoryAssessment.KpiResult;
import io.territoryscorecard.ruleset.TerritoryAssessment.PerspectiveResult;
import io.territoryscorecard.ruleset.fact.Decimals;
import java.math.BigDecimal;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a run's result rows (scores, assessments, flags and the alerts the rules asked for) in JDBC batches, deletes
 * a failed run's rows, and reads back earlier overall scores and a run's overall outcomes.
 */
@Repository
class ResultStore {

    private static final int ID = Types.BIGINT;
    private static final int TEXT = Types.VARCHAR;
    private static final int NUMBER = Types.DECIMAL;
    /*
     * The column types of the batch inserts, in parameter order. Without them Spring asks the driver for the type of
     * every null parameter, which Connector/J answers with an exception (several per territory).
     */
    private static final int[] TERRITORY_SCORE_TYPES = {ID, ID, NUMBER, TEXT, TEXT};
    private static final int[] PERSPECTIVE_SCORE_TYPES = {ID, ID, TEXT, NUMBER, TEXT, NUMBER, TEXT};
    private static final int[] KPI_ASSESSMENT_TYPES = {ID, ID, TEXT, TEXT, NUMBER, NUMBER, NUMBER, TEXT, NUMBER, NUMBER,
        TEXT};
    private static final int[] FLAG_TYPES = {ID, ID, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT};

    private static final List<String> RESULT_TABLES = List.of("kpi_assessment", "perspective_score",
            "improvement_flag", "alert_request", "territory_score");

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;
    private final JsonMapper json;

    ResultStore(JdbcTemplate jdbcTemplate, JdbcClient jdbc, JsonMapper json) {
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Stores one batch's results in one transaction; scores are rounded half-up to 2 decimals, attainment to 4. */
    @Transactional
    void write(long runId, Map<String, Long> territoryIds, List<TerritoryAssessment> assessments) {
        List<Object[]> overall = new ArrayList<>();
        List<Object[]> perspectives = new ArrayList<>();
        List<Object[]> kpis = new ArrayList<>();
        List<Object[]> flags = new ArrayList<>();
        List<Object[]> alerts = new ArrayList<>();
        for (TerritoryAssessment a : assessments) {
            Long territoryId = territoryIds.get(a.territory());
            overall.add(new Object[] {runId, territoryId, Decimals.round(a.overall().score(), 2),
                    name(a.overall().status()), explanation(a.overall().explanation())});
            for (PerspectiveResult p : a.perspectives()) {
                perspectives.add(new Object[] {runId, territoryId, p.perspective().name(), Decimals.round(p.score(), 2),
                        name(p.status()), p.weight(), explanation(p.explanation())});
            }
            for (KpiResult k : a.kpis()) {
                kpis.add(new Object[] {runId, territoryId, k.kpi(), k.dataQuality().name(), k.actual(), k.target(),
                        Decimals.round(k.attainment(), 4), name(k.status()), Decimals.round(k.score(), 2), k.weight(),
                        explanation(k.explanation())});
            }
            for (Flag f : a.flags()) {
                flags.add(new Object[] {runId, territoryId, f.code(), f.key(), f.severity().name(),
                        truncate(f.message(), 1000), name(f.perspective()), f.kpi(),
                        explanation(new Explanation(f.rules(), Map.of()))});
            }
            for (Alert r : a.alerts()) {
                alerts.add(new Object[] {runId, territoryId, r.code(), r.key(), r.severity().name(),
                        truncate(r.message(), 1000), name(r.perspective()), r.kpi(),
                        explanation(new Explanation(r.rules(), Map.of()))});
            }
        }
        jdbcTemplate.batchUpdate("""
                INSERT INTO territory_score (evaluation_run_id, territory_id, score, status, explanation)
                VALUES (?, ?, ?, ?, ?)""", overall, TERRITORY_SCORE_TYPES);
        jdbcTemplate.batchUpdate("""
                INSERT INTO perspective_score (evaluation_run_id, territory_id, perspective, score, status, weight,
                                               explanation)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", perspectives, PERSPECTIVE_SCORE_TYPES);
        jdbcTemplate.batchUpdate("""
                INSERT INTO kpi_assessment (evaluation_run_id, territory_id, kpi_code, data_quality, actual, target,
                                            attainment, status, score, weight, explanation)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", kpis, KPI_ASSESSMENT_TYPES);
        jdbcTemplate.batchUpdate("""
                INSERT INTO improvement_flag (evaluation_run_id, territory_id, code, flag_key, severity, message,
                                              perspective, kpi_code, explanation)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", flags, FLAG_TYPES);
        jdbcTemplate.batchUpdate("""
                INSERT INTO alert_request (evaluation_run_id, territory_id, code, alert_key, severity, message,
                                           perspective, kpi_code, explanation)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", alerts, FLAG_TYPES);
    }

    /** Removes every result row of a run that did not complete. */
    void deleteResults(long runId) {
        for (String table : RESULT_TABLES) {
            jdbc.sql("DELETE FROM " + table + " WHERE evaluation_run_id = :run").param("run", runId).update();
        }
    }

    /**
     * The current stored overall scores (2 decimals) of the given earlier periods, by territory id and period.
     * Territories without a score in a period are absent.
     */
    Map<Long, Map<String, BigDecimal>> overallScores(List<String> periods) {
        Map<Long, Map<String, BigDecimal>> scores = new HashMap<>();
        jdbc.sql("""
                SELECT pr.period, ts.territory_id, ts.score
                  FROM period_result pr
                  JOIN territory_score ts ON ts.evaluation_run_id = pr.evaluation_run_id
                 WHERE pr.period IN (:periods) AND ts.score IS NOT NULL
                """)
                .param("periods", periods)
                .query(rs -> {
                    scores.computeIfAbsent(rs.getLong("territory_id"), id -> new HashMap<>())
                            .put(rs.getString("period"), rs.getBigDecimal("score"));
                });
        return scores;
    }

    /** A stored run's overall score, status and flags per territory, by territory code. */
    Map<String, TerritoryOutcome> outcomes(long runId) {
        Map<String, TerritoryOutcome> outcomes = new HashMap<>();
        Map<String, Map<String, PreviewReport.Flag>> flags = subjects(runId, "improvement_flag", "flag_key");
        Map<String, Map<String, PreviewReport.Flag>> alerts = subjects(runId, "alert_request", "alert_key");
        jdbc.sql("""
                SELECT t.code AS territory, ts.score, ts.status
                  FROM territory_score ts
                  JOIN territory t ON t.id = ts.territory_id
                 WHERE ts.evaluation_run_id = :run
                """).param("run", runId).query(rs -> {
                    String territory = rs.getString("territory");
                    outcomes.put(territory, new TerritoryOutcome(rs.getBigDecimal("score"), rs.getString("status"),
                            flags.getOrDefault(territory, Map.of()), alerts.getOrDefault(territory, Map.of())));
                });
        return outcomes;
    }

    /** A run's flags or alert requests per territory, by key: code and subject. Table and column are ours. */
    private Map<String, Map<String, PreviewReport.Flag>> subjects(long runId, String table, String keyColumn) {
        Map<String, Map<String, PreviewReport.Flag>> byTerritory = new HashMap<>();
        jdbc.sql("SELECT t.code AS territory, x." + keyColumn + " AS subject_key, x.code, x.perspective, x.kpi_code"
                + " FROM " + table + " x JOIN territory t ON t.id = x.territory_id WHERE x.evaluation_run_id = :run")
                .param("run", runId).query(rs -> {
                    byTerritory.computeIfAbsent(rs.getString("territory"), code -> new HashMap<>())
                            .put(rs.getString("subject_key"), new PreviewReport.Flag(rs.getString("code"),
                                    rs.getString("perspective"), rs.getString("kpi_code")));
                });
        return byTerritory;
    }

    /** The explanation as stored: {"rules": [...], then the numbers}. */
    private String explanation(Explanation explanation) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("rules", explanation.rules());
        document.putAll(explanation.details());
        return json.writeValueAsString(document);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static String truncate(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }
}
