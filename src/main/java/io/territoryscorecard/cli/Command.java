package io.territoryscorecard.cli;

import java.io.PrintStream;
import org.springframework.boot.ApplicationArguments;

/** A command of the jar, such as {@code evaluate --period=2026-10}. */
public interface Command {

    /** The word that selects the command. */
    String name();

    /** One line for the usage message. */
    String usage();

    /** Runs the command; 0 is success. Problems go to {@code err} in words, without stack traces. */
    int run(ApplicationArguments arguments, PrintStream out, PrintStream err);
}
