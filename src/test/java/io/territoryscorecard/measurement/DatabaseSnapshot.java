package io.territoryscorecard.measurement;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Everything an import can change, as text, for "nothing was written" assertions: the organisation and catalogue
 * tables row by row, the measurement table by count, sums and newest change.
 */
public record DatabaseSnapshot(List<String> people, List<String> regions, List<String> territories, List<String> kpis,
        String measurements) {

    public static DatabaseSnapshot of(JdbcClient jdbc) {
        return new DatabaseSnapshot(
                rows(jdbc, "SELECT CONCAT(id, '|', name, '|', email) FROM person ORDER BY id"),
                rows(jdbc, "SELECT CONCAT(id, '|', code, '|', name, '|', COALESCE(manager_id, 0)) FROM region ORDER BY id"),
                rows(jdbc, "SELECT CONCAT(id, '|', code, '|', name, '|', region_id, '|', COALESCE(manager_id, 0)) "
                        + "FROM territory ORDER BY id"),
                rows(jdbc, "SELECT CONCAT(code, '|', name, '|', perspective, '|', unit, '|', direction, '|', "
                        + "display_order) FROM kpi ORDER BY code"),
                jdbc.sql("SELECT CONCAT(COUNT(*), '|', COALESCE(SUM(actual), 0), '|', COALESCE(SUM(target), 0), '|', "
                        + "COALESCE(SUM(CASE WHEN actual IS NULL THEN 1 ELSE 0 END), 0), '|', COALESCE(MAX(updated_at), '-'), '|', "
                        + "COALESCE(MAX(id), 0)) FROM measurement").query(String.class).single());
    }

    private static List<String> rows(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(String.class).list();
    }
}
