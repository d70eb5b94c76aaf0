package io.territoryscorecard.alerting;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers the alert e-mails waiting in the outbox (alert_notification). An e-mail is claimed before it is sent (so
 * two processes never send the same one), marked SENT after the server accepted it, and retried with a doubling
 * wait when it failed, up to the configured attempts. A claim that a stopped process left behind expires after
 * {@link #CLAIM} and the e-mail is sent again: delivery is at least once, and a duplicate needs a stop in the moment
 * between the server's acceptance and the mark.
 */
@Component
class AlertSender {

    private static final Logger log = LoggerFactory.getLogger(AlertSender.class);
    static final Duration CLAIM = Duration.ofMinutes(10);
    private static final int BATCH = 100;

    private final JdbcClient jdbc;
    private final ObjectProvider<JavaMailSender> mailSender;
    private final AlertingSettings settings;
    private final TaskExecutor soon;

    AlertSender(JdbcClient jdbc, ObjectProvider<JavaMailSender> mailSender, AlertingSettings settings,
            @Qualifier("alertMailExecutor") TaskExecutor soon) {
        this.jdbc = jdbc;
        this.mailSender = mailSender;
        this.settings = settings;
        this.soon = soon;
    }

    /** Whether e-mail is configured at all (spring.mail.host). */
    boolean canSend() {
        return mailSender.getIfAvailable() != null;
    }

    /** Delivers what is due in the background, without waiting for the next scheduled round. */
    void deliverSoon() {
        soon.execute(this::deliverDueQuietly);
    }

    @Scheduled(fixedDelayString = "${scorecard.alerting.delivery-interval}",
            initialDelayString = "${scorecard.alerting.delivery-interval}")
    void deliverDueQuietly() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            log.warn("Alert e-mails could not be delivered this round: {}", e.getMessage());
        }
    }

    /** Sends every e-mail that is due now; returns how many were sent. */
    synchronized int deliverDue() {
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender == null) {
            return 0;
        }
        LocalDateTime now = now();
        jdbc.sql("UPDATE alert_notification SET status = 'PENDING' WHERE status = 'SENDING' AND next_attempt_at <= :now")
                .param("now", now).update();
        List<Long> due = jdbc.sql("""
                SELECT id FROM alert_notification WHERE status = 'PENDING' AND next_attempt_at <= :now
                 ORDER BY id LIMIT :batch""")
                .param("now", now).param("batch", BATCH).query(Long.class).list();
        int sent = 0;
        int failed = 0;
        long started = System.nanoTime();
        for (long id : due) {
            if (!claim(id)) {
                continue;
            }
            Outgoing mail = jdbc.sql("""
                    SELECT recipient_email, recipient_name, subject, body_text, body_html, attempts
                      FROM alert_notification WHERE id = :id""")
                    .param("id", id).query((rs, n) -> new Outgoing(rs.getString("recipient_email"),
                            rs.getString("recipient_name"), rs.getString("subject"), rs.getString("body_text"),
                            rs.getString("body_html"), rs.getInt("attempts")))
                    .single();
            try {
                send(sender, mail);
                jdbc.sql("UPDATE alert_notification SET status = 'SENT', sent_at = :now, last_error = NULL WHERE id = :id")
                        .param("id", id).param("now", now()).update();
                sent++;
            } catch (MessagingException | RuntimeException e) {
                failed++;
                retryOrGiveUp(id, mail, e);
            }
            if ((sent + failed) % 20 == 0 || sent + failed == due.size()) {
                double seconds = Math.max(0.001, (System.nanoTime() - started) / 1e9);
                log.info("Alert e-mails: {}/{} done ({} sent, {} failed), {} per second", sent + failed, due.size(),
                        sent, failed, String.format("%.1f", (sent + failed) / seconds));
            }
        }
        return sent;
    }

    private boolean claim(long id) {
        return jdbc.sql("""
                UPDATE alert_notification SET status = 'SENDING', attempts = attempts + 1, next_attempt_at = :lease
                 WHERE id = :id AND status = 'PENDING'""")
                .param("id", id).param("lease", now().plus(CLAIM)).update() == 1;
    }

    private void send(JavaMailSender sender, Outgoing mail) throws MessagingException {
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
        helper.setFrom(new InternetAddress(settings.from(), true));
        InternetAddress to = new InternetAddress(mail.email(), true);
        to.validate();
        helper.setTo(to);
        helper.setSubject(mail.subject());
        helper.setText(mail.text(), mail.html());
        sender.send(message);
    }

    private void retryOrGiveUp(long id, Outgoing mail, Exception e) {
        String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        error = error.length() > 1000 ? error.substring(0, 1000) : error;
        // A malformed address stays malformed: trying again cannot help.
        boolean last = e instanceof AddressException || mail.attempts() >= settings.maxAttempts();
        Duration wait = settings.retryDelay().multipliedBy(1L << Math.min(20, mail.attempts() - 1));
        jdbc.sql("""
                UPDATE alert_notification SET status = :status, last_error = :error, next_attempt_at = :next
                 WHERE id = :id""")
                .param("id", id).param("status", last ? "FAILED" : "PENDING").param("error", error)
                .param("next", now().plus(wait)).update();
        if (last) {
            log.error("Alert e-mail {} to {} failed {} times and is given up: {}", id, mail.email(), mail.attempts(),
                    error);
        } else {
            log.warn("Alert e-mail {} to {} failed (attempt {} of {}), next try in {}: {}", id, mail.email(),
                    mail.attempts(), settings.maxAttempts(), wait, error);
        }
    }

    private static LocalDateTime now() {
        return LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
    }

    private record Outgoing(String email, String name, String subject, String text, String html, int attempts) {
    }
}
