/**
 * Scorecards: the stored current results (or a period's restatement with a named ruleset version) read back per
 * period and territory, with the explanation of every score and flag, and the region and company roll-ups stored
 * with them. Reads only; results are written by the evaluation module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Scorecards",
        allowedDependencies = {"measurement", "account"})
package io.territoryscorecard.scorecard;
