package io.territoryscorecard.ruleset.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.territoryscorecard.DefaultRules;
import io.territoryscorecard.Launcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** {@code rules test [folder]} as the jar runs it: the command, the catalogue from the database, the exit code. */
@ExtendWith(OutputCaptureExtension.class)
class RulesTestCommandTest {

    private static final String DATABASE = "--spring.datasource.url=jdbc:h2:mem:rules-test-" + UUID.randomUUID()
            + ";MODE=MySQL;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";

    @TempDir
    Path folder;

    @Test
    void runsTheScenariosOfTheConfiguredFolder(CapturedOutput output) {
        int exit = Launcher.runCommand("rules", "test", DATABASE, "--scorecard.ruleset.location=rules");

        assertThat(exit).isZero();
        // the summary alone: no log line of the start, the database or the rule workers before or after it
        assertThat(output.getOut().lines().toList()).singleElement().asString().matches("Ruleset "
                + Pattern.quote(DefaultRules.label()) + ", \\d+ scenarios in \\d+ files: \\d+ passed, 0 failed");
        assertThat(output.getAll()).doesNotContain("INFO");
    }

    @Test
    void aFolderThatDoesNotCompileExitsWithTwoEvenWhenItIsTheConfiguredOne(CapturedOutput output) throws IOException {
        Files.writeString(folder.resolve("VERSION"), "broken");
        Files.writeString(folder.resolve("thresholds.drl.csv"), "setting,value\nattainment_cap,1.5x\n");

        int exit = Launcher.runCommand("rules", "test", DATABASE, "--scorecard.ruleset.location=" + folder);

        assertThat(exit).isEqualTo(2);
        assertThat(output.getErr()).contains("thresholds.drl.csv:2:2: row 2, column \"value\": '1.5x' is not a number");
    }

    @Test
    void aFailingScenarioExitsWithOne(CapturedOutput output) throws IOException {
        try (var files = Files.list(Path.of("rules"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, folder.resolve(file.getFileName()));
            }
        }
        Files.createDirectories(folder.resolve("scenarios"));
        Files.writeString(folder.resolve("scenarios/revenue.yaml"), """
                scenarios:
                  - name: revenue at 95% of target
                    measurements:
                      - {kpi: REVENUE, actual: 95, target: 100}
                    expect:
                      kpis:
                        REVENUE: {status: GREEN}
                """);

        int exit = Launcher.runCommand("rules", "test", folder.toString(), DATABASE);

        assertThat(exit).isEqualTo(1);
        assertThat(output.getOut().lines().toList()).containsExactly(
                "scenarios/revenue.yaml: revenue at 95% of target: expected KPI REVENUE status GREEN but was AMBER",
                "Ruleset " + DefaultRules.label() + ", 1 scenarios in 1 files: 0 passed, 1 failed");
        assertThat(output.getAll()).doesNotContain("INFO");
    }
}
