package io.territoryscorecard.cli;

import java.util.Comparator;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Runs the command named by the first argument once the application has started, and keeps its exit code. */
@Component
@ConditionalOnProperty(CommandLineMode.PROPERTY)
@Order(Ordered.LOWEST_PRECEDENCE)
class CommandRunner implements ApplicationRunner, ExitCodeGenerator {

    private final List<Command> commands;
    private int exitCode = 1;

    CommandRunner(List<Command> commands) {
        this.commands = commands.stream().sorted(Comparator.comparing(Command::name)).toList();
    }

    @Override
    public void run(ApplicationArguments arguments) {
        String name = arguments.getNonOptionArgs().isEmpty() ? "" : arguments.getNonOptionArgs().get(0);
        Command command = commands.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
        if (command == null) {
            System.err.println("Unknown command '" + name + "'. Commands:");
            commands.forEach(c -> System.err.println("  java -jar territory-scorecard.jar " + c.usage()));
            exitCode = 2;
            return;
        }
        try {
            exitCode = command.run(arguments, System.out, System.err);
        } catch (RuntimeException e) {
            System.err.println(name + " failed: " + e.getMessage());
            exitCode = 1;
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
