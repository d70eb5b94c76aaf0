package io.territoryscorecard.ruleset.commands;

import io.territoryscorecard.ruleset.RuleProblem;
import io.territoryscorecard.ruleset.RulesetCompilationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.territoryscorecard.Launcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * On a database with no active version, a rules folder that does not compile stops the start and says where:
 * file:line:column for each problem, in the exception and on the console. The folder is a copy of the repository's
 * rules plus one broken file. (With a version active, the start keeps it instead: {@link RulesFolderAtStartupTest}.)
 */
@ExtendWith(OutputCaptureExtension.class)
class BrokenRulesAtStartupTest {

    /** Line 9 is an action, but no {@code then} comes before it. */
    private static final String WITHOUT_THEN = """
            package scorecard;

            import io.territoryscorecard.ruleset.fact.*;

            rule "BRK-01 A rule that lost its then"
                ruleflow-group "flags"
            when
                EvaluatedTerritory($t : territory)
                insert(ImprovementFlag.forTerritory($t, "BROKEN", Severity.LOW, "never raised"));
            end
            """;

    /** Line 8 names a field that Measurement does not have. */
    static final String MISSPELT_FIELD = """
            package scorecard;

            import io.territoryscorecard.ruleset.fact.*;

            rule "BRK-02 A rule with a misspelt field"
                ruleflow-group "flags"
            when
                Measurement(actaul > 0, $t : territory)
            then
                insert(ImprovementFlag.forTerritory($t, "BROKEN", Severity.LOW, "never raised"));
            end
            """;

    @TempDir
    Path rules;

    @Test
    void aRuleWithoutThenStopsTheStartNamingFileLineAndColumn(CapturedOutput output) throws IOException {
        RulesetCompilationException failure = startFailsWith("70-broken.drl", WITHOUT_THEN);

        RuleProblem problem = problemIn(failure, "70-broken.drl");
        // the first action, which has no 'then' before it
        assertThat(problem.line()).isEqualTo(9);
        assertThat(problem.message()).contains("no 'then'");
        assertThat(problem.toString()).isEqualTo(
                problem.file() + ":" + problem.line() + ":" + problem.column() + ": " + problem.message());
        assertThat(failure.getMessage()).contains(rules.toString()).contains(problem.toString());
        assertThat(output.getAll()).contains("The rules do not compile").contains("  " + problem)
                .contains("70-broken.drl:9:");
    }

    @Test
    void aMisspeltFactFieldStopsTheStartNamingTheFileAndTheField(CapturedOutput output) throws IOException {
        RulesetCompilationException failure = startFailsWith("71-misspelt.drl", MISSPELT_FIELD);

        RuleProblem problem = problemIn(failure, "71-misspelt.drl");
        assertThat(problem.message()).contains("actaul");
        assertThat(output.getAll()).contains("The rules do not compile").contains("  " + problem);
    }

    @Test
    void aMisspeltFactFieldIsReportedAtItsLine(CapturedOutput output) throws IOException {
        RulesetCompilationException failure = startFailsWith("71-misspelt.drl", MISSPELT_FIELD);

        RuleProblem problem = problemIn(failure, "71-misspelt.drl");
        assertThat(problem.line()).isEqualTo(8);
        assertThat(output.getAll()).contains("71-misspelt.drl:8:");
    }

    @Test
    void problemsNameTheFileByItsPathInTheRulesFolder() throws IOException {
        RulesetCompilationException failure = startFailsWith("70-broken.drl", WITHOUT_THEN);

        assertThat(failure.problems()).extracting(RuleProblem::file).containsOnly("70-broken.drl");
    }

    private RulesetCompilationException startFailsWith(String file, String content) throws IOException {
        try (Stream<Path> files = Files.list(Path.of("rules"))) {
            for (Path path : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(path)) {
                    Files.copy(path, rules.resolve(path.getFileName()));
                }
            }
        }
        Files.writeString(rules.resolve(file), content);

        Throwable failure = catchThrowable(() -> Launcher.startServer(
                "--spring.main.web-application-type=none",
                "--spring.datasource.url=jdbc:h2:mem:broken-rules-" + UUID.randomUUID()
                        + ";MODE=MySQL;CASE_INSENSITIVE_IDENTIFIERS=TRUE",
                "--spring.liquibase.contexts=schema-only",
                "--scorecard.demo.evaluate-on-start=false",
                "--scorecard.ruleset.location=" + rules).close());

        assertThat(failure).as("start with %s", file).isNotNull();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RulesetCompilationException compilation) {
                return compilation;
            }
        }
        throw new AssertionError("no RulesetCompilationException in the cause chain of " + failure, failure);
    }

    /**
     * The problem reported for the file, leaving out Drools' follow-up "Parser returned a null Package" at line 0.
     * Paths are compared by their end: that they are exactly the path in the rules folder is a test of its own.
     */
    private static RuleProblem problemIn(RulesetCompilationException failure, String file) {
        List<RuleProblem> problems = failure.problems().stream().filter(p -> p.file().endsWith(file))
                .filter(p -> p.line() != 0).toList();
        assertThat(problems).as("problems of %s among %s", file, failure.problems()).isNotEmpty();
        return problems.get(0);
    }
}
