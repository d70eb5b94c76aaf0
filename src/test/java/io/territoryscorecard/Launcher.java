package io.territoryscorecard;

import io.territoryscorecard.cli.CommandLineMode;
import java.util.Arrays;
import java.util.stream.Stream;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the application the way {@link ScorecardApplication#main} does, without its System.exit. */
public final class Launcher {

    private Launcher() {
    }

    /** Runs a command ({@code evaluate --period=2026-10}) without the web server and returns its exit code. */
    public static int runCommand(String... args) {
        SpringApplication application = new SpringApplication(ScorecardApplication.class);
        CommandLineMode.configure(application, args);
        return SpringApplication.exit(application.run(args));
    }

    /** Starts the service with its web server on a free port; the caller closes it. */
    public static ConfigurableApplicationContext startServer(String... args) {
        String[] withPort = Stream.concat(Arrays.stream(args), Stream.of("--server.port=0")).toArray(String[]::new);
        return new SpringApplication(ScorecardApplication.class).run(withPort);
    }

    public static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }
}
