package io.territoryscorecard.ruleset;

import java.io.PrintStream;
import java.util.List;
import org.springframework.boot.ApplicationArguments;

/**
 * One sub-command of {@code rules}, such as {@code rules validate [folder]}. Other modules contribute sub-commands as
 * beans ({@code rules preview} comes from the evaluation module).
 */
public interface RulesSubcommand {

    String name();

    /** One line for the usage message, without the leading "rules ". */
    String usage();

    /**
     * Runs the sub-command. {@code parameters} are the words after the sub-command's name; options are in
     * {@code arguments}. Returns the exit code: 0 success, 1 the check failed, 2 usage error.
     */
    int run(List<String> parameters, ApplicationArguments arguments, PrintStream out, PrintStream err);
}
