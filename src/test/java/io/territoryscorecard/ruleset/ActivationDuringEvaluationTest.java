package io.territoryscorecard.ruleset;

import static io.territoryscorecard.DemoAccount.SALES_OPS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.territoryscorecard.ApiClient;
import io.territoryscorecard.HttpAnswer;
import io.territoryscorecard.Launcher;
import io.territoryscorecard.MultipartForm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Activating another version while an evaluation runs: the run finishes with the version it started with. */
class ActivationDuringEvaluationTest {

    @Test
    void aRunningEvaluationKeepsItsVersionAndTheNextOneUsesTheNewVersion() throws IOException {
        String database = "jdbc:h2:mem:activation-" + UUID.randomUUID()
                + ";MODE=MySQL;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";
        try (ConfigurableApplicationContext server = Launcher.startServer("--spring.datasource.url=" + database,
                "--scorecard.demo.evaluate-on-start=false", "--scorecard.evaluation.batch-size=2")) {
            ApiClient api = ApiClient.anonymous(Launcher.port(server)).as(SALES_OPS);
            JdbcClient jdbc = server.getBean(JdbcClient.class);
            long slow = store(api, withSlowRule());
            long plain = api.get("/api/rulesets/active").json().path("id").asLong();
            assertThat(api.post("/api/rulesets/" + slow + "/activate", "{}").status()).isEqualTo(200);

            long run = api.startEvaluation("2026-10").path("id").asLong();
            await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/api/evaluations/" + run).json()
                    .path("progress").path("done").asInt() > 0);
            assertThat(api.post("/api/rulesets/" + plain + "/activate", "{}").status()).isEqualTo(200);
            String statusWhenActivated = api.get("/api/evaluations/" + run).json().path("status").asString();
            JsonNode finished = api.awaitFinished(run);

            assertThat(statusWhenActivated).as("the run was still going when the other version was activated")
                    .isEqualTo("RUNNING");
            assertThat(finished.path("status").asString()).isEqualTo("COMPLETED");
            assertThat(finished.path("rulesetVersionId").asLong()).isEqualTo(slow);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM territory_score WHERE evaluation_run_id = :run")
                    .param("run", run).query(Integer.class).single()).isEqualTo(60);
            assertThat(api.evaluate("2026-09").path("rulesetVersionId").asLong()).isEqualTo(plain);
        }
    }

    /**
     * The default rules plus one that takes its time for every territory (a fraction of a second, well within the time
     * budget), so that the run is still going when the other version is activated.
     */
    private static Map<String, String> withSlowRule() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (var paths = Files.list(Path.of("rules"))) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                files.put(path.getFileName().toString(), Files.readString(path));
            }
        }
        files.put("VERSION", "slow");
        files.put("90-slow.drl", """
                package scorecard;
                import io.territoryscorecard.ruleset.fact.*;
                rule "SLOW-01 Takes its time"
                    ruleflow-group "flags"
                when
                    EvaluatedTerritory()
                then
                    long sum = 0;
                    for (long i = 0; i < 150000000L; i++) { sum += i % 7; }
                    if (sum < 0) { insert(new KpiWeight("X", "1")); }
                end
                """);
        return files;
    }

    private static long store(ApiClient api, Map<String, String> files) {
        HttpAnswer stored = api.post("/api/rulesets", MultipartForm.files(files));
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        return stored.json().path("version").path("id").asLong();
    }
}
