package io.territoryscorecard.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.territoryscorecard.Launcher;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * {@code benchmark-evaluation}: prints both phases and their ratio on an empty database with an active ruleset, refuses
 * any other.
 */
@ExtendWith(OutputCaptureExtension.class)
class BenchmarkEvaluationCommandTest {

    private static String database() {
        return "jdbc:h2:mem:benchmark-" + UUID.randomUUID()
                + ";MODE=MySQL;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";
    }

    private static String[] command(String contexts, String... options) {
        return commandOn(database(), contexts, options);
    }

    private static String[] commandOn(String url, String contexts, String... options) {
        String[] fixed = {"benchmark-evaluation", "--spring.datasource.url=" + url,
                "--spring.liquibase.contexts=" + contexts, "--scorecard.demo.evaluate-on-start=false"};
        String[] all = new String[fixed.length + options.length];
        System.arraycopy(fixed, 0, all, 0, fixed.length);
        System.arraycopy(options, 0, all, fixed.length, options.length);
        return all;
    }

    @Test
    void printsTheBaselineTheEvaluationAndTheirRatioOnAnEmptyDatabase(CapturedOutput output) {
        String url = database();
        assertThat(Launcher.runCommand("rules", "store", "rules", "--activate", "--spring.datasource.url=" + url,
                "--spring.liquibase.contexts=none")).isZero();

        assertThat(Launcher.runCommand(commandOn(url, "none", "--territories=200", "--period=2026-10"))).isZero();

        assertThat(output.getOut())
                .contains("200 territories x 12 KPIs = 2,400 measurements of 2026-10")
                .containsPattern("generated organisation and measurements +[0-9.]+ s .* 2,400 measurements  peak heap")
                // rule-free: 1 overall + 4 perspectives + 12 KPIs + 1 flag + 1 alert request per territory
                .containsPattern("baseline: reads and writes, no rules +[0-9.]+ s +[0-9,]+ territories/s +3,800 "
                        + "result rows  peak heap +[0-9,]+ MB")
                .containsPattern("evaluation with the active ruleset +[0-9.]+ s +[0-9,]+ territories/s +[0-9,]+ "
                        + "result rows  peak heap +[0-9,]+ MB  \\([0-9.]+ x baseline time\\)")
                .containsPattern("evaluation / baseline time: [0-9]+\\.[0-9]{2}");
    }

    @Test
    void refusesADatabaseWithoutAnActiveRulesetBeforeGeneratingAnything(CapturedOutput output) {
        assertThat(Launcher.runCommand(command("none", "--territories=200"))).isEqualTo(1);

        assertThat(output.getErr()).contains("no ruleset version is active").contains("rules store")
                .contains("rules activate");
        assertThat(output.getOut()).doesNotContain("generated organisation");
    }

    @Test
    void refusesADatabaseThatHasTerritoriesOrMeasurements(CapturedOutput output) {
        assertThat(Launcher.runCommand(command("demo", "--territories=200"))).isEqualTo(2);

        assertThat(output.getErr()).contains("benchmark-evaluation needs an empty database, but this one has 60 "
                + "territories");
        assertThat(output.getOut()).doesNotContain("baseline");
    }

    @Test
    void refusesATerritoryCountThatIsNotAPositiveNumber(CapturedOutput output) {
        assertThat(Launcher.runCommand(command("none", "--territories=0"))).isEqualTo(2);

        assertThat(output.getErr()).contains("--territories must be a positive whole number");
    }
}
