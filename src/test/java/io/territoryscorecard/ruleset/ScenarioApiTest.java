package io.territoryscorecard.ruleset;

import io.territoryscorecard.ruleset.scenarios.ScenarioSuite;

import static io.territoryscorecard.DemoAccount.ADMIN;
import static io.territoryscorecard.DemoAccount.SALES_OPS;
import static org.assertj.core.api.Assertions.assertThat;

import io.territoryscorecard.ApiClient;
import io.territoryscorecard.HttpAnswer;
import io.territoryscorecard.Launcher;
import io.territoryscorecard.MultipartForm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/rulesets/scenarios}: uploaded rules and scenarios in, the report as JSON out, nothing stored. */
class ScenarioApiTest {

    private static final String FAILING = """
            scenarios:
              - name: revenue at 95% of target
                measurements:
                  - {kpi: REVENUE, actual: 95, target: 100}
                expect:
                  kpis:
                    REVENUE: {status: GREEN}
            """;

    static ConfigurableApplicationContext server;
    static ApiClient api;

    @BeforeAll
    static void start() {
        server = Launcher.startServer("--spring.datasource.url=jdbc:h2:mem:scenario-api-" + UUID.randomUUID()
                + ";MODE=MySQL;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1",
                "--scorecard.demo.evaluate-on-start=false");
        api = ApiClient.anonymous(Launcher.port(server)).as(SALES_OPS);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theShippedScenariosPassAgainstTheShippedRules() {
        Map<String, String> files = defaultRules();
        Path scenarios = Path.of("rules", "scenarios");
        for (Path file : ScenarioSuite.scenarioFiles(Path.of("rules"))) {
            files.put("scenarios/" + scenarios.relativize(file), read(file));
        }

        JsonNode report = ok(api.post("/api/rulesets/scenarios", MultipartForm.files(files)));

        assertThat(report.path("outcome").asString()).isEqualTo("PASSED");
        assertThat(report.path("failed").asInt()).isZero();
        assertThat(report.path("passed").asInt()).isEqualTo(report.path("scenarios").size()).isPositive();
        assertThat(report.path("files").asInt()).isEqualTo(ScenarioSuite.scenarioFiles(Path.of("rules")).size());
    }

    @Test
    void aFailureIsTheScenarioAtItsLineWithExpectedAndActual() {
        Map<String, String> files = defaultRules();
        files.put("scenarios/revenue.yaml", FAILING);

        JsonNode report = ok(api.post("/api/rulesets/scenarios", MultipartForm.files(files)));

        assertThat(report.path("outcome").asString()).isEqualTo("FAILED");
        assertThat(report.path("summary").asString()).endsWith("1 scenarios in 1 files: 0 passed, 1 failed");
        JsonNode scenario = report.path("scenarios").get(0);
        assertThat(scenario.path("file").asString()).isEqualTo("scenarios/revenue.yaml");
        assertThat(scenario.path("line").asInt()).isEqualTo(2);
        assertThat(scenario.path("name").asString()).isEqualTo("revenue at 95% of target");
        assertThat(scenario.path("passed").asBoolean()).isFalse();
        JsonNode failure = scenario.path("failures").get(0);
        assertThat(failure.path("subject").asString()).isEqualTo("KPI REVENUE status");
        assertThat(failure.path("expected").asString()).isEqualTo("GREEN");
        assertThat(failure.path("actual").asString()).isEqualTo("AMBER");
        assertThat(failure.path("message").asString()).isEqualTo("expected KPI REVENUE status GREEN but was AMBER");
    }

    @Test
    void rulesThatDoNotCompileAreAReportNamingFileAndLine() {
        Map<String, String> files = defaultRules();
        files.put("scenarios/revenue.yaml", FAILING);
        files.put("70-broken.drl", "package scorecard;\n\nrule \"BRK-01 Broken\"\nwhen\n    Measurement(actual > 0\n"
                + "then\nend\n");

        JsonNode report = ok(api.post("/api/rulesets/scenarios", MultipartForm.files(files)));

        assertThat(report.path("outcome").asString()).isEqualTo("RULES_INVALID");
        assertThat(report.path("scenarios").size()).isZero();
        assertThat(report.path("problems").get(0).path("file").asString()).isEqualTo("70-broken.drl");
        assertThat(report.path("problems").get(0).path("line").asInt()).isBetween(3, 7);
    }

    @Test
    void onlySalesOpsRunScenarios() {
        MultipartForm form = MultipartForm.files(defaultRules());
        assertThat(api.as(ADMIN).post("/api/rulesets/scenarios", form).status()).isEqualTo(403);
        assertThat(api.anonymous().post("/api/rulesets/scenarios", form).status()).isEqualTo(401);
    }

    private static JsonNode ok(HttpAnswer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static Map<String, String> defaultRules() {
        return new TreeMap<>(RulesetSource.fromFolder(Path.of("rules")).files());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
