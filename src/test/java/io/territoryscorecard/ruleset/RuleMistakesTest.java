package io.territoryscorecard.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import io.territoryscorecard.Launcher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The mistakes sales ops make when they write rules, each reported at the file and line they wrote, in words they
 * can act on: never a generated Java class, never a made-up place, never a stack trace. Each case changes one thing in
 * a small flag rule added to the default rules (or in a default file, or adds a decision table) and names the line the
 * report must point at.
 */
class RuleMistakesTest {

    private static final String DATABASE = "jdbc:h2:mem:rule-mistakes-" + UUID.randomUUID()
            + ";MODE=MySQL;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";
    private static final String FILE = "65-flag-revenue-far-below.drl";
    /** The rule each case breaks; its lines are numbered as the cases name them. */
    private static final String RULE = """
            // A flag sales ops added: revenue far below target.
            package scorecard;

            import io.territoryscorecard.ruleset.fact.*;

            rule "FLG-90 Revenue far below target"
                ruleflow-group "flags"
            when
                FlagLimit(flag == "REVENUE_SHORTFALL", $limit : value)
                $a : Attainment(kpi == "REVENUE", value < $limit)
                $k : Kpi(code == "REVENUE")
            then
                String shown = Decimals.percent($a.getValue(), 1);
                insert(ImprovementFlag.forKpi($a.getTerritory(), "REVENUE_SHORTFALL", Severity.HIGH, $k,
                        "Revenue at " + shown));
            end
            """;
    private static ConfigurableApplicationContext server;
    private static RulesetValidator validator;

    @BeforeAll
    static void start() {
        server = Launcher.startServer("--spring.datasource.url=" + DATABASE, "--scorecard.demo.evaluate-on-start=false");
        validator = server.getBean(RulesetValidator.class);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Mistake(String name, String file, String find, String replace, int line, String words) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Mistake> mistakes() {
        return Stream.of(
                new Mistake("a misspelt field in when", FILE, "value < $limit", "valeu < $limit", 10, "valeu"),
                new Mistake("a misspelt field in a binding", FILE, "kpi == \"REVENUE\", value < $limit",
                        "kpi == \"REVENUE\", $v : valeu, value < $limit", 10, "has no field valeu (did you mean value?)"),
                new Mistake("a misspelt method in then", FILE, "$a.getValue()", "$a.getValeu()", 13, "getValeu"),
                new Mistake("a missing ; in then", FILE, "Decimals.percent($a.getValue(), 1);",
                        "Decimals.percent($a.getValue(), 1)", 13, ";"),
                new Mistake("a missing end", FILE, "\nend\n", "\n", 6, "end"),
                new Mistake("an unbalanced parenthesis in when", FILE, "Kpi(code == \"REVENUE\")",
                        "Kpi(code == \"REVENUE\"", 11, ")"),
                new Mistake("an unbalanced parenthesis in then", FILE, "\"Revenue at \" + shown));",
                        "\"Revenue at \" + shown);", 15, ")"),
                new Mistake("an unterminated string", FILE, "kpi == \"REVENUE\", value", "kpi == \"REVENUE, value",
                        10, "quote"),
                new Mistake("a number compared with a string", FILE, "value < $limit", "value < \"high\"", 10,
                        "number"),
                new Mistake("an unknown KPI code", FILE, "kpi == \"REVENUE\"", "kpi == \"REVENU\"", 10, "REVENUE"),
                new Mistake("a misspelt enum constant", FILE, "Severity.HIGH", "Severity.HIHG", 14, "HIHG"),
                new Mistake("a misspelt status", FILE, "$k : Kpi(code == \"REVENUE\")",
                        "$k : Kpi(code == \"REVENUE\")\n    KpiStatus(kpi == \"REVENUE\", status == Status.GREN)", 12,
                        "GREN"),
                new Mistake("a duplicate rule name", FILE, "FLG-90 Revenue far below target",
                        "FLG-01 Revenue shortfall: revenue attainment below the limit", 6, "FLG-01"),
                new Mistake("an undefined variable in then", FILE, "$a.getTerritory()", "$b.getTerritory()", 14,
                        "$b"),
                new Mistake("a rule with no id in its name", FILE, "FLG-90 Revenue far below target",
                        "Revenue far below target", 6, "id"),
                new Mistake("an unknown fact type", FILE, "$a : Attainment(", "$a : Attainmant(", 10, "Attainmant"),
                new Mistake("a misspelt helper", FILE, "Decimals.percent(", "Decimals.percnt(", 13, "percnt"),
                new Mistake("a constructor with a missing argument", FILE,
                        "ImprovementFlag.forKpi($a.getTerritory(), \"REVENUE_SHORTFALL\", Severity.HIGH, $k,",
                        "ImprovementFlag.forKpi($a.getTerritory(), Severity.HIGH, $k,", 14, "forKpi"),
                new Mistake("a missing then", FILE, "\nthen\n", "\n", 12, "then"),
                new Mistake("a misspelt when", FILE, "\nwhen\n", "\nwehn\n", 8, "wehn"),
                new Mistake("= instead of ==", FILE, "kpi == \"REVENUE\"", "kpi = \"REVENUE\"", 10, "=="),
                new Mistake("a call outside the fact vocabulary", FILE, "String shown = ",
                        "System.exit(1); String shown = ", 13, "System"),
                new Mistake("a value of the wrong type in then", FILE, "String shown = Decimals",
                        "java.math.BigDecimal shown = Decimals", 13, "text"),
                new Mistake("a misspelt ruleflow group", FILE, "ruleflow-group \"flags\"", "ruleflow-group \"flag\"",
                        7, "flags"),
                new Mistake("a missing comma between conditions", FILE, "kpi == \"REVENUE\", value",
                        "kpi == \"REVENUE\" value", 10, "comma"),
                new Mistake("a misspelt insert", FILE, "insert(ImprovementFlag", "insrt(ImprovementFlag", 14,
                        "insrt"),
                new Mistake("a limit that is not a number", "12-kpi-status-bands.drl",
                        "new AttainmentLimit(Status.AMBER, \"0.90\")", "new AttainmentLimit(Status.AMBER, \"0,90\")",
                        17, "0,90"),
                new Mistake("a decision table cell that is not a number", "16-cap.drl.csv", "",
                        "setting,value\nattainment_cap,1.5x\n", 2, "'1.5x' is not a number"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void isReportedAtTheAuthorsLineInWords(Mistake mistake) {
        ValidationReport report = validator.validate(withMistake(mistake));

        List<RuleProblem> problems = Stream.concat(report.errors().stream(), report.warnings().stream()).toList();
        assertThat(problems).as("problems").isNotEmpty();
        RuleProblem first = problems.get(0);
        assertThat(first.file()).isEqualTo(mistake.file());
        assertThat(first.line()).as(first.toString()).isEqualTo(mistake.line());
        assertThat(first.message()).contains(mistake.words());
        for (RuleProblem problem : problems) {
            assertThat(problem.message()).as(problem.toString())
                    .doesNotContain(".java", "Exception", "\tat ", "Lambda", "scorecard.Rules", "0:0")
                    .doesNotContainPattern("\\n\\s*at ");
        }
    }

    private static RulesetSource withMistake(Mistake mistake) {
        try {
            Path folder = Files.createTempDirectory("mistake");
            try (var files = Files.list(Path.of("rules"))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, folder.resolve(file.getFileName()));
                }
            }
            if (mistake.file().equals(FILE)) {
                Files.writeString(folder.resolve(FILE), RULE);
            }
            Path broken = folder.resolve(mistake.file());
            String text = Files.exists(broken) ? Files.readString(broken) : "";
            assertThat(text).as("the case's text to change").contains(mistake.find());
            Files.writeString(broken, text.replace(mistake.find(), mistake.replace()));
            RulesetSource source = RulesetSource.fromFolder(folder);
            return new RulesetSource(source.label(), new TreeMap<>(source.files()), "upload by salesops");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
