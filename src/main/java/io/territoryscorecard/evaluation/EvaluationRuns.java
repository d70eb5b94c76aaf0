package io.territoryscorecard.evaluation;

import io.territoryscorecard.evaluation.EvaluationRun.Purpose;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The run history, and which completed run holds each period's current results. */
@Repository
class EvaluationRuns {

    private static final String SELECT = """
            SELECT id, period, ruleset_version_id, purpose, status, requested_by, started_at, finished_at,
                   territories_total, territories_done, kpi_assessments, perspective_scores, territory_scores,
                   improvement_flags, error
              FROM evaluation_run
            """;

    private final JdbcClient jdbc;

    EvaluationRuns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long start(String period, long rulesetVersionId, Purpose purpose, String requestedBy, int territoriesTotal) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO evaluation_run (period, ruleset_version_id, purpose, status, requested_by, started_at,
                                            heartbeat_at, territories_total, territories_done)
                VALUES (:period, :version, :purpose, 'RUNNING', :requestedBy, :now, :now, :total, 0)
                """)
                .param("period", period).param("version", rulesetVersionId).param("purpose", purpose.name())
                .param("requestedBy", requestedBy)
                .param("now", now()).param("total", territoriesTotal)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    Optional<EvaluationRun> find(long id) {
        return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(EvaluationRun.class).optional();
    }

    List<EvaluationRun> recent(int limit) {
        return jdbc.sql(SELECT + " ORDER BY id DESC LIMIT :limit").param("limit", limit)
                .query(EvaluationRun.class).list();
    }

    /** Renews the heartbeat of the given running runs. */
    void touch(java.util.Collection<Long> ids) {
        if (!ids.isEmpty()) {
            jdbc.sql("UPDATE evaluation_run SET heartbeat_at = :now WHERE id IN (:ids) AND status = 'RUNNING'")
                    .param("now", now()).param("ids", java.util.List.copyOf(ids)).update();
        }
    }

    /** Runs still marked RUNNING whose last sign of life is older than the given seconds: their process is gone. */
    List<EvaluationRun> abandoned(int silentSeconds) {
        return jdbc.sql(SELECT + " WHERE status = 'RUNNING' AND heartbeat_at < :before ORDER BY id")
                .param("before", now().minusSeconds(silentSeconds)).query(EvaluationRun.class).list();
    }

    /**
     * Whether a run of the period that would move the same pointer is in progress, possibly in another process: a
     * current run, or a restatement with the same ruleset version.
     */
    boolean runningFor(String period, Purpose purpose, long rulesetVersionId, int silentSeconds) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM evaluation_run
                 WHERE period = :period AND status = 'RUNNING' AND heartbeat_at >= :after AND purpose = :purpose
                   AND (purpose = 'CURRENT' OR ruleset_version_id = :version)
                """)
                .param("period", period).param("after", now().minusSeconds(silentSeconds))
                .param("purpose", purpose.name()).param("version", rulesetVersionId)
                .query(Integer.class).single() > 0;
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
    void complete(long id, String period, int territoriesDone, ResultCounts counts) {
        progress(id, territoriesDone, counts);
        LocalDateTime now = now();
        int updated = jdbc.sql("UPDATE evaluation_run SET status = 'COMPLETED', finished_at = :now WHERE id = :id AND status = 'RUNNING'")
                .param("id", id).param("now", now).update();
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

    void fail(long id, String error) {
        // The rows are gone, so the counts go too; territories_done keeps how far the run got.
        jdbc.sql("""
                UPDATE evaluation_run SET status = 'FAILED', finished_at = :now, error = :error, kpi_assessments = 0,
                       perspective_scores = 0, territory_scores = 0, improvement_flags = 0
                 WHERE id = :id""")
                .param("id", id).param("now", now()).param("error", error).update();
    }

    /** The current run of a period, if it was ever evaluated. */
    Optional<EvaluationRun> current(String period) {
        return jdbc.sql(SELECT + " WHERE id = (SELECT evaluation_run_id FROM period_result WHERE period = :period)")
                .param("period", period).query(EvaluationRun.class).optional();
    }

    private static LocalDateTime now() {
        return LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
    }
}
