package io.territoryscorecard.alerting;

import io.territoryscorecard.account.AccessScope;
import io.territoryscorecard.input.UserInput;
import io.territoryscorecard.measurement.Period;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The alerts as stored, read within an access scope, and their acknowledgement. */
@Repository
public class Alerts {

    private static final String SELECT = """
            SELECT a.id, t.code AS territory, t.name AS territory_name, r.code AS region, a.period, a.code,
                   a.severity, a.message, a.perspective, a.kpi_code, a.rules, a.status, a.raised_at,
                   a.raised_by_run_id, a.last_run_id, a.held_reason, a.acknowledged_at, a.acknowledged_by,
                   a.acknowledgement_note, a.resolved_at, a.resolved_by_run_id
              FROM alert a
              JOIN territory t ON t.id = a.territory_id
              JOIN region r ON r.id = t.region_id
             WHERE """ + AccessScope.SQL_CONDITION;
    private static final String ORDER = """
             ORDER BY a.period DESC, CASE a.severity WHEN 'HIGH' THEN 0 WHEN 'MEDIUM' THEN 1 ELSE 2 END, t.code,
                      a.alert_key""";

    private final JdbcClient jdbc;

    Alerts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * What a listing asks for; every field but the limit may be null (no condition). {@code offset} skips that many
     * matching alerts first (a page further down the list).
     */
    public record Filter(String period, AlertStatus status, String severity, String territory, int limit,
            int offset) {

        private static final List<String> SEVERITIES = List.of("HIGH", "MEDIUM", "LOW");

        /** The filter from request parameters, checked: a wrong value names its parameter. */
        public static Filter parse(String period, String status, String severity, String territory, int limit) {
            if (limit < 1 || limit > 1000) {
                throw new IllegalArgumentException("limit: between 1 and 1000, not " + limit);
            }
            AlertStatus parsedStatus = status == null ? null : UserInput.oneOf("status", status, AlertStatus.class);
            String parsedSeverity = severity == null ? null : UserInput.oneOf("severity", severity, SEVERITIES);
            return new Filter(period == null ? null : Period.parse(period).toString(), parsedStatus,
                    parsedSeverity, territory, limit, 0);
        }

        /** The same filter for {@code limit} alerts after the first {@code offset}. */
        public Filter page(int offset, int limit) {
            if (offset < 0) {
                throw new IllegalArgumentException("offset: 0 or more, not " + offset);
            }
            return new Filter(period, status, severity, territory, limit, offset);
        }
    }

    /** The alerts of the scope that match the filter: newest period first, then the most severe, then by territory. */
    @Transactional(readOnly = true)
    public List<Alert> list(Filter filter, AccessScope scope) {
        StringBuilder sql = new StringBuilder(SELECT);
        Map<String, Object> params = new HashMap<>();
        condition(sql, params, "a.period", "period", filter.period());
        condition(sql, params, "a.status", "status", filter.status() == null ? null : filter.status().name());
        condition(sql, params, "a.severity", "severity", filter.severity());
        condition(sql, params, "t.code", "territory", filter.territory());
        sql.append(" ").append(ORDER).append(" LIMIT :limit OFFSET :offset");
        params.put("limit", filter.limit());
        params.put("offset", filter.offset());
        List<Row> rows = scope.bind(jdbc.sql(sql.toString()).params(params)).query(Alerts::row).list();
        Map<Long, List<Alert.Delivery>> deliveries = deliveries(rows.stream().map(Row::id).toList());
        return rows.stream().map(row -> row.alert(deliveries.getOrDefault(row.id(), List.of()))).toList();
    }

    /** The alert, when it exists and its territory is in the scope. */
    @Transactional(readOnly = true)
    public Optional<Alert> find(long id, AccessScope scope) {
        return scope.bind(jdbc.sql(SELECT + " AND a.id = :id")).param("id", id).query(Alerts::row).optional()
                .map(row -> row.alert(deliveries(List.of(id)).getOrDefault(id, List.of())));
    }

    /**
     * Marks an OPEN alert acknowledged by the person, with their note. False when it is no longer open (another person
     * acknowledged it first, or an evaluation resolved it).
     */
    @Transactional
    public boolean acknowledge(long id, String username, String note, LocalDateTime at) {
        return jdbc.sql("""
                UPDATE alert SET status = 'ACKNOWLEDGED', acknowledged_at = :at, acknowledged_by = :username,
                                 acknowledgement_note = :note
                 WHERE id = :id AND status = 'OPEN'""")
                .param("id", id).param("at", at).param("username", username).param("note", note).update() == 1;
    }

    private static void condition(StringBuilder sql, Map<String, Object> params, String column, String name,
            Object value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = :").append(name);
            params.put(name, value);
        }
    }

    private Map<Long, List<Alert.Delivery>> deliveries(List<Long> alertIds) {
        Map<Long, List<Alert.Delivery>> byAlert = new HashMap<>();
        if (alertIds.isEmpty()) {
            return byAlert;
        }
        jdbc.sql("""
                SELECT d.alert_id, n.recipient_email, n.status, n.attempts, n.sent_at, n.last_error
                  FROM alert_delivery d
                  JOIN alert_notification n ON n.id = d.alert_notification_id
                 WHERE d.alert_id IN (:ids)
                 ORDER BY n.id""")
                .param("ids", alertIds)
                .query(rs -> {
                    byAlert.computeIfAbsent(rs.getLong("alert_id"), id -> new ArrayList<>()).add(new Alert.Delivery(
                            rs.getString("recipient_email"), rs.getString("status"), rs.getInt("attempts"),
                            rs.getObject("sent_at", LocalDateTime.class), rs.getString("last_error")));
                });
        return byAlert;
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getLong("id"), rs.getString("territory"), rs.getString("territory_name"),
                rs.getString("region"), rs.getString("period"), rs.getString("code"), rs.getString("severity"),
                rs.getString("message"), rs.getString("perspective"), rs.getString("kpi_code"),
                Arrays.stream(rs.getString("rules").split(",")).filter(s -> !s.isBlank()).toList(),
                AlertStatus.valueOf(rs.getString("status")), rs.getObject("raised_at", LocalDateTime.class),
                rs.getLong("raised_by_run_id"), rs.getLong("last_run_id"), rs.getString("held_reason"),
                rs.getObject("acknowledged_at", LocalDateTime.class), rs.getString("acknowledged_by"),
                rs.getString("acknowledgement_note"), rs.getObject("resolved_at", LocalDateTime.class),
                rs.getObject("resolved_by_run_id", Long.class));
    }

    private record Row(long id, String territory, String territoryName, String region, String period, String code,
            String severity, String message, String perspective, String kpi, List<String> rules, AlertStatus status,
            LocalDateTime raisedAt, long raisedByRun, long lastRun, String heldReason, LocalDateTime acknowledgedAt,
            String acknowledgedBy, String acknowledgementNote, LocalDateTime resolvedAt, Long resolvedByRun) {

        Alert alert(List<Alert.Delivery> deliveries) {
            return new Alert(id, territory, territoryName, region, period, code, severity, message, perspective, kpi,
                    rules, status, raisedAt, raisedByRun, lastRun, heldReason, acknowledgedAt, acknowledgedBy,
                    acknowledgementNote, resolvedAt, resolvedByRun, deliveries);
        }
    }
}
