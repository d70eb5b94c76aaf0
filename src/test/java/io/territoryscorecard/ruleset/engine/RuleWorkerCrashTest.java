package io.territoryscorecard.ruleset.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.territoryscorecard.ScorecardApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service killed with {@code kill -9} leaves no rule worker behind: a worker ends as soon as its input (the service's
 * end of the pipe) closes, so no orphan keeps memory or a core.
 */
class RuleWorkerCrashTest {

    private static final Pattern WORKER_STARTED = Pattern.compile("Rule worker \\d+ started \\(process (\\d+),");

    @TempDir
    Path folder;

    @Test
    void theWorkersOfAServiceKilledWithKill9EndWithIt() throws IOException {
        Path log = folder.resolve("service.log");
        // not from the project folder, which the class path holds: Liquibase would find db/ there twice
        Process service = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-cp", System.getProperty("java.class.path"), ScorecardApplication.class.getName(),
                "--server.port=0", "--scorecard.demo.evaluate-on-start=false",
                "--spring.datasource.url=jdbc:h2:mem:crash-" + UUID.randomUUID()
                        + ";MODE=MySQL;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1")
                .directory(folder.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            // The start-up validates and activates the rules: that compiles them in a worker.
            long worker = await().atMost(Duration.ofMinutes(2)).until(() -> workerPid(log), Optional::isPresent)
                    .orElseThrow();
            assertThat(ProcessHandle.of(worker)).hasValueSatisfying(handle -> {
                assertThat(handle.parent().map(ProcessHandle::pid)).contains(service.pid());
                assertThat(RuleWorkerIsolationTest.isRuleWorker(handle)).isTrue();
            });

            service.destroyForcibly();

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> ProcessHandle.of(worker).map(ProcessHandle::isAlive).orElse(false), alive -> !alive);
        } finally {
            service.destroyForcibly();
        }
    }

    private static Optional<Long> workerPid(Path log) throws IOException {
        Matcher matcher = WORKER_STARTED.matcher(Files.readString(log));
        return matcher.find() ? Optional.of(Long.parseLong(matcher.group(1))) : Optional.empty();
    }
}
