/**
 * The rules workbench: the pages on which sales ops read rulesets and their history, compare versions, edit drafts
 * (kept in the database, one author each), validate them, run their scenarios, preview them against a period, ship
 * them as versions, activate, roll back and restate, and on which admins read the audit log. The rules themselves are
 * compiled and run by {@code ruleset}; previews and restatements by {@code evaluation}; the results a restatement is
 * compared with are read by {@code scorecard}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Rules workbench",
        allowedDependencies = {"ruleset", "ruleset :: fact", "evaluation", "measurement", "account", "csv", "input",
                "scorecard"})
package io.territoryscorecard.workbench;
