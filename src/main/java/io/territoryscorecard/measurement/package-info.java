/**
 * What is measured: the KPI catalogue and the monthly measurements (actual and target) per territory, and how they
 * come in: {@link io.territoryscorecard.measurement.Imports} checks organisation, measurement and KPI files and writes
 * them all or nothing. Evaluations read a period's measurements through
 * {@link io.territoryscorecard.measurement.Measurements} and check their completeness with
 * {@link io.territoryscorecard.measurement.DataQualityReports}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Measurements",
        allowedDependencies = {"territory", "account", "cli", "csv", "input"})
package io.territoryscorecard.measurement;
