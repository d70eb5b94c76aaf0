/**
 * Evaluation runs: load a period's measurements territory batch by territory batch, fire the active ruleset and store
 * every assessment, score and flag with its explanation. A period's current results change in one step when a run
 * completes, together with its region and company roll-ups; a failed run stores nothing. Publishes {@link io.territoryscorecard.evaluation.EvaluationCompleted}.
 * Also restatements (a period re-evaluated with a stored version, stored beside its current results) and what-if
 * previews (a candidate ruleset evaluated in memory and compared with the current results). The nightly evaluation
 * runs only on complete enough data.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Evaluations",
        allowedDependencies = {"ruleset", "ruleset :: fact", "measurement", "territory", "account", "cli"})
package io.territoryscorecard.evaluation;
