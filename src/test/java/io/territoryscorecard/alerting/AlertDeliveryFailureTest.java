package io.territoryscorecard.alerting;

import static io.territoryscorecard.DemoAccount.ADMIN;
import static io.territoryscorecard.DemoAccount.SALES_OPS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.territoryscorecard.ApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * An SMTP server that does not answer: every e-mail is tried the configured number of times with a wait between
 * attempts, then given up as FAILED with the error, which the alert listing shows. A malformed address is given up at
 * once. With notify-incomplete-data on, no alert is held back for incomplete data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:alert-delivery-failure-test;MODE=MySQL;CASE_INSENSITIVE_IDENTIFIERS=TRUE;"
                + "DB_CLOSE_DELAY=-1",
        "scorecard.demo.evaluate-on-start=false",
        "scorecard.alerting.notify-incomplete-data=true",
        "scorecard.alerting.delivery-interval=1s",
        "scorecard.alerting.retry-delay=1s",
        "scorecard.alerting.max-attempts=2",
        "spring.mail.properties.mail.smtp.connectiontimeout=2000"})
class AlertDeliveryFailureTest {

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", AlertDeliveryFailureTest::closedPort);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anUnreachableServerFailsEachEmailAfterItsAttemptsAndAMalformedAddressAtOnce() {
        ApiClient api = ApiClient.anonymous(port);
        long run = api.as(SALES_OPS).evaluate("2026-10").path("id").asLong();
        jdbc.sql("""
                INSERT INTO alert_notification (evaluation_run_id, recipient_email, recipient_name, subject, body_text,
                                                body_html, status, attempts, next_attempt_at, created_at)
                VALUES (:run, 'not an address', 'Nobody', 'subject', 'text', '<p>html</p>', 'PENDING', 0, :now, :now)""")
                .param("run", run).param("now", LocalDateTime.now().minusSeconds(1)).update();

        JsonNode alerts = api.as(ADMIN).get("/api/alerts?period=2026-10&limit=1000").json().path("alerts");
        assertThat(alerts.size()).isPositive();
        for (JsonNode alert : alerts) {
            assertThat(alert.path("heldReason").isNull()).as("%s", alert).isTrue();
        }
        long queued = jdbc.sql("SELECT COUNT(*) FROM alert_notification WHERE evaluation_run_id = :run")
                .param("run", run).query(Long.class).single();
        assertThat(queued).isGreaterThan(1);

        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "SELECT COUNT(*) FROM alert_notification WHERE status = 'FAILED'").query(Long.class).single() == queued);
        assertThat(jdbc.sql("SELECT attempts FROM alert_notification WHERE recipient_email = 'not an address'")
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("""
                SELECT COUNT(*) FROM alert_notification
                 WHERE recipient_email <> 'not an address' AND (attempts <> 2 OR last_error IS NULL)""")
                .query(Long.class).single()).isZero();
        JsonNode delivery = api.as(ADMIN).get("/api/alerts?period=2026-10").json().path("alerts").get(0)
                .path("deliveries").get(0);
        assertThat(delivery.path("status").asString()).isEqualTo("FAILED");
        assertThat(delivery.path("attempts").asInt()).isEqualTo(2);
        assertThat(delivery.path("lastError").asString()).isNotBlank();
    }

    /** A port nobody listens on: taken from the system, then released. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
