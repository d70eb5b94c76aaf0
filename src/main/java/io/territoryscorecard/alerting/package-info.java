/**
 * Alerting: turns the alert requests of a completed evaluation into alerts about territories, routes them to the
 * territory's and the region's managers, and delivers them by e-mail from an outbox, so no alert is lost or sent
 * twice when the service stops. Managers list and acknowledge the alerts of their own territories. Reacts to
 * {@link io.territoryscorecard.evaluation.EvaluationCompleted}; nothing calls it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Alerting",
        allowedDependencies = {"evaluation", "measurement", "account", "csv", "input"})
package io.territoryscorecard.alerting;
