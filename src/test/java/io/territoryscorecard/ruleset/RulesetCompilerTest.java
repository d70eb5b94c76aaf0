package io.territoryscorecard.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.territoryscorecard.ruleset.fact.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesetCompilerTest {

    @TempDir
    Path folder;

    @Test
    void changingOneNumberInTheRulesChangesTheResult() throws IOException {
        copyDefaultRules();
        Path bands = folder.resolve("12-kpi-status-bands.drl");
        String text = Files.readString(bands);
        Files.writeString(bands, text.replace("Status.AMBER, \"0.90\"", "Status.AMBER, \"0.95\""));

        CompiledRuleset changed = RuleHarness.compile(folder);
        TerritoryFacts facts = new TerritoryFacts("T-01", List.of(new io.territoryscorecard.ruleset.fact.Measurement(
                "T-01", RuleHarness.kpi("REVENUE"), new java.math.BigDecimal("0.92"), java.math.BigDecimal.ONE)),
                List.of());
        var revenue = changed.assess("2026-10", RuleHarness.CATALOGUE, List.of(facts)).get(0).kpis().get(0);

        assertThat(revenue.status()).isEqualTo(Status.RED);
        assertThat(RuleHarness.defaultRules().attainment("REVENUE", "0.92").assess().kpi("REVENUE").status())
                .isEqualTo(Status.AMBER);
        assertThat(RulesetSource.fromFolder(folder).sha256())
                .isNotEqualTo(RulesetSource.fromFolder(Path.of("rules")).sha256());
    }

    @Test
    void sameFilesGiveTheSameSha256AndLabel() throws IOException {
        copyDefaultRules();

        RulesetSource copy = RulesetSource.fromFolder(folder);
        RulesetSource original = RulesetSource.fromFolder(Path.of("rules"));

        assertThat(copy.sha256()).isEqualTo(original.sha256()).hasSize(64);
        assertThat(copy.label()).isEqualTo(Files.readString(Path.of("rules/VERSION")).strip());
    }

    @Test
    void aSyntaxErrorIsReportedAsFileLineColumn() throws IOException {
        copyDefaultRules();
        Files.writeString(folder.resolve("70-broken.drl"), """
                package scorecard;

                import io.territoryscorecard.ruleset.fact.*;

                rule "BRK-01 Missing then"
                    ruleflow-group "flags"
                when
                    $a : Attainment(value < 0.5
                    insert(new Object());
                end
                """);

        assertThatThrownBy(() -> RuleHarness.compile(folder))
                .isInstanceOfSatisfying(RulesetCompilationException.class, e -> {
                    assertThat(e.problems()).isNotEmpty();
                    RuleProblem problem = e.problems().get(0);
                    assertThat(problem.file()).isEqualTo("70-broken.drl");
                    assertThat(problem.line()).isBetween(8, 10);
                    assertThat(problem.toString()).startsWith("70-broken.drl:" + problem.line() + ":"
                            + problem.column() + ": ");
                });
    }

    @Test
    void anUnknownFactFieldNamesTheFileAndLine() throws IOException {
        copyDefaultRules();
        Files.writeString(folder.resolve("71-typo.drl"), """
                package scorecard;

                import io.territoryscorecard.ruleset.fact.*;

                rule "TYP-01 Misspelt field"
                    ruleflow-group "flags"
                when
                    $m : Measurement(actaul > 0)
                then
                    insert(new KpiWeight("X", "1"));
                end
                """);

        assertThatThrownBy(() -> RuleHarness.compile(folder))
                .isInstanceOfSatisfying(RulesetCompilationException.class, e -> {
                    assertThat(e.problems()).anySatisfy(problem -> {
                        assertThat(problem.file()).isEqualTo("71-typo.drl");
                        assertThat(problem.line()).isEqualTo(8);
                        assertThat(problem.message()).contains("actaul");
                    });
                });
    }

    @Test
    void aFolderWithoutRulesIsRejected() throws IOException {
        Files.writeString(folder.resolve("VERSION"), "empty");

        assertThatThrownBy(() -> RuleHarness.compile(folder))
                .isInstanceOfSatisfying(RulesetCompilationException.class,
                        e -> assertThat(e.problems().get(0).message()).contains("no rule files"));
    }

    private void copyDefaultRules() throws IOException {
        try (var files = Files.list(Path.of("rules"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, folder.resolve(file.getFileName()));
            }
        }
    }
}
