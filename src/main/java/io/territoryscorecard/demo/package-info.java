/**
 * The demo module seeds a realistic demo company on the embedded default database, so that a fresh start shows six
 * regions, sixty territories and eighteen months of scored KPI measurements instead of an empty scorecard.
 * The data comes from the Liquibase change {@code 0006-demo-company} in context {@code demo}, which the MySQL profile
 * never loads; {@link io.territoryscorecard.demo.DemoEvaluation} then scores every seeded period. No other module
 * depends on this one.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo company",
        allowedDependencies = {"evaluation", "ruleset", "measurement", "cli"})
package io.territoryscorecard.demo;
