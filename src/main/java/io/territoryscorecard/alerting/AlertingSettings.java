package io.territoryscorecard.alerting;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How alerts reach people.
 *
 * @param notifyIncompleteData e-mail alerts of territories whose data for the period is incomplete (a KPI missing or
 *     invalid); off by default, since such alerts are often about the gap, not the territory
 * @param from the sender address of alert e-mails
 * @param baseUrl the address of the service as managers reach it, for the links in e-mails
 * @param deliveryInterval how often the outbox is checked for e-mails to send (and to retry)
 * @param maxAttempts attempts per e-mail before it is given up as FAILED
 * @param retryDelay the wait before the second attempt; it doubles with every further attempt
 */
@ConfigurationProperties("scorecard.alerting")
public record AlertingSettings(boolean notifyIncompleteData, String from, String baseUrl, Duration deliveryInterval,
        int maxAttempts, Duration retryDelay) {
}
