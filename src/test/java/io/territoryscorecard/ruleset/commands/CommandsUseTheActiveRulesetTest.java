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
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A command never changes the deployment's rules: it evaluates with the database's active version, whatever rules
 * folder it is given. Changing the active version is {@code rules store} and {@code rules activate}.
 */
@ExtendWith(OutputCaptureExtension.class)
class CommandsUseTheActiveRulesetTest {

    @TempDir
    Path stricter;

    @Test
    void evaluateWithAnotherRulesFolderUsesTheActiveVersionAndLeavesVersionsAndAuditAsTheyWere(CapturedOutput output)
            throws IOException {
        String database = "--spring.datasource.url=" + database("other-folder");
        copyRulesWithStricterAmber(stricter);
        try (ConfigurableApplicationContext server = Launcher.startServer(database,
                "--scorecard.demo.evaluate-on-start=false")) {
            ApiClient api = ApiClient.anonymous(Launcher.port(server)).as(SALES_OPS);
            JdbcClient jdbc = server.getBean(JdbcClient.class);
            long active = api.get("/api/rulesets/active").json().path("id").asLong();
            List<Map<String, Object>> versions = rows(jdbc, "SELECT * FROM ruleset_version ORDER BY id");
            List<Map<String, Object>> activations = rows(jdbc, "SELECT * FROM ruleset_activation ORDER BY id");
            List<Map<String, Object>> audit = rows(jdbc,
                    "SELECT * FROM audit_event WHERE action LIKE 'RULESET%' ORDER BY id");

            assertThat(Launcher.runCommand("evaluate", "--period=2026-10", database,
                    "--scorecard.ruleset.location=" + stricter)).isZero();

            assertThat(jdbc.sql("SELECT ruleset_version_id FROM evaluation_run WHERE period = '2026-10' "
                    + "ORDER BY id DESC LIMIT 1").query(Long.class).single()).isEqualTo(active);
            assertThat(rows(jdbc, "SELECT * FROM ruleset_version ORDER BY id")).isEqualTo(versions);
            assertThat(rows(jdbc, "SELECT * FROM ruleset_activation ORDER BY id")).isEqualTo(activations);
            assertThat(rows(jdbc, "SELECT * FROM audit_event WHERE action LIKE 'RULESET%' ORDER BY id"))
                    .isEqualTo(audit);
            assertThat(output.getAll()).contains("--scorecard.ruleset.location does not change the rules evaluate "
                    + "uses").contains("rules store").contains("rules activate");
            // the running service goes on with the version it had, at its next evaluation too
            assertThat(api.evaluate("2026-09").path("rulesetVersionId").asLong()).isEqualTo(active);
        }
    }

    @Test
    void evaluateWithoutAnActiveVersionFailsSayingHowToStoreAndActivateOne(CapturedOutput output) {
        String url = database("no-active");
        String database = "--spring.datasource.url=" + url;
        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(url, "sa", ""));

        assertThat(Launcher.runCommand("evaluate", "--period=2026-10", database)).isEqualTo(1);

        assertThat(output.getErr()).contains("evaluate failed: no ruleset version is active in this database")
                .contains("rules store <folder>").contains("rules activate <id>");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ruleset_version").query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM evaluation_run").query(Integer.class).single()).isZero();

        assertThat(Launcher.runCommand("rules", "store", "rules", "--activate", "--note=first rules", database))
                .isZero();
        long version = jdbc.sql("SELECT id FROM ruleset_version WHERE active = TRUE").query(Long.class).single();
        assertThat(output.getOut()).contains("Stored as version " + version + "; version " + version + " '");
        String actor = jdbc.sql("SELECT activated_by FROM ruleset_activation").query(String.class).single();
        assertThat(actor).startsWith("command line (" + System.getProperty("user.name") + " on ");
        assertThat(jdbc.sql("SELECT actor FROM audit_event WHERE action = 'RULESET_ACTIVATED'").query(String.class)
                .single()).isEqualTo(actor);

        assertThat(Launcher.runCommand("evaluate", "--period=2026-10", database)).isZero();
        assertThat(output.getOut()).contains("(ruleset version " + version + ")");
    }

    private static String database(String name) {
        return "jdbc:h2:mem:" + name + "-" + UUID.randomUUID()
                + ";MODE=MySQL;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";
    }

    private static List<Map<String, Object>> rows(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query().listOfRows();
    }

    /** The repository's rules with AMBER from 0.95 instead of 0.90: valid, and another version. */
    static void copyRulesWithStricterAmber(Path folder) throws IOException {
        DefaultRules.copyTo(folder);
        Path bands = folder.resolve("12-kpi-status-bands.drl");
        Files.writeString(bands, Files.readString(bands)
                .replace("Status.AMBER, \"0.90\"", "Status.AMBER, \"0.95\""));
        Files.writeString(folder.resolve("VERSION"), "stricter-amber\n");
    }
}
