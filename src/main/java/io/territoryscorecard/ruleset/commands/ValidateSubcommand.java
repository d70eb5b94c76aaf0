package io.territoryscorecard.ruleset.commands;

import io.territoryscorecard.ruleset.RuleProblem;
import io.territoryscorecard.ruleset.RulesSubcommand;
import io.territoryscorecard.ruleset.RulesetSettings;
import io.territoryscorecard.ruleset.RulesetSource;
import io.territoryscorecard.ruleset.RulesetValidator;
import io.territoryscorecard.ruleset.ValidationReport;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.stereotype.Component;

/** {@code rules validate [folder]}: compile and check a ruleset folder without activating it; exit 0 only when valid. */
@Component
class ValidateSubcommand implements RulesSubcommand {

    private final RulesetValidator validator;
    private final RulesetSettings settings;

    ValidateSubcommand(RulesetValidator validator, RulesetSettings settings) {
        this.validator = validator;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "validate";
    }

    @Override
    public String usage() {
        return "validate [folder]          check rule files without activating them (default: the rules folder)";
    }

    @Override
    public int run(List<String> parameters, ApplicationArguments arguments, PrintStream out, PrintStream err) {
        if (parameters.size() > 1) {
            err.println("rules validate takes at most one folder");
            return 2;
        }
        Path folder = Path.of(parameters.isEmpty() ? settings.location() : parameters.get(0));
        RulesetSource source;
        try {
            source = RulesetSource.fromFolder(folder);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            err.println(e.getMessage());
            return 2;
        }
        ValidationReport report = validator.validate(source);
        print(report, out);
        return report.valid() ? 0 : 1;
    }

    static void print(ValidationReport report, PrintStream out) {
        report.errors().forEach(problem -> out.println(location(problem) + "error: " + problem.message()));
        report.warnings().forEach(problem -> out.println(location(problem) + "warning: " + problem.message()));
        out.printf("Ruleset '%s' (sha256 %s): %d rules, %d error(s), %d warning(s): %s%n", report.label(),
                report.sha256().substring(0, 12), report.rules(), report.errors().size(), report.warnings().size(),
                report.valid() ? "valid" : "NOT VALID");
    }

    private static String location(RuleProblem problem) {
        return problem.file() + ":" + problem.line() + ":" + problem.column() + ": ";
    }
}
