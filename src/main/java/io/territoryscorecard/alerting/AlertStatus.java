package io.territoryscorecard.alerting;

/** Where an alert stands: raised and not yet seen to, acknowledged by a person, or no longer asked for by the rules. */
public enum AlertStatus {
    OPEN, ACKNOWLEDGED, RESOLVED
}
