package io.territoryscorecard.evaluation;

import io.territoryscorecard.cli.Command;
import io.territoryscorecard.cli.Measured;
import io.territoryscorecard.evaluation.EvaluationRun.Purpose;
import io.territoryscorecard.measurement.KpiDefinition;
import io.territoryscorecard.measurement.Measurements;
import io.territoryscorecard.measurement.Period;
import io.territoryscorecard.ruleset.ActiveRuleset;
import io.territoryscorecard.ruleset.DataQuality;
import io.territoryscorecard.ruleset.Explanation;
import io.territoryscorecard.ruleset.TerritoryAssessment.Alert;
import io.territoryscorecard.ruleset.TerritoryAssessment.Flag;
import io.territoryscorecard.ruleset.TerritoryAssessment.KpiResult;
import io.territoryscorecard.ruleset.TerritoryAssessment.Overall;
import io.territoryscorecard.ruleset.TerritoryAssessment.PerspectiveResult;
import io.territoryscorecard.ruleset.TerritoryAssessment;
import io.territoryscorecard.ruleset.TerritoryFacts;
import io.territoryscorecard.ruleset.fact.Measurement;
import io.territoryscorecard.ruleset.fact.Perspective;
import io.territoryscorecard.ruleset.fact.Severity;
import io.territoryscorecard.ruleset.fact.Status;
import io.territoryscorecard.territory.Territory;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.ApplicationArguments;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code benchmark-evaluation --territories=100000 [--period=2026-10]}: generates an organisation of that many
 * territories with twelve measurements each for one period, then times in the same run a baseline (the evaluation's
 * reads and writes with rule-free results computed in plain Java, written under a run that is deleted afterwards)
 * and the real evaluation with the active ruleset, and prints time, territories per second, result rows and peak heap
 * of both and their ratio. Needs a database without territories and measurements (a scratch database); it leaves the
 * generated organisation, measurements and the evaluation's results in it.
 */
@Component
class BenchmarkEvaluationCommand implements Command {

    private static final int TERRITORIES_PER_REGION = 100;
    private static final int INSERT_BATCH = 1_000;
    private static final String REQUESTED_BY = "benchmark";

    private final EvaluationService evaluations;
    private final EvaluationRuns runs;
    private final Evaluator evaluator;
    private final ResultStore results;
    private final EvaluationSettings settings;
    private final ActiveRuleset activeRuleset;
    private final Measurements measurements;
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;

    BenchmarkEvaluationCommand(EvaluationService evaluations, EvaluationRuns runs, Evaluator evaluator,
            ResultStore results, EvaluationSettings settings, ActiveRuleset activeRuleset,
            Measurements measurements, DataSource dataSource, JdbcTemplate jdbc) {
        this.evaluations = evaluations;
        this.runs = runs;
        this.evaluator = evaluator;
        this.results = results;
        this.settings = settings;
        this.activeRuleset = activeRuleset;
        this.measurements = measurements;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "benchmark-evaluation";
    }

    @Override
    public String usage() {
        return "benchmark-evaluation --territories=100000 [--period=YYYY-MM]   time an evaluation against its reads "
                + "and writes without rules (scratch database)";
    }

    @Override
    public int run(ApplicationArguments arguments, PrintStream out, PrintStream err) {
        int count;
        Period period;
        try {
            count = territoryCount(arguments.getOptionValues("territories"));
            List<String> periods = arguments.getOptionValues("period");
            period = Period.parse(periods == null ? "2026-10" : periods.get(0));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        long existingTerritories = jdbc.queryForObject("SELECT COUNT(*) FROM territory", Long.class);
        long existingMeasurements = jdbc.queryForObject("SELECT COUNT(*) FROM measurement", Long.class);
        if (existingTerritories > 0 || existingMeasurements > 0) {
            err.printf(Locale.ROOT, "benchmark-evaluation needs an empty database, but this one has %,d territories "
                    + "and %,d measurements; it never touches real data: run it against a freshly created scratch "
                    + "database (see the README)%n", existingTerritories, existingMeasurements);
            return 2;
        }
        try {
            // before generating: without an active version the generated data would only spoil the scratch database
            long versionId = activeRuleset.synchronizeWithDatabase().version().id();
            List<KpiDefinition> kpis = measurements.catalogue();
            out.printf(Locale.ROOT, "%,d territories x %d KPIs = %,d measurements of %s; %,d territories per rule "
                            + "session; max heap %,d MB, database %s%n", count, kpis.size(),
                    (long) count * kpis.size(), period, settings.batchSize(), Runtime.getRuntime().maxMemory() >> 20,
                    database());
            Measured<Long> generation = Measured.of(() -> {
                generate(count, period, kpis);
                return (long) count * kpis.size();
            });
            out.println(line("generated organisation and measurements", count, generation, null, "measurements"));

            long baselineRun = runs.start(period, versionId, Purpose.CURRENT, REQUESTED_BY + " baseline", count)
                    .orElseThrow(() -> new EvaluationAlreadyRunningException(period));
            Measured<Long> baseline;
            try {
                baseline = Measured.of(() -> baseline(baselineRun, period));
            } finally {
                results.deleteResults(baselineRun);
                jdbc.update("DELETE FROM evaluation_run WHERE id = ?", baselineRun);
            }
            out.println(line("baseline: reads and writes, no rules", count, baseline, null, "result rows"));
            Measured<EvaluationRun> evaluated = Measured.of(() -> evaluations.evaluate(period, REQUESTED_BY));
            EvaluationRun run = evaluated.result();
            // evaluation_run has no count of alert requests: counted afterwards, untimed
            long alertRequests = jdbc.queryForObject("SELECT COUNT(*) FROM alert_request WHERE evaluation_run_id = ?",
                    Long.class, run.id());
            Measured<Long> evaluation = new Measured<>(evaluated.seconds(), evaluated.peakHeapBytes(),
                    (long) run.territoryScores() + run.perspectiveScores() + run.kpiAssessments()
                            + run.improvementFlags() + alertRequests);
            out.println(line("evaluation with the active ruleset", count, evaluation, baseline, "result rows"));
            out.printf(Locale.ROOT, "evaluation / baseline time: %.2f%n", evaluation.seconds() / baseline.seconds());
            return 0;
        } catch (SQLException | EvaluationFailedException | EvaluationAlreadyRunningException
                | IllegalStateException e) {
            err.println("benchmark-evaluation failed: " + e.getMessage());
            return 1;
        }
    }

    private static int territoryCount(List<String> values) {
        String text = values == null ? "100000" : values.get(0).replace("_", "");
        try {
            int count = Integer.parseInt(text);
            if (count >= 1) {
                return count;
            }
        } catch (NumberFormatException e) {
            // the message below says what is wanted
        }
        throw new IllegalArgumentException("--territories must be a positive whole number, such as "
                + "--territories=100000");
    }

    /**
     * What an evaluation does except firing rules: the evaluator's own loop (facts read batch by batch, each batch
     * written on the writer thread while the next one is read, progress stored) around a plain-Java assessment, under
     * the given run (which the caller deletes afterwards, untimed). Returns the number of result rows written.
     */
    private long baseline(long runId, Period period) {
        ResultCounts counts = evaluator.evaluate(runId, period,
                (text, catalogue, batch) -> batch.stream().map(BenchmarkEvaluationCommand::ruleFree).toList());
        return (long) counts.territoryScores() + counts.perspectiveScores() + counts.kpiAssessments()
                + counts.improvementFlags() + counts.alertRequests();
    }

    /**
     * Results of the same number and shape as the rules give (every catalogue KPI, four perspectives, the overall
     * score, one flag, one alert request), with explanations of about the same size: every KPI GREEN with score 80.
     */
    private static TerritoryAssessment ruleFree(TerritoryFacts territory) {
        BigDecimal score = BigDecimal.valueOf(80);
        BigDecimal one = BigDecimal.ONE;
        List<KpiResult> kpis = new ArrayList<>();
        for (Measurement m : territory.measurements()) {
            BigDecimal attainment = m.getActual() == null || m.getTarget() == null || m.getTarget().signum() == 0
                    ? null : m.getActual().divide(m.getTarget(), 10, RoundingMode.HALF_UP);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("dataQuality", DataQuality.VALID.name());
            details.put("actual", m.getActual());
            details.put("target", m.getTarget());
            details.put("attainment", attainment);
            details.put("band", Map.of("status", Status.GREEN.name(), "rule", "attainment 1.00 or more"));
            details.put("weight", one);
            kpis.add(new KpiResult(m.getKpi(), m.getPerspective(), DataQuality.VALID,
                    m.getActual(), m.getTarget(), attainment, Status.GREEN, score, one,
                    new Explanation(List.of("DQ-05", "ATT-01", "KST-01", "KSC-01"), details)));
        }
        List<PerspectiveResult> scores = new ArrayList<>();
        for (Perspective perspective : Perspective.values()) {
            scores.add(new PerspectiveResult(perspective, score, Status.GREEN, BigDecimal.valueOf(25),
                    new Explanation(List.of("PSC-01", "PST-01"), Map.of("weightedMean", score))));
        }
        Overall overall = new Overall(score, Status.GREEN,
                new Explanation(List.of("OVR-01", "OST-01"), Map.of("weightedMean", score)));
        Flag flag = new Flag("PERSPECTIVE_RED", Severity.MEDIUM, "Financial perspective is RED",
                Perspective.FINANCIAL, null, "PERSPECTIVE_RED/FINANCIAL/", List.of("FLG-03"));
        Alert alert = new Alert("OVERALL_RED", Severity.HIGH, "Overall score 54.20 is RED (below 60)", null, null,
                "OVERALL_RED//", List.of("ALR-01"));
        return new TerritoryAssessment(territory.territory(), overall, scores, kpis, List.of(flag), List.of(alert));
    }

    /**
     * Regions of 100 territories, then every catalogue KPI of every territory for the period, in JDBC batches on one
     * connection and transaction. Actual / target spreads from 0.70 to 1.30 (GREEN, AMBER and RED KPIs); one
     * measurement in 250 has no actual (missing data).
     */
    private void generate(int count, Period period, List<KpiDefinition> kpis) throws SQLException {
        int regions = (count + TERRITORIES_PER_REGION - 1) / TERRITORIES_PER_REGION;
        LocalDateTime now = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO region (code, name) VALUES (?, ?)")) {
                for (int r = 0; r < regions; r++) {
                    insert.setString(1, String.format(Locale.ROOT, "BENCH-R%04d", r));
                    insert.setString(2, "Benchmark region " + r);
                    addToBatch(insert, r + 1);
                }
                insert.executeBatch();
            }
            Map<String, Long> regionIds = ids(connection, "region");
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO territory (code, name, region_id) VALUES (?, ?, ?)")) {
                for (int t = 0; t < count; t++) {
                    insert.setString(1, territoryCode(t));
                    insert.setString(2, "Benchmark territory " + t);
                    insert.setLong(3, regionIds.get(String.format(Locale.ROOT, "BENCH-R%04d",
                            t / TERRITORIES_PER_REGION)));
                    addToBatch(insert, t + 1);
                }
                insert.executeBatch();
            }
            Map<String, Long> territoryIds = ids(connection, "territory");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO measurement (territory_id, "
                    + "period, kpi_code, actual, target, updated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                long rows = 0;
                for (int t = 0; t < count; t++) {
                    long territoryId = territoryIds.get(territoryCode(t));
                    for (int k = 0; k < kpis.size(); k++) {
                        long hash = (t * 2_654_435_761L + k * 40_503L) & 0x7fff_ffffL;
                        hash ^= hash >>> 13;
                        BigDecimal target = BigDecimal.valueOf(10_000 + k * 100L, 2);
                        BigDecimal factor = BigDecimal.valueOf(70 + hash % 61, 2);
                        insert.setLong(1, territoryId);
                        insert.setString(2, period.toString());
                        insert.setString(3, kpis.get(k).code());
                        if (hash % 250 == 7) {
                            insert.setNull(4, Types.DECIMAL);
                        } else {
                            insert.setBigDecimal(4, target.multiply(factor).setScale(2, RoundingMode.HALF_UP));
                        }
                        insert.setBigDecimal(5, target);
                        insert.setObject(6, now);
                        addToBatch(insert, ++rows);
                    }
                }
                insert.executeBatch();
            }
            connection.commit();
        }
    }

    private static void addToBatch(PreparedStatement insert, long rows) throws SQLException {
        insert.addBatch();
        if (rows % INSERT_BATCH == 0) {
            insert.executeBatch();
        }
    }

    private static Map<String, Long> ids(Connection connection, String table) throws SQLException {
        Map<String, Long> ids = new HashMap<>();
        try (var select = connection.createStatement(); var rows = select.executeQuery(
                "SELECT code, id FROM " + table)) {
            while (rows.next()) {
                ids.put(rows.getString(1), rows.getLong(2));
            }
        }
        return ids;
    }

    private static String territoryCode(int t) {
        return String.format(Locale.ROOT, "BENCH-%06d", t);
    }

    private static String line(String what, int territories, Measured<Long> phase, Measured<Long> baseline, String rowsWhat) {
        return String.format(Locale.ROOT, "%-40s %7.1f s  %,8d territories/s  %,10d %s  peak heap %,5d MB%s", what,
                phase.seconds(), Math.round(territories / phase.seconds()), phase.result(), rowsWhat,
                phase.peakHeapBytes() >> 20, baseline == null ? "" : String.format(Locale.ROOT,
                        "  (%.2f x baseline time)", phase.seconds() / baseline.seconds()));
    }

    private String database() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName() + " " + connection.getMetaData()
                    .getDatabaseProductVersion() + " (" + connection.getMetaData().getURL() + ")";
        }
    }
}
