/**
 * Rulesets: reading the rule files sales ops keep under {@code rules/}, compiling them with Drools (executable
 * model), recording each distinct set as a {@link io.territoryscorecard.ruleset.RulesetVersion}, and running them
 * over a batch of territories. The fact vocabulary that rules may use lives in {@code ruleset.fact}. The top package
 * is the face (the active ruleset, a compiled ruleset's {@code assess}, versions, {@code TerritoryAssessment}); the
 * sub-packages are inside: {@code engine} (rule worker processes), {@code sandbox}, {@code tables}, {@code scenarios},
 * {@code commands} and {@code web}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Rulesets",
        allowedDependencies = {"measurement", "measurement :: imports", "account", "cli", "input"})
package io.territoryscorecard.ruleset;
