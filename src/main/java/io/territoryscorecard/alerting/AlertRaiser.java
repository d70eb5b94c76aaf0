package io.territoryscorecard.alerting;

import io.territoryscorecard.account.AccessScope;
import io.territoryscorecard.evaluation.EvaluationCompleted;
import io.territoryscorecard.measurement.DataQualityReport.TerritoryQuality;
import io.territoryscorecard.measurement.DataQualityReports;
import io.territoryscorecard.measurement.Period;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns what the alert rules asked for in a completed evaluation into the period's alerts, inside the transaction
 * that completes the run: the alerts and their e-mails in the outbox commit with the results, or not at all.
 *
 * <p>An alert is one per territory, period and subject. Evaluating a period again keeps an alert the rules still ask
 * for (with its acknowledgement; nobody is e-mailed twice), resolves one they no longer ask for, and raises a resolved
 * one again as news. Newly raised alerts are e-mailed to the territory's manager and the region's manager, one e-mail
 * per person and run, unless the territory's data is incomplete (see {@link AlertingSettings#notifyIncompleteData}).
 */
@Component
class AlertRaiser {

    private static final Logger log = LoggerFactory.getLogger(AlertRaiser.class);

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batches;
    private final JsonMapper json;
    private final DataQualityReports quality;
    private final AlertMail mail;
    private final AlertSender sender;
    private final AlertingSettings settings;

    AlertRaiser(JdbcClient jdbc, NamedParameterJdbcTemplate batches, JsonMapper json, DataQualityReports quality, AlertMail mail, AlertSender sender,
            AlertingSettings settings) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.json = json;
        this.quality = quality;
        this.mail = mail;
        this.sender = sender;
        this.settings = settings;
    }

    @EventListener
    void raise(EvaluationCompleted completed) {
        LocalDateTime now = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        long run = completed.runId();
        String period = completed.period();
        List<Request> requests = requests(run);
        Map<String, Existing> existing = jdbc.sql("SELECT id, territory_id, alert_key, status FROM alert WHERE period = :period")
                .param("period", period)
                .query((rs, n) -> new Existing(rs.getLong("id"), rs.getLong("territory_id"), rs.getString("alert_key"),
                        AlertStatus.valueOf(rs.getString("status"))))
                .stream().collect(Collectors.toMap(Existing::identity, Function.identity()));

        List<MapSqlParameterSource> inserted = new ArrayList<>();
        List<MapSqlParameterSource> reopened = new ArrayList<>();
        List<MapSqlParameterSource> kept = new ArrayList<>();
        for (Request request : requests) {
            Existing before = existing.remove(request.identity());
            MapSqlParameterSource values = values(request).addValue("run", run).addValue("now", now)
                    .addValue("period", period);
            if (before == null) {
                inserted.add(values);
            } else if (before.status() == AlertStatus.RESOLVED) {
                reopened.add(values.addValue("id", before.id()));
            } else {
                kept.add(values.addValue("id", before.id()));
            }
        }
        List<MapSqlParameterSource> resolved = existing.values().stream()
                .filter(gone -> gone.status() != AlertStatus.RESOLVED)
                .map(gone -> new MapSqlParameterSource("id", gone.id()).addValue("run", run).addValue("now", now))
                .toList();
        batch("""
                INSERT INTO alert (territory_id, period, code, alert_key, severity, message, perspective, kpi_code,
                                   rules, status, raised_at, raised_by_run_id, last_run_id)
                VALUES (:territory, :period, :code, :key, :severity, :message, :perspective, :kpi, :rules, 'OPEN',
                        :now, :run, :run)""", inserted);
        // A resolved alert the rules ask for again is news: raised anew, its old acknowledgement no longer applies.
        batch("""
                UPDATE alert SET status = 'OPEN', severity = :severity, message = :message, perspective = :perspective,
                                 kpi_code = :kpi, rules = :rules, raised_at = :now, raised_by_run_id = :run,
                                 last_run_id = :run, held_reason = NULL, acknowledged_at = NULL,
                                 acknowledged_by = NULL, acknowledgement_note = NULL, resolved_at = NULL,
                                 resolved_by_run_id = NULL
                 WHERE id = :id""", reopened);
        batch("""
                UPDATE alert SET severity = :severity, message = :message, perspective = :perspective,
                                 kpi_code = :kpi, rules = :rules, last_run_id = :run
                 WHERE id = :id""", kept);
        batch("""
                UPDATE alert SET status = 'RESOLVED', resolved_at = :now, resolved_by_run_id = :run
                 WHERE id = :id""", resolved);

        Map<String, Request> byIdentity = requests.stream()
                .collect(Collectors.toMap(Request::identity, Function.identity()));
        List<Raised> raised = jdbc.sql("""
                SELECT id, territory_id, alert_key FROM alert
                 WHERE period = :period AND raised_by_run_id = :run AND status = 'OPEN'
                 ORDER BY id""")
                .param("period", period).param("run", run)
                .query((rs, n) -> new Raised(rs.getLong("id"),
                        byIdentity.get(rs.getLong("territory_id") + "|" + rs.getString("alert_key"))))
                .list();
        int notifications = notify(period, run, raised, now);
        log.info("Alerts of {} after evaluation {}: {} asked for, {} raised, {} resolved, {} e-mails queued",
                period, run, requests.size(), raised.size(), resolved.size(), notifications);
        if (notifications > 0 && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    sender.deliverSoon();
                }
            });
        }
    }

    /** Holds back what should not be e-mailed, routes the rest to people, and queues one e-mail per person. */
    private int notify(String period, long run, List<Raised> raised, LocalDateTime now) {
        if (raised.isEmpty()) {
            return 0;
        }
        Map<String, TerritoryQuality> completeness = quality.report(Period.parse(period), AccessScope.all())
                .byTerritory().stream().collect(Collectors.toMap(TerritoryQuality::territory, Function.identity()));
        Map<Long, List<Recipient>> recipients = recipients();
        Map<Recipient, List<Raised>> byRecipient = new LinkedHashMap<>();
        List<MapSqlParameterSource> held = new ArrayList<>();
        for (Raised alert : raised) {
            List<Recipient> people = recipients.getOrDefault(alert.request().territoryId(), List.of());
            String reason = heldReason(completeness.get(alert.request().territoryCode()), people);
            if (reason != null) {
                held.add(new MapSqlParameterSource("id", alert.id()).addValue("reason", reason));
                continue;
            }
            for (Recipient recipient : people) {
                byRecipient.computeIfAbsent(recipient, r -> new ArrayList<>()).add(alert);
            }
        }
        batch("UPDATE alert SET held_reason = :reason WHERE id = :id", held);
        List<MapSqlParameterSource> notifications = new ArrayList<>();
        byRecipient.forEach((recipient, alerts) -> {
            AlertMail.Message message = mail.compose(recipient.name(), period, alerts.stream()
                    .map(a -> new AlertMail.Item(a.request().territoryCode(), a.request().territoryName(),
                            a.request().severity(), a.request().message()))
                    .toList());
            notifications.add(new MapSqlParameterSource("run", run).addValue("email", recipient.email())
                    .addValue("name", recipient.name()).addValue("subject", message.subject())
                    .addValue("text", message.text()).addValue("html", message.html()).addValue("now", now));
        });
        batch("""
                INSERT INTO alert_notification (evaluation_run_id, recipient_email, recipient_name, subject, body_text,
                                                body_html, status, attempts, next_attempt_at, created_at)
                VALUES (:run, :email, :name, :subject, :text, :html, 'PENDING', 0, :now, :now)""", notifications);
        Map<String, Long> notificationIds = new HashMap<>();
        jdbc.sql("SELECT id, recipient_email FROM alert_notification WHERE evaluation_run_id = :run")
                .param("run", run).query(rs -> {
                    notificationIds.put(rs.getString("recipient_email"), rs.getLong("id"));
                });
        List<MapSqlParameterSource> deliveries = new ArrayList<>();
        byRecipient.forEach((recipient, alerts) -> alerts.forEach(alert -> deliveries.add(
                new MapSqlParameterSource("alert", alert.id())
                        .addValue("notification", notificationIds.get(recipient.email())))));
        batch("INSERT INTO alert_delivery (alert_id, alert_notification_id) VALUES (:alert, :notification)",
                deliveries);
        return byRecipient.size();
    }

    private void batch(String sql, List<MapSqlParameterSource> rows) {
        if (!rows.isEmpty()) {
            batches.batchUpdate(sql, rows.toArray(SqlParameterSource[]::new));
        }
    }

    private String heldReason(TerritoryQuality data, List<Recipient> recipients) {
        if (!settings.notifyIncompleteData() && data != null && !data.complete()) {
            return "not e-mailed: the territory's data for the period is incomplete (" + data.valid() + " of "
                    + data.expected() + " KPIs valid: " + data.missing() + " missing, " + data.emptyActual()
                    + " not measured, " + data.invalid() + " invalid); scorecard.alerting.notify-incomplete-data"
                    + " sends such alerts too";
        }
        if (recipients.isEmpty()) {
            return "not e-mailed: neither the territory nor its region has a manager";
        }
        if (!sender.canSend()) {
            return "not e-mailed: e-mail is not configured (spring.mail.host)";
        }
        return null;
    }

    /** Per territory id: its manager and its region's manager (once, when the same person is both). */
    private Map<Long, List<Recipient>> recipients() {
        Map<Long, List<Recipient>> byTerritory = new HashMap<>();
        jdbc.sql("""
                SELECT t.id, tm.name AS territory_manager, tm.email AS territory_manager_email,
                       rm.name AS region_manager, rm.email AS region_manager_email
                  FROM territory t
                  JOIN region r ON r.id = t.region_id
                  LEFT JOIN person tm ON tm.id = t.manager_id
                  LEFT JOIN person rm ON rm.id = r.manager_id""")
                .query(rs -> {
                    List<Recipient> people = new ArrayList<>(2);
                    if (rs.getString("territory_manager_email") != null) {
                        people.add(new Recipient(rs.getString("territory_manager_email"),
                                rs.getString("territory_manager")));
                    }
                    String regional = rs.getString("region_manager_email");
                    if (regional != null && people.stream().noneMatch(p -> p.email().equalsIgnoreCase(regional))) {
                        people.add(new Recipient(regional, rs.getString("region_manager")));
                    }
                    byTerritory.put(rs.getLong("id"), people);
                });
        return byTerritory;
    }

    private List<Request> requests(long run) {
        return jdbc.sql("""
                SELECT ar.territory_id, t.code, t.name, ar.code AS alert_code, ar.alert_key, ar.severity, ar.message,
                       ar.perspective, ar.kpi_code, ar.explanation
                  FROM alert_request ar
                  JOIN territory t ON t.id = ar.territory_id
                 WHERE ar.evaluation_run_id = :run
                 ORDER BY t.code, ar.alert_key""")
                .param("run", run)
                .query((rs, n) -> new Request(rs.getLong("territory_id"), rs.getString("code"), rs.getString("name"),
                        rs.getString("alert_code"), rs.getString("alert_key"), rs.getString("severity"),
                        rs.getString("message"), rs.getString("perspective"), rs.getString("kpi_code"),
                        rules(rs.getString("explanation"))))
                .list();
    }

    private String rules(String explanation) {
        JsonNode rules = json.readTree(explanation).path("rules");
        List<String> ids = new ArrayList<>();
        rules.forEach(id -> ids.add(id.asString()));
        return String.join(",", ids);
    }

    private static MapSqlParameterSource values(Request request) {
        return new MapSqlParameterSource("territory", request.territoryId()).addValue("code", request.code())
                .addValue("key", request.key()).addValue("severity", request.severity())
                .addValue("message", request.message()).addValue("perspective", request.perspective())
                .addValue("kpi", request.kpi()).addValue("rules", request.rules());
    }

    private record Request(long territoryId, String territoryCode, String territoryName, String code, String key,
            String severity, String message, String perspective, String kpi, String rules) {

        String identity() {
            return territoryId + "|" + key;
        }
    }

    private record Existing(long id, long territoryId, String key, AlertStatus status) {

        String identity() {
            return territoryId + "|" + key;
        }
    }

    private record Raised(long id, Request request) {
    }

    private record Recipient(String email, String name) {
    }
}
