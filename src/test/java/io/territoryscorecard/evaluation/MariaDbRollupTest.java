package io.territoryscorecard.evaluation;

import static io.territoryscorecard.DemoAccount.ADMIN;
import static io.territoryscorecard.DemoAccount.HAMBURG_MANAGER;
import static io.territoryscorecard.DemoAccount.NORTH_MANAGER;
import static io.territoryscorecard.DemoAccount.SOUTH_VIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.territoryscorecard.ApiClient;
import io.territoryscorecard.HttpAnswer;
import io.territoryscorecard.ScratchDatabase;
import io.territoryscorecard.evaluation.PreviewReport.RegionChange;
import io.territoryscorecard.measurement.Period;
import io.territoryscorecard.ruleset.ActiveRuleset;
import io.territoryscorecard.ruleset.RulesetService;
import io.territoryscorecard.ruleset.RulesetSource;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Region and company roll-ups on the real MariaDB server, checked against the stored territory and perspective scores
 * (the means computed here, independently, from the rows): stored with every run that completes, read back by
 * {@code GET /api/rollups} within the caller's scope, none for a failed run, and the regions whose status a candidate
 * ruleset changes in a preview. The test owns database {@code scorecard_rollup_it}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.username=root",
    "spring.datasource.password=",
    "spring.liquibase.contexts=demo",
    "scorecard.demo.evaluate-on-start=false",
    "scorecard.security.allow-demo-passwords=true"})
class MariaDbRollupTest {

    private static final Period PERIOD = Period.parse("2026-10");
    private static final BigDecimal GREEN = new BigDecimal("80");
    private static final BigDecimal AMBER = new BigDecimal("60");

    @LocalServerPort
    int port;

    @Autowired
    EvaluationService evaluations;

    @Autowired
    PreviewService previews;

    @Autowired
    RollupStore rollupStore;

    @Autowired
    RulesetService rulesets;

    @Autowired
    ActiveRuleset activeRuleset;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transaction;

    @TempDir
    static Path folder;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> ScratchDatabase.url("scorecard_rollup_it"));
    }

    @BeforeAll
    static void createDatabase() throws SQLException {
        ScratchDatabase.recreate("scorecard_rollup_it");
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        ScratchDatabase.drop("scorecard_rollup_it");
    }

    @Test
    void storedRollupsAreTheMeansOfTheStoredTerritoryScoresToTheDecimal() {
        long run = evaluations.evaluate(PERIOD, "test").id();

        JsonNode answer = api(ADMIN).get("/api/rollups?period=2026-10").json();

        assertThat(answer.path("period").asString()).isEqualTo("2026-10");
        assertThat(answer.path("evaluationRunId").asLong()).isEqualTo(run);
        assertThat(answer.path("method").asString()).isEqualTo("MEAN");
        assertMatchesTheTerritoryScores(answer, run);
        assertThat(answer.path("regions").size()).isEqualTo(jdbc.sql("SELECT COUNT(*) FROM region")
                .query(Integer.class).single());
        // without period: the latest evaluated one
        assertThat(api(ADMIN).get("/api/rollups").json().path("evaluationRunId").asLong()).isEqualTo(run);
    }

    /**
     * The stored scores of one region set by hand to a mean of exactly 60.00 with one territory unscored, and the
     * roll-ups made again from them: AMBER at the boundary, the unscored territory counted but not averaged.
     */
    @Test
    void aRegionExactlyAtTheAmberLimitIsAmberAndUnscoredTerritoriesAreCountedButNotAveraged() {
        long run = evaluations.evaluate(PERIOD, "test").id();
        List<Long> north = jdbc.sql("""
                SELECT t.id FROM territory t JOIN region r ON r.id = t.region_id WHERE r.code = 'NORTH' ORDER BY t.code
                """).query(Long.class).list();
        assertThat(north).hasSizeGreaterThan(3);
        transaction.executeWithoutResult(status -> {
            for (int i = 0; i < north.size(); i++) {
                // 59.99 and 60.01 in turns (an even number of them), one without a score
                String score = i == north.size() - 1 ? null : i % 2 == 0 ? "59.99" : "60.01";
                if (north.size() % 2 == 0 && i == north.size() - 2) {
                    score = "60.00";
                }
                jdbc.sql("UPDATE territory_score SET score = :score, status = :status WHERE evaluation_run_id = :run"
                        + " AND territory_id = :territory")
                        .param("score", score == null ? null : new BigDecimal(score))
                        .param("status", score == null ? null : status(new BigDecimal(score)))
                        .param("run", run).param("territory", north.get(i)).update();
            }
            rollupStore.delete(run);
            rollupStore.store(run, RollupRules.of(activeRuleset.require().rules().settings()));
        });

        JsonNode answer = api(ADMIN).get("/api/rollups?period=2026-10").json();

        JsonNode region = region(answer, "NORTH");
        assertThat(region.path("score").decimalValue()).isEqualByComparingTo("60.00");
        assertThat(region.path("status").asString()).isEqualTo("AMBER");
        assertThat(region.path("territories").asInt()).isEqualTo(north.size());
        assertThat(region.path("unscored").asInt()).isEqualTo(1);
        assertThat(region.path("green").asInt() + region.path("amber").asInt() + region.path("red").asInt())
                .isEqualTo(north.size() - 1);
        assertThat(region.path("worst").path("score").decimalValue()).isEqualByComparingTo("59.99");
        assertMatchesTheTerritoryScores(answer, run);
    }

    @Test
    void managersAndViewersSeeTheRegionsWhollyInTheirScopeAndTheCompany() {
        evaluations.evaluate(PERIOD, "test");
        JsonNode all = api(ADMIN).get("/api/rollups?period=2026-10").json();

        JsonNode north = api(NORTH_MANAGER).get("/api/rollups?period=2026-10").json();
        JsonNode south = api(SOUTH_VIEWER).get("/api/rollups?period=2026-10").json();
        JsonNode hamburg = api(HAMBURG_MANAGER).get("/api/rollups?period=2026-10").json();

        assertThat(codes(north)).containsExactly("NORTH");
        assertThat(codes(south)).containsExactly("SOUTH");
        // manages NORTH-01 and NORTH-02, not all of NORTH: the region's figures would speak of the others
        assertThat(codes(hamburg)).isEmpty();
        for (JsonNode scoped : List.of(north, south, hamburg)) {
            JsonNode company = scoped.path("company");
            assertThat(company.path("score").decimalValue()).isEqualTo(all.path("company").path("score").decimalValue());
            assertThat(company.path("territories").asInt()).isEqualTo(all.path("company").path("territories").asInt());
        }
        assertThat(region(north, "NORTH")).isEqualTo(region(all, "NORTH"));
        // the company's worst territory is named only to those who may see it
        String worst = all.path("company").path("worst").path("territory").asString();
        assertThat(hamburg.path("company").path("worst").isNull()).isEqualTo(!List.of("NORTH-01", "NORTH-02")
                .contains(worst));
    }

    @Test
    void aRestatementHasRollupsOfItsOwnAndAFailedRunStoresNone() {
        long current = evaluations.evaluate(PERIOD, "test").id();
        long version = activeRuleset.require().version().id();

        long restatement = evaluations.restate(PERIOD, version, "test").id();

        JsonNode restated = api(ADMIN).get("/api/rollups?period=2026-10&version=" + version).json();
        assertThat(restated.path("evaluationRunId").asLong()).isEqualTo(restatement);
        assertThat(restated.path("purpose").asString()).isEqualTo("RESTATEMENT");
        assertMatchesTheTerritoryScores(restated, restatement);
        assertThat(api(ADMIN).get("/api/rollups?period=2026-10").json().path("evaluationRunId").asLong())
                .isEqualTo(current);

        Map<String, String> boom = CandidateRules.withFile("99-boom.drl", """
                package scorecard;

                import io.territoryscorecard.ruleset.fact.*;

                rule "BOOM-01 Fails for COAST-10"
                    ruleflow-group "flags"
                when
                    EvaluatedTerritory(territory == "COAST-10")
                then
                    Decimals.parse("boom");
                end
                """, "boom");
        long boomVersion = rulesets.store(RulesetSource.fromFolder(CandidateRules.write(boom, folder.resolve("boom"))),
                "test", "fails for COAST-10").version().id();
        EvaluationFailedException failure = catchThrowableOfType(EvaluationFailedException.class,
                () -> evaluations.restate(PERIOD, boomVersion, "test"));

        assertThat(failure).isNotNull();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM rollup WHERE evaluation_run_id = :run")
                .param("run", failure.runId()).query(Integer.class).single()).isZero();
        assertThat(api(ADMIN).get("/api/rollups?period=2026-10&version=" + boomVersion).status()).isEqualTo(404);
    }

    /** Limits no score reaches (GREEN from 101, AMBER from 100.5): every region with a score turns RED. */
    @Test
    void aPreviewListsTheRegionsWhoseStatusChanges() {
        long run = evaluations.evaluate(PERIOD, "test").id();
        JsonNode stored = api(ADMIN).get("/api/rollups?period=2026-10").json();
        Map<String, String> files = CandidateRules.defaults();
        files.put("14-score-status-bands.drl", files.get("14-score-status-bands.drl")
                .replace("ScoreLimit(Status.GREEN, \"80\")", "ScoreLimit(Status.GREEN, \"101\")")
                .replace("ScoreLimit(Status.AMBER, \"60\")", "ScoreLimit(Status.AMBER, \"100.5\")"));
        files.put("VERSION", "nothing-green");

        PreviewReport report = previews.previewFiles(PERIOD,
                RulesetSource.fromFolder(CandidateRules.write(files, folder.resolve("nothing-green"))), "folder", 10,
                "test");

        List<RegionChange> expected = new ArrayList<>();
        for (JsonNode region : stored.path("regions")) {
            if (!region.path("status").asString().equals("RED")) {
                expected.add(new RegionChange(region.path("code").asString(), region.path("name").asString(),
                        region.path("status").asString(), "RED", region.path("score").decimalValue(),
                        region.path("score").decimalValue()));
            }
        }
        assertThat(expected).isNotEmpty();
        assertThat(report.regionChanges()).usingRecursiveFieldByFieldElementComparator(
                org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration.builder()
                        .withComparatorForType(BigDecimal::compareTo, BigDecimal.class).build())
                .isEqualTo(expected);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM rollup WHERE evaluation_run_id = :run").param("run", run)
                .query(Integer.class).single()).isEqualTo(stored.path("regions").size() + 1);
    }

    @Test
    void aBadPeriodIsABadRequestAndAPeriodWithoutResultsIsNotFound() {
        evaluations.evaluate(PERIOD, "test");

        HttpAnswer bad = api(ADMIN).get("/api/rollups?period=2026-13");
        HttpAnswer none = api(ADMIN).get("/api/rollups?period=2031-01");

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("period '2026-13'");
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.body()).contains("period 2031-01 has not been evaluated");
    }

    /** Region and company figures of the answer against the means of the run's stored rows, computed here. */
    private void assertMatchesTheTerritoryScores(JsonNode answer, long run) {
        List<Row> rows = jdbc.sql("""
                SELECT r.code AS region, t.code AS territory, ts.score, ts.status
                  FROM territory_score ts JOIN territory t ON t.id = ts.territory_id JOIN region r ON r.id = t.region_id
                 WHERE ts.evaluation_run_id = :run
                """).param("run", run).query(Row.class).list();
        List<PerspectiveRow> perspectives = jdbc.sql("""
                SELECT r.code AS region, ps.perspective, ps.score
                  FROM perspective_score ps JOIN territory t ON t.id = ps.territory_id
                  JOIN region r ON r.id = t.region_id
                 WHERE ps.evaluation_run_id = :run
                """).param("run", run).query(PerspectiveRow.class).list();
        assertThat(rows).isNotEmpty();
        assertFigure(answer.path("company"), rows, perspectives);
        Map<String, List<Row>> byRegion = new TreeMap<>();
        rows.forEach(row -> byRegion.computeIfAbsent(row.region(), code -> new ArrayList<>()).add(row));
        assertThat(codes(answer)).containsExactlyElementsOf(byRegion.keySet());
        byRegion.forEach((code, regionRows) -> assertFigure(region(answer, code), regionRows,
                perspectives.stream().filter(p -> p.region().equals(code)).toList()));
    }

    private static void assertFigure(JsonNode figure, List<Row> rows, List<PerspectiveRow> perspectives) {
        BigDecimal mean = mean(rows.stream().map(Row::score).toList());
        assertThat(figure.path("score").decimalValue()).as("score").isEqualTo(mean);
        assertThat(figure.path("status").asString()).as("status").isEqualTo(status(mean));
        assertThat(figure.path("territories").asInt()).isEqualTo(rows.size());
        assertThat(figure.path("green").asInt()).isEqualTo(count(rows, "GREEN"));
        assertThat(figure.path("amber").asInt()).isEqualTo(count(rows, "AMBER"));
        assertThat(figure.path("red").asInt()).isEqualTo(count(rows, "RED"));
        assertThat(figure.path("unscored").asInt()).isEqualTo(rows.stream().filter(r -> r.score() == null).count());
        Row worst = rows.stream().filter(r -> r.score() != null)
                .min(java.util.Comparator.comparing(Row::score).thenComparing(Row::territory)).orElseThrow();
        if (!figure.path("worst").isNull()) {
            assertThat(figure.path("worst").path("territory").asString()).isEqualTo(worst.territory());
            assertThat(figure.path("worst").path("score").decimalValue()).isEqualTo(worst.score());
        }
        Map<String, List<BigDecimal>> byPerspective = new TreeMap<>();
        perspectives.forEach(p -> byPerspective.computeIfAbsent(p.perspective(), c -> new ArrayList<>()).add(p.score()));
        assertThat(figure.path("perspectives").size()).isEqualTo(byPerspective.size());
        for (JsonNode perspective : figure.path("perspectives")) {
            List<BigDecimal> scores = byPerspective.get(perspective.path("code").asString());
            assertThat(perspective.path("score").decimalValue()).as(perspective.path("code").asString())
                    .isEqualTo(mean(scores));
            assertThat(perspective.path("status").asString()).isEqualTo(status(mean(scores)));
            assertThat(perspective.path("territories").asInt()).isEqualTo(scores.size());
        }
    }

    private static BigDecimal mean(List<BigDecimal> scores) {
        List<BigDecimal> present = scores.stream().filter(Objects::nonNull).toList();
        return present.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(BigDecimal.valueOf(present.size()), 2, RoundingMode.HALF_UP);
    }

    private static String status(BigDecimal score) {
        return score.compareTo(GREEN) >= 0 ? "GREEN" : score.compareTo(AMBER) >= 0 ? "AMBER" : "RED";
    }

    private static long count(List<Row> rows, String status) {
        return rows.stream().filter(r -> status.equals(r.status())).count();
    }

    private static List<String> codes(JsonNode answer) {
        List<String> codes = new ArrayList<>();
        answer.path("regions").forEach(region -> codes.add(region.path("code").asString()));
        return codes;
    }

    private static JsonNode region(JsonNode answer, String code) {
        for (JsonNode region : answer.path("regions")) {
            if (region.path("code").asString().equals(code)) {
                return region;
            }
        }
        throw new AssertionError("no region " + code + " in " + answer);
    }

    private ApiClient api(io.territoryscorecard.DemoAccount account) {
        return ApiClient.anonymous(port).as(account);
    }

    record Row(String region, String territory, BigDecimal score, String status) {
    }

    record PerspectiveRow(String region, String perspective, BigDecimal score) {
    }
}
