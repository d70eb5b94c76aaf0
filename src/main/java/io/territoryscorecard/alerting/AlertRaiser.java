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
    private final JsonMapper json;
    private final DataQualityReports quality;
    private final AlertMail mail;
    private final AlertSender sender;
    private final AlertingSettings settings;

    AlertRaiser(JdbcClient jdbc, JsonMapper json, DataQualityReports quality, AlertMail mail, AlertSender sender,
            AlertingSettings settings) {
        this.jdbc = jdbc;
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
        List<Request> requests = requests(run);
        Map<String, Existing> existing = jdbc.sql("SELECT id, territory_id, alert_key, status FROM alert WHERE period = :period")
                .param("period", completed.period())
                .query((rs, n) -> new Existing(rs.getLong("id"), rs.getLong("territory_id"), rs.getString("alert_key"),
                        AlertStatus.valueOf(rs.getString("status"))))
                .stream().collect(Collectors.toMap(Existing::identity, Function.identity()));

        List<Raised> raised = new ArrayList<>();
        for (Request request : requests) {
            Existing before = existing.remove(request.identity());
            if (before == null) {
                raised.add(new Raised(insert(request, completed.period(), run, now), request));
            } else if (before.status() == AlertStatus.RESOLVED) {
                reopen(before.id(), request, run, now);
                raised.add(new Raised(before.id(), request));
            } else {
                jdbc.sql("""
                        UPDATE alert SET severity = :severity, message = :message, perspective = :perspective,
                                         kpi_code = :kpi, rules = :rules, last_run_id = :run
                         WHERE id = :id""")
                        .param("id", before.id()).param("run", run).params(values(request)).update();
            }
        }
        int resolved = 0;
        for (Existing gone : existing.values()) {
            if (gone.status() != AlertStatus.RESOLVED) {
                resolved += jdbc.sql("""
                        UPDATE alert SET status = 'RESOLVED', resolved_at = :now, resolved_by_run_id = :run
                         WHERE id = :id""").param("id", gone.id()).param("now", now).param("run", run).update();
            }
        }
        int notifications = notify(completed.period(), run, raised, now);
        log.info("Alerts of {} after evaluation {}: {} asked for, {} raised, {} resolved, {} e-mails queued",
                completed.period(), run, requests.size(), raised.size(), resolved, notifications);
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
        for (Raised alert : raised) {
            String held = heldReason(alert, completeness.get(alert.request().territoryCode()),
                    recipients.getOrDefault(alert.request().territoryId(), List.of()));
            if (held != null) {
                jdbc.sql("UPDATE alert SET held_reason = :reason WHERE id = :id")
                        .param("id", alert.id()).param("reason", held).update();
                continue;
            }
            for (Recipient recipient : recipients.get(alert.request().territoryId())) {
                byRecipient.computeIfAbsent(recipient, r -> new ArrayList<>()).add(alert);
            }
        }
        byRecipient.forEach((recipient, alerts) -> {
            AlertMail.Message message = mail.compose(recipient.name(), period, alerts.stream()
                    .map(a -> new AlertMail.Item(a.request().territoryCode(), a.request().territoryName(),
                            a.request().severity(), a.request().message()))
                    .toList());
            jdbc.sql("""
                    INSERT INTO alert_notification (evaluation_run_id, recipient_email, recipient_name, subject,
                                                    body_text, body_html, status, attempts, next_attempt_at, created_at)
                    VALUES (:run, :email, :name, :subject, :text, :html, 'PENDING', 0, :now, :now)""")
                    .param("run", run).param("email", recipient.email()).param("name", recipient.name())
                    .param("subject", message.subject()).param("text", message.text()).param("html", message.html())
                    .param("now", now).update();
            long notification = jdbc.sql(
                    "SELECT id FROM alert_notification WHERE evaluation_run_id = :run AND recipient_email = :email")
                    .param("run", run).param("email", recipient.email()).query(Long.class).single();
            for (Raised alert : alerts) {
                jdbc.sql("INSERT INTO alert_delivery (alert_id, alert_notification_id) VALUES (:alert, :notification)")
                        .param("alert", alert.id()).param("notification", notification).update();
            }
        });
        return byRecipient.size();
    }

    private String heldReason(Raised alert, TerritoryQuality data, List<Recipient> recipients) {
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

    private long insert(Request request, String period, long run, LocalDateTime now) {
        jdbc.sql("""
                INSERT INTO alert (territory_id, period, code, alert_key, severity, message, perspective, kpi_code,
                                   rules, status, raised_at, raised_by_run_id, last_run_id)
                VALUES (:territory, :period, :code, :key, :severity, :message, :perspective, :kpi, :rules, 'OPEN',
                        :now, :run, :run)""")
                .param("territory", request.territoryId()).param("period", period).param("code", request.code())
                .param("key", request.key()).param("now", now).param("run", run).params(values(request)).update();
        return jdbc.sql("SELECT id FROM alert WHERE territory_id = :territory AND period = :period AND alert_key = :key")
                .param("territory", request.territoryId()).param("period", period).param("key", request.key())
                .query(Long.class).single();
    }

    /** A resolved alert the rules ask for again is news: raised anew, its old acknowledgement no longer applies. */
    private void reopen(long id, Request request, long run, LocalDateTime now) {
        jdbc.sql("""
                UPDATE alert SET status = 'OPEN', severity = :severity, message = :message, perspective = :perspective,
                                 kpi_code = :kpi, rules = :rules, raised_at = :now, raised_by_run_id = :run,
                                 last_run_id = :run, held_reason = NULL, acknowledged_at = NULL,
                                 acknowledged_by = NULL, acknowledgement_note = NULL, resolved_at = NULL,
                                 resolved_by_run_id = NULL
                 WHERE id = :id""")
                .param("id", id).param("now", now).param("run", run).params(values(request)).update();
    }

    private static Map<String, Object> values(Request request) {
        Map<String, Object> values = new HashMap<>();
        values.put("severity", request.severity());
        values.put("message", request.message());
        values.put("perspective", request.perspective());
        values.put("kpi", request.kpi());
        values.put("rules", request.rules());
        return values;
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
