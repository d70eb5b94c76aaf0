package io.territoryscorecard.cli;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

/** Decides from the arguments whether the jar runs as a server or as a command. */
public final class CommandLineMode {

    /** Set to the command's name when the jar runs a command; absent when it runs as a server. */
    public static final String PROPERTY = "scorecard.command";

    private CommandLineMode() {
    }

    /** A first argument that is not an option ("evaluate", "rules") names a command. */
    public static boolean isCommand(String[] args) {
        return args.length > 0 && !args[0].startsWith("-");
    }

    /**
     * Configures the application to run the command: no web server, no banner, and only warnings and errors logged,
     * so that what the command prints is not lost among the start-up's log lines ({@code --logging.level.root=INFO}
     * brings them back).
     */
    public static void configure(SpringApplication application, String[] args) {
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setBannerMode(org.springframework.boot.Banner.Mode.OFF);
        application.setDefaultProperties(Map.of(PROPERTY, args[0], "logging.level.root", "WARN"));
    }
}
