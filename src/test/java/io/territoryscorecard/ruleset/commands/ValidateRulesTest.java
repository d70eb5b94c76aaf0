package io.territoryscorecard.ruleset.commands;

import static io.territoryscorecard.DemoAccount.NORTH_MANAGER;
import static io.territoryscorecard.DemoAccount.SALES_OPS;
import static org.assertj.core.api.Assertions.assertThat;

import io.territoryscorecard.ApiClient;
import io.territoryscorecard.HttpAnswer;
import io.territoryscorecard.Launcher;
import io.territoryscorecard.MultipartForm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** {@code rules validate} on the command line and {@code POST /api/rulesets/validate}: errors and warnings in words. */
@ExtendWith(OutputCaptureExtension.class)
class ValidateRulesTest {

    private static final String DATABASE = "jdbc:h2:mem:validate-" + UUID.randomUUID()
            + ";MODE=MySQL;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";
    /** Short, so that the rules that run away below are stopped soon. */
    private static final String BUDGET = "--scorecard.ruleset.time-budget=2s";
    private static ConfigurableApplicationContext server;
    private static int port;

    @TempDir
    Path folder;

    @BeforeAll
    static void start() {
        server = Launcher.startServer("--spring.datasource.url=" + DATABASE, "--scorecard.demo.evaluate-on-start=false",
                BUDGET);
        port = Launcher.port(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theDefaultRulesAreValid(CapturedOutput output) {
        assertThat(validate("rules")).isZero();
        assertThat(output.getOut()).contains("0 error(s), 0 warning(s): valid");
    }

    @Test
    void aSyntaxErrorFailsWithFileLineAndColumn(CapturedOutput output) throws IOException {
        copyDefaults();
        Files.writeString(folder.resolve("70-broken.drl"), """
                package scorecard;
                import io.territoryscorecard.ruleset.fact.*;
                rule "BRK-01 No then"
                    ruleflow-group "flags"
                when
                    Attainment(value < 0.5)
                    insert(new KpiWeight("X", "1"));
                end
                """);

        assertThat(validate(folder.toString())).isEqualTo(1);
        assertThat(output.getOut()).containsPattern("70-broken\\.drl:\\d+:\\d+: error: ").contains("NOT VALID");
    }

    @Test
    void anUnknownFieldListsTheFieldsTheFactHas(CapturedOutput output) throws IOException {
        copyDefaults();
        Files.writeString(folder.resolve("71-typo.drl"), """
                package scorecard;
                import io.territoryscorecard.ruleset.fact.*;
                rule "TYP-01 Misspelt field"
                    ruleflow-group "flags"
                when
                    Measurement(actaul > 0)
                then
                    insert(new KpiWeight("X", "1"));
                end
                """);

        assertThat(validate(folder.toString())).isEqualTo(1);
        assertThat(output.getOut()).contains("71-typo.drl:6:")
                .contains("Measurement has the fields: actual, direction, kpi, kpiName, perspective, target, territory");
    }

    @Test
    void aMisspeltKpiCodeIsAWarningThatSuggestsTheRightCode(CapturedOutput output) throws IOException {
        copyDefaults();
        Path file = folder.resolve("60-flag-revenue-shortfall.drl");
        Files.writeString(file, Files.readString(file).replace("kpi == \"REVENUE\"", "kpi == \"REVENU\""));

        assertThat(validate(folder.toString())).isZero();
        assertThat(output.getOut()).containsPattern("60-flag-revenue-shortfall\\.drl:\\d+:\\d+: warning: KPI code "
                + "\"REVENU\" is not in the catalogue, so this never matches \\(did you mean \"REVENUE\"\\?\\)");
    }

    /** In an alert rule, {@code code == "..."} on a flag is a flag code; on a {@code Kpi} it is still a KPI code. */
    @Test
    void aFlagCodeInAnAlertConditionIsNoKpiWarningButAMisspeltKpiCodeIs(CapturedOutput output) throws IOException {
        copyDefaults();
        Files.writeString(folder.resolve("73-alert-market-share.drl"), """
                package scorecard;
                import io.territoryscorecard.ruleset.fact.*;
                rule "ALR-91 Market share low: alert"
                    ruleflow-group "alerts"
                when
                    $f : ImprovementFlag(code == "MARKET_SHARE_LOW")
                    $k : Kpi(code == "MARKET_SHAR")
                then
                    insert(AlertRequest.forKpi($f.getTerritory(), $f.getCode(), Severity.LOW, $k, $f.getMessage()));
                end
                """);

        assertThat(validate(folder.toString())).isZero();
        assertThat(output.getOut()).contains("73-alert-market-share.drl:7:").contains("KPI code \"MARKET_SHAR\" is "
                + "not in the catalogue").doesNotContain("\"MARKET_SHARE_LOW\" is not in the catalogue")
                .contains("0 error(s), 1 warning(s)");
    }

    @Test
    void anUnknownFactListsTheFactsAlertRequestIncluded(CapturedOutput output) throws IOException {
        copyDefaults();
        Files.writeString(folder.resolve("73-alert-typo.drl"), """
                package scorecard;
                import io.territoryscorecard.ruleset.fact.*;
                rule "ALR-92 Unknown fact"
                    ruleflow-group "alerts"
                when
                    Alert(code == "OVERALL_RED")
                then
                end
                """);

        assertThat(validate(folder.toString())).isEqualTo(1);
        assertThat(output.getOut()).contains("73-alert-typo.drl:").contains("Facts rules can use: ")
                .contains("ImprovementFlag, AlertRequest");
    }

    @Test
    void aSecondLimitForAStatusAndAnAmberLimitAboveGreenAreWarnings(CapturedOutput output) throws IOException {
        copyDefaults();
        Path bands = folder.resolve("12-kpi-status-bands.drl");
        Files.writeString(bands, Files.readString(bands).replace("insert(new AttainmentLimit(Status.AMBER, \"0.90\"));",
                "insert(new AttainmentLimit(Status.AMBER, \"0.90\")); insert(new AttainmentLimit(Status.AMBER, \"0.92\"));"));
        Path scores = folder.resolve("14-score-status-bands.drl");
        Files.writeString(scores, Files.readString(scores).replace("Status.AMBER, \"60\"", "Status.AMBER, \"85\""));

        assertThat(validate(folder.toString())).isZero();
        assertThat(output.getOut())
                .contains("KPI status limits (attainment): AMBER has 2 limits (0.90, 0.92): keep one, or the "
                        + "evaluation fails")
                .contains("perspective and overall status limits (score): the AMBER limit 85 is not below the GREEN "
                        + "limit 80, so nothing is AMBER");
    }

    @Test
    void aKpisOwnBandsAndScoreLineAreCheckedApartFromThoseForAllKpis(CapturedOutput output) throws IOException {
        copyDefaults();
        Files.writeString(folder.resolve("16-revenue.drl.csv"), """
                setting,kpi,status,attainment,value
                kpi_status_from,REVENUE,GREEN,,1.05
                kpi_status_from,REVENUE,AMBER,,0.95
                score_breakpoint,REVENUE,,0.80,0
                score_breakpoint,REVENUE,,1.10,100
                """);

        assertThat(validate(folder.toString())).isZero();
        assertThat(output.getOut()).contains("0 error(s), 0 warning(s): valid");
    }

    @Test
    void aRuleThatCallsOutsideTheFactsIsAnError(CapturedOutput output) throws IOException {
        copyDefaults();
        Files.writeString(folder.resolve("72-exit.drl"), """
                package scorecard;
                import io.territoryscorecard.ruleset.fact.*;
                rule "EXT-01 Exit"
                    ruleflow-group "flags"
                when
                    EvaluatedTerritory()
                then
                    System.exit(0);
                end
                """);

        assertThat(validate(folder.toString())).isEqualTo(1);
        assertThat(output.getOut()).contains("72-exit.drl:8:12: error: rule \"EXT-01 Exit\" calls java.lang.System.exit");
    }

    /**
     * Validation fires the settings phase (and rules without a phase) in a rule worker, bounded like an evaluation:
     * a rule that runs away there is an error at its line, never a held request, an exhausted heap or a 500.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a busy loop in the settings phase | ruleflow-group \"settings\" | long i = 0; while (i >= 0) { i++; } "
                + "| time budget of 2 s",
        "a busy loop without a phase | | long i = 0; while (i >= 0) { i++; } | time budget of 2 s",
        "work inside the JDK without a phase | | java.util.stream.LongStream.range(0, Long.MAX_VALUE).sum(); "
                + "| time budget of 2 s",
        "an array bomb in the settings phase | ruleflow-group \"settings\" | long[] a = new long[Integer.MAX_VALUE - 8]; "
                + "| ran out of memory",
        "a list bomb without a phase | | new java.util.ArrayList(java.util.Collections.nCopies(400_000_000, \"x\")); "
                + "| ran out of memory"})
    void aRuleThatRunsAwayWhileValidatedIsAnErrorAtItsLine(String what, String group, String consequence,
            String reason, CapturedOutput output) throws IOException {
        copyDefaults();
        String drl = """
                package scorecard;
                import io.territoryscorecard.ruleset.fact.*;

                rule "RUN-01 Runs away"
                    %s
                when
                then
                    %s
                end
                """.formatted(group == null ? "" : group, consequence);
        Files.writeString(folder.resolve("74-runaway.drl"), drl);

        assertThat(validate(folder.toString())).isEqualTo(1);
        assertThat(output.getOut()).contains("74-runaway.drl:4:1: error: the settings phase failed:")
                .contains("RUN-01").contains(reason);

        HttpAnswer answer = upload(ApiClient.anonymous(port).as(SALES_OPS), Map.of("74-runaway.drl", drl,
                "10-kpi-weights.drl", Files.readString(Path.of("rules/10-kpi-weights.drl"))));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("\"valid\":false").contains("\"file\":\"74-runaway.drl\"")
                .contains("\"line\":4").contains("RUN-01").contains(reason);
        // The service is none the worse for it.
        assertThat(ApiClient.anonymous(port).get("/actuator/health").status()).isEqualTo(200);
    }

    @Test
    void anEmptyFolderAndAHugeFileAreErrors(CapturedOutput output) throws IOException {
        assertThat(validate(folder.toString())).isEqualTo(1);
        assertThat(output.getOut()).contains("no rule files (*.drl) found");

        copyDefaults();
        Files.writeString(folder.resolve("80-huge.drl"), "// " + "x".repeat(20 * 1024 * 1024));
        assertThat(validate(folder.toString())).isEqualTo(1);
        assertThat(output.getOut()).contains("80-huge.drl:0:0: error: the file has 20971523 bytes");
    }

    @Test
    void aFolderThatDoesNotExistIsAUsageError() {
        assertThat(validate(folder.resolve("missing").toString())).isEqualTo(2);
    }

    @Test
    void theApiValidatesUploadedFilesWithoutActivatingThem() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        try (var paths = Files.list(Path.of("rules"))) {
            for (Path path : paths.filter(p -> p.toString().endsWith(".drl") || p.endsWith("VERSION")).toList()) {
                files.put(path.getFileName().toString(), Files.readString(path));
            }
        }
        files.put("60-flag-revenue-shortfall.drl", files.get("60-flag-revenue-shortfall.drl").replace("\"0.80\"", "\"0.80\""));
        files.put("73-exit.drl", "package scorecard;\nrule \"EXT-02 Exit\"\nwhen\nthen\n    Runtime.getRuntime().halt(1);\nend\n");
        ApiClient api = ApiClient.anonymous(port).as(SALES_OPS);
        String activeBefore = api.get("/actuator/health").json().path("components").path("ruleset")
                .path("details").path("sha256").asString();

        HttpAnswer answer = upload(api, files);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("\"valid\":false").contains("\"file\":\"73-exit.drl\"")
                .contains("java.lang.Runtime.getRuntime");
        assertThat(api.get("/actuator/health").json().path("components").path("ruleset")
                .path("details").path("sha256").asString()).isEqualTo(activeBefore);
    }

    /** The command line and the API say the same words at the same place (RuleMistakesTest holds the whole corpus). */
    @Test
    void aTypoInTheActionsIsReportedAtTheAuthorsLineOnTheCommandLineAndInTheApi(CapturedOutput output)
            throws IOException {
        copyDefaults();
        Path file = folder.resolve("60-flag-revenue-shortfall.drl");
        Files.writeString(file, Files.readString(file).replace("$a.getValue()", "$a.getValeu()"));
        String expected = "60-flag-revenue-shortfall.drl:14:";
        String words = "Attainment has no getValeu(): did you mean getValue?";

        assertThat(validate(folder.toString())).isEqualTo(1);
        assertThat(output.getOut()).contains(expected).contains(words).doesNotContain("LambdaConsequence", ".java");

        Map<String, String> files = new LinkedHashMap<>();
        try (var paths = Files.list(folder)) {
            for (Path path : paths.filter(p -> p.toString().endsWith(".drl") || p.endsWith("VERSION")).toList()) {
                files.put(path.getFileName().toString(), Files.readString(path));
            }
        }
        HttpAnswer answer = upload(ApiClient.anonymous(port).as(SALES_OPS), files);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("\"file\":\"60-flag-revenue-shortfall.drl\"", "\"line\":14", words)
                .doesNotContain("LambdaConsequence");
    }

    @Test
    void theApiRefusesPathTraversalAndOtherRoles() throws Exception {
        ApiClient api = ApiClient.anonymous(port);
        HttpAnswer traversal = upload(api.as(SALES_OPS), Map.of("../../etc/passwd", "x"));
        assertThat(traversal.status()).isEqualTo(400);
        assertThat(traversal.body()).contains("file name '../../etc/passwd' is not allowed");

        assertThat(upload(api.as(NORTH_MANAGER), Map.of("a.drl", "x")).status()).isEqualTo(403);
        assertThat(upload(api, Map.of("a.drl", "x")).status()).isEqualTo(401);
    }

    private int validate(String folderPath) {
        return Launcher.runCommand("rules", "validate", folderPath, "--spring.datasource.url=" + DATABASE, BUDGET);
    }

    private void copyDefaults() throws IOException {
        try (var files = Files.list(Path.of("rules"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, folder.resolve(file.getFileName()));
            }
        }
    }

    private static HttpAnswer upload(ApiClient client, Map<String, String> files) {
        return client.post("/api/rulesets/validate", MultipartForm.files(files));
    }
}
