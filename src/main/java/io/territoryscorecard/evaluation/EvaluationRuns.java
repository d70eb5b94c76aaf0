package io.territoryscorecard.evaluation;

import io.territoryscorecard.evaluation.EvaluationRun.Purpose;
import io.territoryscorecard.measurement.Period;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The run history, and which completed run holds each period's current results. A RUNNING run holds its period's
 * running key (unique in the database), so no two runs that would move the same pointer run at once, in any process.
 */
@Repository
class EvaluationRuns {

    private static final String SELECT = """
            SELECT r.id, r.period, r.ruleset_version_id, r.purpose, r.status, r.requested_by, r.started_at,
                   r.finished_at, r.territories_total, r.territories_done, r.kpi_assessments, r.perspective_scores,
                   r.territory_scores, r.improvement_flags, r.error, r.snapshot_at, r.snapshot_import_id,
                   i.file_name AS snapshot_import_file, i.applied_at AS snapshot_import_applied_at
              FROM evaluation_run r
              LEFT JOIN data_import i ON i.id = r.snapshot_import_id
            """;

    private final JdbcClient jdbc;

    EvaluationRuns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * What a RUNNING run holds: a current run the period's key, a restatement the key of the period and its version
     * (two restatements with different versions move different pointers and may run together).
     */
    static String runningKey(Period period, Purpose purpose, long rulesetVersionId) {
        return purpose == Purpose.CURRENT ? "CURRENT " + period : "RESTATEMENT " + period + " " + rulesetVersionId;
    }

    /**
     * Records a RUNNING run that holds its running key and returns its id; empty when another run holds the key (in
     * this process or another: the database's unique key decides, atomically).
     */
    OptionalLong start(Period period, long rulesetVersionId, Purpose purpose, String requestedBy,
            int territoriesTotal) {
        var keys = new GeneratedKeyHolder();
        try {
            jdbc.sql("""
                    INSERT INTO evaluation_run (period, ruleset_version_id, purpose, status, running_key, requested_by,
                                                started_at, heartbeat_at, territories_total, territories_done)
                    VALUES (:period, :version, :purpose, 'RUNNING', :key, :requestedBy, :now, :now, :total, 0)
                    """)
                    .param("period", period.toString()).param("version", rulesetVersionId)
                    .param("purpose", purpose.name()).param("key", runningKey(period, purpose, rulesetVersionId))
                    .param("requestedBy", requestedBy).param("now", now()).param("total", territoriesTotal)
                    .update(keys, "id");
        } catch (DuplicateKeyException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(keys.getKey().longValue());
    }

    /**
     * Whether a run with a heartbeat younger than the given seconds holds the key: a quick refusal before a start
     * loads its ruleset. Only {@link #start} decides.
     */
    boolean holdsKey(String runningKey, int silentSeconds) {
        return jdbc.sql("SELECT COUNT(*) FROM evaluation_run WHERE running_key = :key AND heartbeat_at >= :after")
                .param("key", runningKey).param("after", now().minusSeconds(silentSeconds))
                .query(Integer.class).single() > 0;
    }

    Optional<EvaluationRun> find(long id) {
        return jdbc.sql(SELECT + " WHERE r.id = :id").param("id", id).query(EvaluationRun.class).optional();
    }

    List<EvaluationRun> recent(int limit) {
        return jdbc.sql(SELECT + " ORDER BY r.id DESC LIMIT :limit").param("limit", limit)
                .query(EvaluationRun.class).list();
    }

    /** Renews the heartbeat of the given running runs. */
    void touch(Collection<Long> ids) {
        if (!ids.isEmpty()) {
            jdbc.sql("UPDATE evaluation_run SET heartbeat_at = :now WHERE id IN (:ids) AND status = 'RUNNING'")
                    .param("now", now()).param("ids", List.copyOf(ids)).update();
        }
    }

    /** Runs still marked RUNNING whose last sign of life is older than the given seconds: their process is gone. */
    List<EvaluationRun> abandoned(int silentSeconds) {
        return jdbc.sql(SELECT + " WHERE r.status = 'RUNNING' AND r.heartbeat_at < :before ORDER BY r.id")
                .param("before", now().minusSeconds(silentSeconds)).query(EvaluationRun.class).list();
    }

    /** Records the snapshot the run reads its facts from, and how many territories that snapshot holds. */
    void snapshot(long id, FactLoader.Snapshot snapshot, int territoriesTotal) {
        jdbc.sql("""
                UPDATE evaluation_run SET snapshot_at = :at, snapshot_import_id = :import, territories_total = :total
                 WHERE id = :id AND status = 'RUNNING'""")
                .param("id", id).param("at", snapshot.takenAt()).param("import", snapshot.lastImportId())
                .param("total", territoriesTotal).update();
    }

    void progress(long id, int territoriesDone, ResultCounts counts) {
        jdbc.sql("""
                UPDATE evaluation_run
                   SET heartbeat_at = :now, territories_done = :done, kpi_assessments = :kpis, perspective_scores = :perspectives,
                       territory_scores = :territories, improvement_flags = :flags
                 WHERE id = :id AND status = 'RUNNING'
                """)
                .param("id", id).param("now", now()).param("done", territoriesDone).param("kpis", counts.kpiAssessments())
                .param("perspectives", counts.perspectiveScores()).param("territories", counts.territoryScores())
                .param("flags", counts.improvementFlags()).update();
    }

    /**
     * Marks the run completed and, in the same transaction, makes its results the period's current ones, or for a
     * restatement the period's results under the run's ruleset version (replacing an earlier restatement of both).
     */
    @Transactional
    void complete(long id, String period, ResultCounts counts) {
        LocalDateTime now = now();
        int updated = jdbc.sql("""
                UPDATE evaluation_run
                   SET status = 'COMPLETED', running_key = NULL, finished_at = :now, heartbeat_at = :now,
                       territories_done = territories_total, kpi_assessments = :kpis,
                       perspective_scores = :perspectives, territory_scores = :territories, improvement_flags = :flags
                 WHERE id = :id AND status = 'RUNNING'""")
                .param("id", id).param("now", now).param("kpis", counts.kpiAssessments())
                .param("perspectives", counts.perspectiveScores()).param("territories", counts.territoryScores())
                .param("flags", counts.improvementFlags()).update();
        if (updated != 1) {
            throw new IllegalStateException("evaluation run " + id + " is no longer running");
        }
        EvaluationRun run = find(id).orElseThrow();
        if (run.purpose() == Purpose.RESTATEMENT) {
            int moved = jdbc.sql("""
                    UPDATE period_restatement SET evaluation_run_id = :id, updated_at = :now
                     WHERE period = :period AND ruleset_version_id = :version""")
                    .param("id", id).param("now", now).param("period", period)
                    .param("version", run.rulesetVersionId()).update();
            if (moved == 0) {
                jdbc.sql("""
                        INSERT INTO period_restatement (period, ruleset_version_id, evaluation_run_id, updated_at)
                        VALUES (:period, :version, :id, :now)""")
                        .param("id", id).param("now", now).param("period", period)
                        .param("version", run.rulesetVersionId()).update();
            }
            return;
        }
        int moved = jdbc.sql("UPDATE period_result SET evaluation_run_id = :id, updated_at = :now WHERE period = :period")
                .param("id", id).param("now", now).param("period", period).update();
        if (moved == 0) {
            jdbc.sql("INSERT INTO period_result (period, evaluation_run_id, updated_at) VALUES (:period, :id, :now)")
                    .param("id", id).param("now", now).param("period", period).update();
        }
    }

    /** Marks the run failed, which gives up its running key. */
    void fail(long id, String error) {
        // The rows are gone, so the counts go too; territories_done keeps how far the run got.
        jdbc.sql("""
                UPDATE evaluation_run SET status = 'FAILED', running_key = NULL, finished_at = :now, error = :error,
                       kpi_assessments = 0, perspective_scores = 0, territory_scores = 0, improvement_flags = 0
                 WHERE id = :id""")
                .param("id", id).param("now", now()).param("error", error).update();
    }

    /**
     * Marks an abandoned run failed (giving up its key) unless its heartbeat came back meanwhile; false when it did,
     * or when another process failed it first.
     */
    boolean failAbandoned(long id, int silentSeconds, String error) {
        return jdbc.sql("""
                UPDATE evaluation_run SET status = 'FAILED', running_key = NULL, finished_at = :now, error = :error,
                       kpi_assessments = 0, perspective_scores = 0, territory_scores = 0, improvement_flags = 0
                 WHERE id = :id AND status = 'RUNNING' AND heartbeat_at < :before""")
                .param("id", id).param("now", now()).param("error", error)
                .param("before", now().minusSeconds(silentSeconds)).update() == 1;
    }

    /** The current run of a period, if it was ever evaluated. */
    Optional<EvaluationRun> current(String period) {
        return jdbc.sql(SELECT + " WHERE r.id = (SELECT evaluation_run_id FROM period_result WHERE period = :period)")
                .param("period", period).query(EvaluationRun.class).optional();
    }

    private static LocalDateTime now() {
        return LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
    }
}
