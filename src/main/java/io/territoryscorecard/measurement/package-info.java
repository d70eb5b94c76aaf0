/**
 * What is measured: the KPI catalogue and the monthly measurements (actual and target) per territory. Evaluations
 * read a period's measurements through {@link io.territoryscorecard.measurement.Measurements}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Measurements")
package io.territoryscorecard.measurement;
