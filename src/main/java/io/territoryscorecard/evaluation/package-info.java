/**
 * Evaluation runs: load a period's measurements territory batch by territory batch, fire the active ruleset and store
 * every assessment, score and flag with its explanation. A period's current results change in one step when a run
 * completes; a failed run stores nothing. The nightly evaluation runs only on complete enough data. Publishes
 * {@link io.territoryscorecard.evaluation.EvaluationCompleted}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Evaluations")
package io.territoryscorecard.evaluation;
