package io.territoryscorecard.ruleset.commands;

import io.territoryscorecard.ruleset.RulesetScenarios;

import io.territoryscorecard.ruleset.RulesSubcommand;
import io.territoryscorecard.ruleset.RulesetCompiler;
import io.territoryscorecard.ruleset.RulesetSettings;
import io.territoryscorecard.ruleset.scenarios.ScenarioSuite;

import io.territoryscorecard.measurement.Measurements;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.stereotype.Component;

/**
 * {@code rules test [folder]}: runs the scenarios in the folder's {@code scenarios/} against its rules, with the KPI
 * catalogue of the database. Exit code 0 when all pass, 1 when one fails, 2 when the folder, its rules or a scenario
 * file cannot be used.
 */
@Component
class RulesTestCommand implements RulesSubcommand {

    private final RulesetCompiler compiler;
    private final RulesetSettings settings;
    private final Measurements measurements;

    RulesTestCommand(RulesetCompiler compiler, RulesetSettings settings, Measurements measurements) {
        this.compiler = compiler;
        this.settings = settings;
        this.measurements = measurements;
    }

    @Override
    public String name() {
        return "test";
    }

    @Override
    public String usage() {
        return "test [folder]   run the scenarios in <folder>/scenarios/*.yaml (default: the configured rules folder)";
    }

    @Override
    public int run(List<String> parameters, ApplicationArguments arguments, PrintStream out, PrintStream err) {
        if (parameters.size() > 1) {
            err.println("rules test takes at most one folder: rules " + usage());
            return ScenarioSuite.INVALID;
        }
        Path folder = Path.of(parameters.isEmpty() ? settings.location() : parameters.get(0));
        return new ScenarioSuite(compiler, RulesetScenarios.catalogue(measurements)).run(folder, out, err);
    }
}
