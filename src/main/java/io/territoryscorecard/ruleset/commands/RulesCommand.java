package io.territoryscorecard.ruleset.commands;

import io.territoryscorecard.ruleset.RulesSubcommand;

import io.territoryscorecard.cli.Command;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.stereotype.Component;

/** {@code rules <sub-command> ...}: what sales ops do with rulesets from the command line. */
@Component
class RulesCommand implements Command {

    private final List<RulesSubcommand> subcommands;

    RulesCommand(List<RulesSubcommand> subcommands) {
        this.subcommands = subcommands.stream().sorted(Comparator.comparing(RulesSubcommand::name)).toList();
    }

    @Override
    public String name() {
        return "rules";
    }

    @Override
    public String usage() {
        return "rules <" + String.join("|", subcommands.stream().map(RulesSubcommand::name).toList())
                + "> ...   work with rulesets (run 'rules' alone for details)";
    }

    @Override
    public int run(ApplicationArguments arguments, PrintStream out, PrintStream err) {
        List<String> words = arguments.getNonOptionArgs();
        String name = words.size() < 2 ? "" : words.get(1);
        RulesSubcommand subcommand = subcommands.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
        if (subcommand == null) {
            err.println(name.isEmpty() ? "rules needs a sub-command:" : "Unknown sub-command 'rules " + name + "'. Sub-commands:");
            subcommands.forEach(s -> err.println("  rules " + s.usage()));
            return 2;
        }
        return subcommand.run(words.subList(2, words.size()), arguments, out, err);
    }
}
