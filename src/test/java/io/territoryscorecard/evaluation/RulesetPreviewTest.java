package io.territoryscorecard.evaluation;

import static io.territoryscorecard.DemoAccount.ADMIN;
import static io.territoryscorecard.DemoAccount.NORTH_MANAGER;
import static io.territoryscorecard.DemoAccount.SALES_OPS;
import static io.territoryscorecard.DemoAccount.SOUTH_VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.territoryscorecard.ApiClient;
import io.territoryscorecard.HttpAnswer;
import io.territoryscorecard.Launcher;
import io.territoryscorecard.MultipartForm;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * What-if previews over real HTTP and the command line, on the demo company (60 territories) with 2026-10 evaluated
 * by the repository's rules: a candidate is compiled and run in memory and compared with the stored results, and no
 * result row is ever written.
 */
@ExtendWith(OutputCaptureExtension.class)
class RulesetPreviewTest {

    private static final String DATABASE = "jdbc:h2:mem:preview-" + UUID.randomUUID()
            + ";MODE=MySQL;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";
    private static final String PERIOD = "2026-10";
    /** Every table an evaluation writes to; a preview must leave all of them as they were. */
    private static final List<String> RESULT_TABLES = List.of("evaluation_run", "period_result",
            "period_restatement", "territory_score", "perspective_score", "kpi_assessment", "improvement_flag",
            "ruleset_version", "ruleset_file");
    private static final String BROKEN = """
            package scorecard;

            import io.territoryscorecard.ruleset.fact.*;

            rule "BRK-01 Broken"
                ruleflow-group "flags"
            when
                Measurement(actual > 0
            then
            end
            """;

    @TempDir
    static Path folders;

    static ConfigurableApplicationContext server;
    static ApiClient api;
    static JdbcClient jdbc;
    static long activeVersion;
    static long evaluatedRun;

    @BeforeAll
    static void evaluateThePeriod() {
        server = Launcher.startServer("--spring.datasource.url=" + DATABASE, "--scorecard.demo.evaluate-on-start=false");
        api = ApiClient.anonymous(Launcher.port(server)).as(SALES_OPS);
        jdbc = server.getBean(JdbcClient.class);
        activeVersion = api.get("/api/rulesets/active").json().path("id").asLong();
        evaluatedRun = api.evaluate(PERIOD).path("id").asLong();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theActiveVersionAgainstItsOwnResultsChangesNothing() {
        JsonNode report = ok(api.post("/api/rulesets/" + activeVersion + "/preview?period=" + PERIOD, ""));

        assertThat(report.path("candidate").path("source").asString()).isEqualTo("version");
        assertThat(report.path("candidate").path("rulesetVersionId").asLong()).isEqualTo(activeVersion);
        assertThat(report.path("baseline").path("evaluationRunId").asLong()).isEqualTo(evaluatedRun);
        assertThat(report.path("baseline").path("rulesetVersionId").asLong()).isEqualTo(activeVersion);
        assertNoChange(report);
    }

    @Test
    void theSameFilesUploadedChangeNothingEither() {
        JsonNode report = ok(api.post("/api/rulesets/preview?period=" + PERIOD,
                MultipartForm.files(CandidateRules.defaults())));

        assertThat(report.path("candidate").path("source").asString()).isEqualTo("upload");
        assertThat(report.path("candidate").path("rulesetVersionId").isNull()).isTrue();
        assertThat(report.path("candidate").path("label").asString())
                .isEqualTo(CandidateRules.defaults().get("VERSION").strip());
        assertThat(report.path("candidate").path("sha256").asString())
                .isEqualTo(api.get("/api/rulesets/" + activeVersion).json().path("version").path("sha256").asString());
        assertNoChange(report);
    }

    @Test
    void aStricterCandidateChangesStatusesAndTheReportAddsUp() {
        Map<String, Integer> rowsBefore = resultRows();

        long started = System.nanoTime();
        JsonNode report = ok(api.post("/api/rulesets/preview?period=" + PERIOD,
                MultipartForm.files(CandidateRules.stricter())));
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("Preview of a stricter ruleset over the 60-territory demo company: %d ms over HTTP; "
                + "report timing %s%n", millis, report.path("timing"));

        assertThat(resultRows()).as("rows of the result tables").isEqualTo(rowsBefore);
        assertThat(report.path("territories").asInt()).isEqualTo(60);
        Map<String, Integer> before = counts(report.path("statusCounts").path("before"));
        Map<String, Integer> after = counts(report.path("statusCounts").path("after"));
        assertThat(sum(before)).isEqualTo(60);
        assertThat(sum(after)).isEqualTo(60);

        // "before" is what the scorecards show now
        Map<String, String> stored = new HashMap<>();
        Map<String, BigDecimal> storedScores = new HashMap<>();
        for (JsonNode line : api.get("/api/scorecards?period=" + PERIOD).json().path("territories")) {
            stored.put(line.path("territory").asString(), line.path("overall").path("status").asString());
            JsonNode score = line.path("overall").path("score");
            storedScores.put(line.path("territory").asString(), score.isNumber() ? score.decimalValue() : null);
        }
        Map<String, Integer> storedCounts = new HashMap<>();
        stored.values().forEach(status -> storedCounts.merge(status, 1, Integer::sum));
        before.forEach((status, count) -> assertThat(count).as(status).isEqualTo(storedCounts.getOrDefault(status, 0)));

        JsonNode changes = report.path("statusChanges");
        assertThat(changes.size()).as("territories whose status changes").isPositive();
        Map<String, Integer> moved = new HashMap<>(before);
        for (JsonNode change : changes) {
            String territory = change.path("territory").asString();
            String from = change.path("from").asString();
            String to = change.path("to").asString();
            assertThat(to).as(territory).isNotEqualTo(from);
            assertThat(from).as(territory).isEqualTo(stored.get(territory));
            assertThat(change.path("scoreBefore").decimalValue()).as(territory)
                    .isEqualByComparingTo(storedScores.get(territory));
            assertThat(change.path("delta").decimalValue()).as(territory).isEqualByComparingTo(
                    change.path("scoreAfter").decimalValue().subtract(change.path("scoreBefore").decimalValue()));
            // stricter: nobody gets better
            assertThat(change.path("delta").decimalValue().signum()).as(territory).isNegative();
            moved.merge(from, -1, Integer::sum);
            moved.merge(to, 1, Integer::sum);
        }
        moved.values().removeIf(count -> count == 0);
        assertThat(moved).as("counts before, moved by the listed changes").isEqualTo(after);

        long turnRed = count(changes, "to", "RED");
        List<String> summary = texts(report.path("summary"));
        if (turnRed > 0) {
            assertThat(summary).contains(turnRed + (turnRed == 1 ? " territory turns RED" : " territories turn RED"));
        }
        assertThat(summary).anyMatch(sentence -> sentence.matches("\\d+ territor(y turns|ies turn) (RED|AMBER)"));

        JsonNode deltas = report.path("largestScoreDeltas");
        assertThat(deltas.size()).isBetween(changes.size() > 20 ? 20 : changes.size(), 20);
        for (int i = 1; i < deltas.size(); i++) {
            assertThat(deltas.get(i).path("delta").decimalValue().abs())
                    .isLessThanOrEqualTo(deltas.get(i - 1).path("delta").decimalValue().abs());
        }
        JsonNode flags = report.path("flags");
        int added = 0;
        int removed = 0;
        for (JsonNode territory : flags.path("territories")) {
            added += territory.path("added").size();
            removed += territory.path("removed").size();
            for (JsonNode flag : territory.path("added")) {
                assertThat(flag.path("code").asString()).isNotBlank();
            }
        }
        assertThat(flags.path("added").asInt()).isEqualTo(added).isPositive();
        assertThat(flags.path("removed").asInt()).isEqualTo(removed);
        assertThat(summary).contains("+" + added + " flags, -" + removed + (removed == 1 ? " flag" : " flags"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'RULESET_PREVIEWED' AND actor = 'salesops'"
                + " AND details LIKE '%stricter-amber%'").query(Integer.class).single()).isPositive();
    }

    @Test
    void filesValidatedAndPreviewedTwiceAreCompiledOnce() {
        Map<String, String> files = CandidateRules.withFile("99-compiled-once.drl", "package scorecard;\n", "once");
        double before = compilations();

        ok(api.post("/api/rulesets/validate", MultipartForm.files(files)));
        JsonNode first = ok(api.post("/api/rulesets/preview?period=" + PERIOD, MultipartForm.files(files)));
        JsonNode second = ok(api.post("/api/rulesets/preview?period=" + PERIOD, MultipartForm.files(files)));

        assertThat(compilations()).isEqualTo(before + 1);
        assertThat(second.path("statusCounts")).isEqualTo(first.path("statusCounts"));
        System.out.printf("Previews of validated files: %s, then %s%n", first.path("timing"), second.path("timing"));
    }

    @Test
    void aCandidateWithoutTheOverallRedAlertRuleShowsTheAlertsItWouldNoLongerAskFor() {
        Map<String, String> files = CandidateRules.defaults();
        assertThat(files.remove("70-alert-overall-red.drl")).isNotNull();
        files.put("VERSION", "no-red-alerts");
        List<String> redTerritories = jdbc.sql("""
                SELECT t.code FROM alert_request a JOIN territory t ON t.id = a.territory_id
                 WHERE a.evaluation_run_id = :run AND a.code = 'OVERALL_RED' ORDER BY t.code""")
                .param("run", evaluatedRun).query(String.class).list();
        assertThat(redTerritories).isNotEmpty();

        JsonNode report = ok(api.post("/api/rulesets/preview?period=" + PERIOD, MultipartForm.files(files)));

        assertThat(report.path("statusChanges").size()).isZero();
        assertThat(report.path("flags").path("removed").asInt()).isZero();
        assertThat(report.path("alerts").path("added").asInt()).isZero();
        assertThat(report.path("alerts").path("removed").asInt()).isEqualTo(redTerritories.size());
        List<String> losing = new ArrayList<>();
        for (JsonNode territory : report.path("alerts").path("territories")) {
            losing.add(territory.path("territory").asString());
            assertThat(territory.path("removed").valueStream().map(a -> a.path("code").asString()).toList())
                    .containsExactly("OVERALL_RED");
        }
        assertThat(losing).isEqualTo(redTerritories);
        assertThat(texts(report.path("summary"))).contains("+0 alerts, -" + redTerritories.size()
                + (redTerritories.size() == 1 ? " alert" : " alerts"));
    }

    @Test
    void aCandidateThatDoesNotCompileIsRefusedWithFileAndLine() {
        HttpAnswer refused = api.post("/api/rulesets/preview?period=" + PERIOD,
                MultipartForm.files(CandidateRules.withFile("70-broken.drl", BROKEN, "broken")));

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        JsonNode error = refused.json().path("errors").get(0);
        assertThat(error.path("file").asString()).isEqualTo("70-broken.drl");
        assertThat(error.path("line").asInt()).isBetween(8, 10);
    }

    @Test
    void aPeriodWithoutResultsIsNotFound() {
        HttpAnswer missing = api.post("/api/rulesets/" + activeVersion + "/preview?period=2025-06", "");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("detail").asString()).contains("period 2025-06 has no current results");
        assertThat(api.post("/api/rulesets/preview?period=2030-01", MultipartForm.files(CandidateRules.defaults()))
                .status()).isEqualTo(404);
        assertThat(api.post("/api/rulesets/999999/preview?period=" + PERIOD, "").status()).isEqualTo(404);
        assertThat(api.post("/api/rulesets/" + activeVersion + "/preview", "").status()).isEqualTo(400);
        assertThat(api.post("/api/rulesets/" + activeVersion + "/preview?period=2026-13", "").status()).isEqualTo(400);
    }

    @Test
    void onlySalesOpsPreview() {
        String path = "/api/rulesets/" + activeVersion + "/preview?period=" + PERIOD;
        assertThat(api.anonymous().post(path, "").status()).isEqualTo(401);
        assertThat(api.as(ADMIN).post(path, "").status()).isEqualTo(403);
        assertThat(api.as(NORTH_MANAGER).post(path, "").status()).isEqualTo(403);
        assertThat(api.as(SOUTH_VIEWER).post("/api/rulesets/preview?period=" + PERIOD,
                MultipartForm.files(CandidateRules.defaults())).status()).isEqualTo(403);
    }

    @Test
    void theCommandLinePrintsTheSummaryAndTheChangedTerritories(CapturedOutput output) {
        Map<String, Integer> rowsBefore = resultRows();
        String database = "--spring.datasource.url=" + DATABASE;
        Path stricter = CandidateRules.write(CandidateRules.stricter(), folders.resolve("stricter"));
        Path broken = CandidateRules.write(CandidateRules.withFile("70-broken.drl", BROKEN, "broken"),
                folders.resolve("broken"));

        assertThat(Launcher.runCommand("rules", "preview", stricter.toString(), "--period=" + PERIOD, database))
                .isZero();
        assertThat(output.getOut()).contains("Preview of " + stricter.toAbsolutePath().normalize() + " 'stricter-amber'")
                .contains("Territories whose overall status changes:").containsPattern("territor(y turns|ies turn) ")
                .contains("Nothing was stored.");

        assertThat(Launcher.runCommand("rules", "preview", "--version=" + activeVersion, "--period=" + PERIOD,
                database)).isZero();
        assertThat(output.getOut()).contains("no territory changes its overall status");

        assertThat(Launcher.runCommand("rules", "preview", broken.toString(), "--period=" + PERIOD, database))
                .isEqualTo(1);
        assertThat(output.getErr()).contains("do not compile").containsPattern("70-broken\\.drl:\\d+:\\d+: ");

        assertThat(Launcher.runCommand("rules", "preview", "--version=" + activeVersion, database)).isEqualTo(2);
        assertThat(resultRows()).isEqualTo(rowsBefore);
    }

    /** Compilations the service asked of its rule workers so far. */
    private static double compilations() {
        return server.getBean(MeterRegistry.class).get("scorecard.ruleset.compilations").functionCounter().count();
    }

    private static void assertNoChange(JsonNode report) {
        assertThat(report.path("period").asString()).isEqualTo(PERIOD);
        assertThat(report.path("territories").asInt()).isEqualTo(60);
        assertThat(report.path("statusChanges").size()).isZero();
        assertThat(report.path("largestScoreDeltas").size()).isZero();
        assertThat(report.path("flags").path("added").asInt()).isZero();
        assertThat(report.path("flags").path("removed").asInt()).isZero();
        assertThat(counts(report.path("statusCounts").path("after")))
                .isEqualTo(counts(report.path("statusCounts").path("before")));
        assertThat(sum(counts(report.path("statusCounts").path("before")))).isEqualTo(60);
        assertThat(report.path("alerts").path("added").asInt()).isZero();
        assertThat(report.path("alerts").path("removed").asInt()).isZero();
        assertThat(texts(report.path("summary"))).contains("no territory changes its overall status",
                "no overall score changes", "+0 flags, -0 flags", "+0 alerts, -0 alerts");
    }

    private static JsonNode ok(HttpAnswer response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static Map<String, Integer> resultRows() {
        Map<String, Integer> rows = new LinkedHashMap<>();
        for (String table : RESULT_TABLES) {
            rows.put(table, jdbc.sql("SELECT COUNT(*) FROM " + table).query(Integer.class).single());
        }
        return rows;
    }

    private static Map<String, Integer> counts(JsonNode counts) {
        Map<String, Integer> result = new HashMap<>();
        counts.properties().forEach(entry -> {
            if (entry.getValue().asInt() != 0) {
                result.put(entry.getKey(), entry.getValue().asInt());
            }
        });
        return result;
    }

    private static int sum(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static long count(JsonNode changes, String field, String value) {
        long count = 0;
        for (JsonNode change : changes) {
            if (change.path(field).asString().equals(value)) {
                count++;
            }
        }
        return count;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asString()));
        return texts;
    }
}
