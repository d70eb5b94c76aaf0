package io.territoryscorecard.ruleset.commands;

import static io.territoryscorecard.DemoAccount.SALES_OPS;
import static org.assertj.core.api.Assertions.assertThat;

import io.territoryscorecard.ApiClient;
import io.territoryscorecard.Launcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** Changing one number in the rules folder and restarting: a new version, recorded beside the new results. */
class RulesFolderChangeTest {

    @TempDir
    Path rules;

    @Test
    void aChangedAmberLimitAfterARestartChangesTheStatusesAndNamesTheNewVersion() throws IOException {
        String database = "jdbc:h2:mem:folder-change-" + UUID.randomUUID()
                + ";MODE=MySQL;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";
        try (var files = Files.list(Path.of("rules"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, rules.resolve(file.getFileName()));
            }
        }
        JsonNode before = evaluateWith(database);

        Path bands = rules.resolve("12-kpi-status-bands.drl");
        Files.writeString(bands, Files.readString(bands)
                .replace("Status.AMBER, \"0.90\"", "Status.AMBER, \"0.97\""));
        JsonNode after = evaluateWith(database);

        assertThat(after.path("rulesetVersionId").asLong()).isNotEqualTo(before.path("rulesetVersionId").asLong());
        int changed = 0;
        for (int i = 0; i < before.path("kpis").size(); i++) {
            JsonNode kpiBefore = before.path("kpis").get(i);
            JsonNode kpiAfter = after.path("kpis").get(i);
            double attainment = kpiBefore.path("attainment").asDouble();
            if (kpiBefore.path("attainment").isNumber() && attainment >= 0.90 && attainment < 0.97) {
                assertThat(kpiBefore.path("status").asString()).isEqualTo("AMBER");
                assertThat(kpiAfter.path("status").asString()).isEqualTo("RED");
                changed++;
            } else {
                assertThat(kpiAfter.path("status")).isEqualTo(kpiBefore.path("status"));
            }
        }
        assertThat(changed).as("KPIs of NORTH-03 between 0.90 and 0.97").isPositive();
    }

    /** Starts the service on the rules folder, evaluates 2026-10 and returns the scorecard of NORTH-03. */
    private JsonNode evaluateWith(String database) {
        try (ConfigurableApplicationContext server = Launcher.startServer("--spring.datasource.url=" + database,
                "--scorecard.demo.evaluate-on-start=false", "--scorecard.ruleset.location=" + rules)) {
            ApiClient api = ApiClient.anonymous(Launcher.port(server)).as(SALES_OPS);
            long version = api.evaluate("2026-10").path("rulesetVersionId").asLong();
            JsonNode card = api.get("/api/scorecards/NORTH-03?period=2026-10").json();
            assertThat(card.path("rulesetVersionId").asLong()).isEqualTo(version);
            return card;
        }
    }
}
