package io.territoryscorecard.evaluation;

import io.territoryscorecard.cli.CommandLineMode;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Scheduled jobs (the nightly evaluation) run in server mode only, not while the jar runs a command. */
@Configuration
@EnableScheduling
@ConditionalOnExpression("'${" + CommandLineMode.PROPERTY + ":}' == ''")
class SchedulingConfiguration {
}
