package io.territoryscorecard.ruleset.commands;

import static io.territoryscorecard.DemoAccount.SALES_OPS;
import static org.assertj.core.api.Assertions.assertThat;

import io.territoryscorecard.ApiClient;
import io.territoryscorecard.DefaultRules;
import io.territoryscorecard.Launcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A server start treats a changed rules folder like an upload: validated, then stored and activated in the name of
 * the start-up of this host. A folder with errors is not activated while a version is active: that version stays,
 * and the log and the health details name every error as file:line:column.
 */
@ExtendWith(OutputCaptureExtension.class)
class RulesFolderAtStartupTest {

    private static final String DATABASE = "--spring.datasource.url=jdbc:h2:mem:folder-at-startup-" + UUID.randomUUID()
            + ";MODE=MySQL;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";

    @TempDir
    Path broken;

    @TempDir
    Path stricter;

    @Test
    void aFolderWithErrorsIsNotActivatedAndAFixedOneIsActivatedAtTheNextStart(CapturedOutput output)
            throws IOException {
        long original;
        try (ConfigurableApplicationContext first = start(Path.of("rules"))) {
            original = api(first).get("/api/rulesets/active").json().path("id").asLong();
        }
        DefaultRules.copyTo(broken);
        Files.writeString(broken.resolve("71-misspelt.drl"), BrokenRulesAtStartupTest.MISSPELT_FIELD);

        try (ConfigurableApplicationContext second = start(broken)) {
            ApiClient api = api(second);
            JdbcClient jdbc = second.getBean(JdbcClient.class);

            assertThat(api.get("/api/rulesets/active").json().path("id").asLong()).isEqualTo(original);
            assertThat(jdbc.sql("SELECT id FROM ruleset_version").query(Long.class).list()).containsExactly(original);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM ruleset_activation").query(Integer.class).single()).isOne();
            assertThat(output.getAll()).contains("The rules folder " + broken + " was not activated: it has 1 error(s)")
                    .contains("  71-misspelt.drl:8:");
            JsonNode health = api.get("/actuator/health").json().path("components").path("ruleset");
            assertThat(health.path("status").asString()).isEqualTo("UP");
            assertThat(health.path("details").path("version").asLong()).isEqualTo(original);
            JsonNode rejected = health.path("details").path("rejectedFolder");
            assertThat(rejected.path("origin").asString()).isEqualTo(broken.toString());
            assertThat(rejected.path("errors").get(0).asString()).startsWith("71-misspelt.drl:8:").contains("actaul");
            assertThat(api.evaluate("2026-10").path("rulesetVersionId").asLong()).isEqualTo(original);
        }

        CommandsUseTheActiveRulesetTest.copyRulesWithStricterAmber(stricter);
        try (ConfigurableApplicationContext third = start(stricter)) {
            JdbcClient jdbc = third.getBean(JdbcClient.class);
            JsonNode active = api(third).get("/api/rulesets/active").json();

            assertThat(active.path("id").asLong()).isNotEqualTo(original);
            assertThat(active.path("label").asString()).isEqualTo("stricter-amber");
            assertThat(active.path("createdBy").asString()).startsWith("start-up of ");
            List<Map<String, Object>> audit = jdbc.sql("SELECT actor, action FROM audit_event "
                    + "WHERE target = :target ORDER BY id").param("target", "ruleset version " + active.path("id"))
                    .query().listOfRows();
            assertThat(audit).extracting(row -> row.get("action")).containsExactly("RULESET_STORED",
                    "RULESET_ACTIVATED");
            assertThat(audit).extracting(row -> row.get("actor")).containsOnly(active.path("createdBy").asString());
            assertThat(api(third).get("/actuator/health").json().path("components").path("ruleset").path("details")
                    .has("rejectedFolder")).isFalse();
        }
    }

    private static ConfigurableApplicationContext start(Path rules) {
        return Launcher.startServer(DATABASE, "--scorecard.demo.evaluate-on-start=false",
                "--scorecard.ruleset.location=" + rules);
    }

    private static ApiClient api(ConfigurableApplicationContext server) {
        return ApiClient.anonymous(Launcher.port(server)).as(SALES_OPS);
    }
}
