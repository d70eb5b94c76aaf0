package io.territoryscorecard;

import io.territoryscorecard.cli.CommandLineMode;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs the service, or with a command as first argument ({@code evaluate --period=2026-10}) that command. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ScorecardApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(ScorecardApplication.class);
        if (CommandLineMode.isCommand(args)) {
            CommandLineMode.configure(application, args);
            System.exit(SpringApplication.exit(application.run(args)));
        }
        application.run(args);
    }

    /** Scheduled jobs (nightly evaluation, alert e-mails) run in server mode only, not while the jar runs a command. */
    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    @ConditionalOnExpression("'${" + CommandLineMode.PROPERTY + ":}' == ''")
    static class Scheduling {
    }
}
