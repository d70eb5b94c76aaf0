package io.territoryscorecard.ruleset;

import static io.territoryscorecard.DemoAccount.ADMIN;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Ruleset versions through the API and the command line: store, compare, activate without a restart, roll back;
 * results name the version that produced them; a restart keeps an activation made through the API.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RulesetVersionsTest {

    private static final String DATABASE = "jdbc:h2:mem:versions-" + UUID.randomUUID()
            + ";MODE=MySQL;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";
    private static ConfigurableApplicationContext server;
    private static ApiClient api;
    private static JdbcClient jdbc;
    private static long original;
    private static long stricter;

    @BeforeAll
    static void start() {
        server = Launcher.startServer("--spring.datasource.url=" + DATABASE, "--scorecard.demo.evaluate-on-start=false");
        api = ApiClient.anonymous(Launcher.port(server)).as(SALES_OPS);
        jdbc = server.getBean(JdbcClient.class);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @Order(1)
    void theRulesFolderIsTheActiveVersionAfterTheFirstStart() {
        JsonNode active = api.get("/api/rulesets/active").json();
        original = active.path("id").asLong();

        assertThat(active.path("active").asBoolean()).isTrue();
        assertThat(api.get("/api/rulesets/activations").json().get(0).path("activatedBy").asString())
                .startsWith("start-up of ");
    }

    @Test
    @Order(2)
    void storingValidFilesMakesAnInactiveVersionAndTheSameFilesTheSameVersion() throws IOException {
        HttpAnswer stored = api.post("/api/rulesets?note=stricter%20amber", MultipartForm.files(stricterFiles()));
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        stricter = stored.json().path("version").path("id").asLong();

        assertThat(stricter).isNotEqualTo(original);
        assertThat(stored.json().path("version").path("active").asBoolean()).isFalse();
        assertThat(stored.json().path("version").path("createdBy").asString()).isEqualTo("salesops");
        assertThat(api.post("/api/rulesets", MultipartForm.files(stricterFiles())).json().path("version").path("id")
                .asLong()).isEqualTo(stricter);
        assertThat(api.get("/api/rulesets/active").json().path("id").asLong()).isEqualTo(original);
    }

    @Test
    @Order(3)
    void filesWithErrorsAreRejectedWithTheReportAndNothingIsStored() throws IOException {
        int before = api.get("/api/rulesets").json().size();
        Map<String, String> files = defaultFiles();
        files.put("70-broken.drl", "package scorecard;\nrule \"BRK-01\"\nwhen\n    Measurement(actaul > 0)\nthen\nend\n");

        HttpAnswer rejected = api.post("/api/rulesets", MultipartForm.files(files));

        assertThat(rejected.status()).isEqualTo(422);
        assertThat(rejected.json().path("report").path("errors").get(0).path("file").asString())
                .isEqualTo("70-broken.drl");
        assertThat(api.get("/api/rulesets").json().size()).isEqualTo(before);
    }

    @Test
    @Order(4)
    void theDiffShowsTheChangedFileLinesAndRule() {
        JsonNode diff = api.get("/api/rulesets/" + original + "/diff/" + stricter).json();

        assertThat(diff.path("files")).hasSize(2);
        assertThat(diff.path("files").toString()).contains("12-kpi-status-bands.drl")
                .containsPattern("- \\d+:     insert\\(new AttainmentLimit\\(Status.AMBER, \\\\\"0.90\\\\\"")
                .containsPattern("\\+ \\d+:     insert\\(new AttainmentLimit\\(Status.AMBER, \\\\\"0.95\\\\\"");
        assertThat(diff.path("rules").toString()).contains("SET-03 KPI status bands").contains("changed");
    }

    @Test
    @Order(5)
    void activationSwapsTheRulesWithoutARestartAndResultsNameTheVersion() {
        assertThat(api.post("/api/rulesets/" + stricter + "/activate", "{\"note\":\"try stricter\"}").status())
                .isEqualTo(200);

        JsonNode run = api.evaluate("2026-10");

        assertThat(run.path("rulesetVersionId").asLong()).isEqualTo(stricter);
        JsonNode card = api.get("/api/scorecards/NORTH-01?period=2026-10").json();
        assertThat(card.path("rulesetVersionId").asLong()).isEqualTo(stricter);
        for (JsonNode kpi : card.path("kpis")) {
            if (kpi.path("attainment").isNumber()) {
                double attainment = kpi.path("attainment").asDouble();
                if (attainment >= 0.90 && attainment < 0.95) {
                    assertThat(kpi.path("status").asString()).as(kpi.toString()).isEqualTo("RED");
                }
            }
        }
        assertThat(api.get("/actuator/health").json().path("components").path("ruleset").path("details")
                .path("version").asLong()).isEqualTo(stricter);
    }

    @Test
    @Order(6)
    void aRestartKeepsAnActivationMadeThroughTheApi() {
        try (ConfigurableApplicationContext second = Launcher.startServer("--spring.datasource.url=" + DATABASE,
                "--scorecard.demo.evaluate-on-start=false")) {
            assertThat(ApiClient.anonymous(Launcher.port(second)).as(SALES_OPS).get("/api/rulesets/active").json()
                    .path("id").asLong()).isEqualTo(stricter);
        }
    }

    @Test
    @Order(7)
    void rollbackGoesBackToTheVersionActiveBefore() {
        JsonNode back = api.post("/api/rulesets/rollback", "{\"note\":\"too strict\"}").json();

        assertThat(back.path("id").asLong()).isEqualTo(original);
        assertThat(api.get("/api/rulesets/active").json().path("id").asLong()).isEqualTo(original);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'RULESET_ROLLED_BACK' AND actor = 'salesops'")
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    @Order(8)
    void concurrentActivationsLeaveExactlyOneActiveVersionThatTheServiceUses() {
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            long id = i % 2 == 0 ? original : stricter;
            calls.add(CompletableFuture.supplyAsync(() -> api.post("/api/rulesets/" + id + "/activate", "{}").status()));
        }

        assertThat(calls.stream().map(CompletableFuture::join)).containsOnly(200);
        List<Long> active = jdbc.sql("SELECT id FROM ruleset_version WHERE active = TRUE").query(Long.class).list();
        assertThat(active).hasSize(1);
        assertThat(api.get("/actuator/health").json().path("components").path("ruleset").path("details")
                .path("version").asLong()).isEqualTo(active.get(0));
    }

    @Test
    @Order(9)
    void onlySalesOpsChangeVersionsAndUnknownVersionsAreNotFound() {
        assertThat(api.as(ADMIN).post("/api/rulesets/" + original + "/activate", "{}").status()).isEqualTo(403);
        assertThat(api.as(ADMIN).get("/api/rulesets").status()).isEqualTo(200);
        assertThat(api.as(NORTH_MANAGER).get("/api/rulesets").status()).isEqualTo(403);
        assertThat(api.anonymous().post("/api/rulesets/rollback", "{}").status()).isEqualTo(401);
        assertThat(api.post("/api/rulesets/999999/activate", "{}").status()).isEqualTo(404);
        assertThat(api.get("/api/rulesets/999999").status()).isEqualTo(404);
    }

    @Test
    @Order(10)
    void theCommandLineListsComparesAndActivates() {
        String database = "--spring.datasource.url=" + DATABASE;
        assertThat(Launcher.runCommand("rules", "versions", database)).isZero();
        assertThat(Launcher.runCommand("rules", "diff", String.valueOf(original), String.valueOf(stricter), database))
                .isZero();
        assertThat(Launcher.runCommand("rules", "activate", String.valueOf(stricter), "--note=from the shell", database))
                .isZero();
        assertThat(Launcher.runCommand("rules", "activate", "999999", database)).isEqualTo(1);
        assertThat(Launcher.runCommand("rules", "activate", "x", database)).isEqualTo(2);
        // the running service follows the activation made by the other process at its next evaluation
        assertThat(api.evaluate("2026-09").path("rulesetVersionId").asLong()).isEqualTo(stricter);
    }

    private static Map<String, String> stricterFiles() throws IOException {
        Map<String, String> files = defaultFiles();
        files.put("12-kpi-status-bands.drl", files.get("12-kpi-status-bands.drl")
                .replace("Status.AMBER, \"0.90\"", "Status.AMBER, \"0.95\""));
        files.put("VERSION", "stricter-amber");
        return files;
    }

    private static Map<String, String> defaultFiles() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (var paths = Files.list(Path.of("rules"))) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                files.put(path.getFileName().toString(), Files.readString(path));
            }
        }
        return files;
    }
}
