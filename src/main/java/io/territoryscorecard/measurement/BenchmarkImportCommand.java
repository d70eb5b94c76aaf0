package io.territoryscorecard.measurement;

import io.territoryscorecard.cli.Command;
import io.territoryscorecard.cli.Measured;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.ApplicationArguments;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code benchmark-import --rows=1000000}: generates an organisation and a measurements file of that many rows,
 * imports them into the configured database and prints rows per second and peak heap, next to a baseline measured
 * in the same run: a plain JDBC batch insert of the same rows (no file, no checks, no upsert). Then it imports the
 * same file again (every row unchanged) and a file in which every value changed. Needs a database
 * without measurements (a scratch database); it leaves the generated organisation and measurements in it.
 */
@Component
class BenchmarkImportCommand implements Command {

    private static final int MONTHS = 12;
    private static final YearMonth FIRST_MONTH = YearMonth.of(2025, 1);

    private final Imports imports;
    private final Measurements measurements;
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;

    BenchmarkImportCommand(Imports imports, Measurements measurements, DataSource dataSource, JdbcTemplate jdbc) {
        this.imports = imports;
        this.measurements = measurements;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "benchmark-import";
    }

    @Override
    public String usage() {
        return "benchmark-import --rows=1000000   time a measurements import against a plain batch insert "
                + "(scratch database)";
    }

    @Override
    public int run(ApplicationArguments arguments, PrintStream out, PrintStream err) {
        int rows;
        try {
            List<String> values = arguments.getOptionValues("rows");
            rows = values == null ? 1_000_000 : Integer.parseInt(values.get(0).replace("_", ""));
            if (rows < 1) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            err.println("--rows must be a positive whole number, such as --rows=1000000");
            return 2;
        }
        if (jdbc.queryForObject("SELECT COUNT(*) FROM measurement", Long.class) > 0) {
            err.println("benchmark-import needs a database without measurements: run it against a scratch database "
                    + "(see the README)");
            return 2;
        }
        List<String> kpis = measurements.catalogue().stream().map(KpiDefinition::code).toList();
        int territories = (int) Math.ceil(rows / (double) (kpis.size() * MONTHS));
        Path folder = null;
        try {
            folder = Files.createTempDirectory("scorecard-benchmark-");
            Path organisation = writeOrganisation(folder.resolve("organisation.csv"), territories);
            Path file = writeMeasurements(folder.resolve("measurements.csv"), rows, territories, kpis, 0);
            Path changed = writeMeasurements(folder.resolve("changed.csv"), rows, territories, kpis, 1);
            out.printf(Locale.ROOT, "%,d measurement rows (%,d territories x %d months x %d KPIs), file %,d MB; "
                            + "max heap %,d MB, database %s%n", rows, territories, MONTHS, kpis.size(),
                    Files.size(file) >> 20, Runtime.getRuntime().maxMemory() >> 20, database());

            ImportReport org = imports.importFile(ImportKind.ORGANISATION, organisation, "benchmark");
            if (!org.applied()) {
                err.println("the generated organisation was rejected: " + org.problems().get(0));
                return 1;
            }
            Map<String, Long> ids = territoryIds();

            Measured<?> baseline = Measured.of(() -> {
                baselineInsert(rows, territories, kpis, ids);
                return null;
            });
            out.println(line("baseline: plain JDBC batch insert", rows, baseline, null));
            deleteMeasurements();

            Measured<?> first = Measured.of(() -> importOrFail(file));
            out.println(line("import into an empty table", rows, first, baseline));
            Measured<?> again = Measured.of(() -> importOrFail(file));
            out.println(line("the same file again (unchanged)", rows, again, baseline));
            Measured<?> update = Measured.of(() -> importOrFail(changed));
            out.println(line("every value changed (updated)", rows, update, baseline));
            out.printf(Locale.ROOT, "import / baseline time: %.2f (first import), %.2f (again), %.2f (changed)%n",
                    first.seconds() / baseline.seconds(), again.seconds() / baseline.seconds(),
                    update.seconds() / baseline.seconds());
            return 0;
        } catch (IOException | SQLException | IllegalStateException e) {
            err.println("benchmark-import failed: " + e.getMessage());
            return 1;
        } finally {
            deleteFolder(folder);
        }
    }

    private ImportReport importOrFail(Path file) {
        try {
            ImportReport report = imports.importFile(ImportKind.MEASUREMENTS, file, "benchmark");
            if (!report.applied()) {
                throw new IllegalStateException("the generated file was rejected: " + report.problems().get(0));
            }
            return report;
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static String line(String what, int rows, Measured<?> phase, Measured<?> baseline) {
        String counts = phase.result() instanceof ImportReport report
                ? String.format(Locale.ROOT, " [%d inserted, %d updated, %d unchanged]", report.inserted(),
                        report.updated(), report.unchanged())
                : "";
        return String.format(Locale.ROOT, "%-36s %7.1f s  %,9d rows/s  peak heap %,5d MB%s%s", what, phase.seconds(),
                Math.round(rows / phase.seconds()), phase.peakHeapBytes() >> 20,
                baseline == null ? "" : String.format(Locale.ROOT, "  (%.2f x baseline time)",
                        phase.seconds() / baseline.seconds()), counts);
    }

    private Path writeOrganisation(Path file, int territories) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(String.join(",", ImportKind.ORGANISATION.columns()));
            out.write("\n");
            for (int t = 0; t < territories; t++) {
                int region = t / 100;
                out.write(String.format(Locale.ROOT, "BENCH-R%03d,Benchmark region %d,,%s,Benchmark territory %d,"
                        + "Manager %d,manager.%d@bench.example\n", region, region, territoryCode(t), t, t, t));
            }
        }
        return file;
    }

    /** @param shift added to every actual: 0 for the first file, 1 for one where every row changed */
    private Path writeMeasurements(Path file, int rows, int territories, List<String> kpis, int shift)
            throws IOException, SQLException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(String.join(",", ImportKind.MEASUREMENTS.columns()));
            out.write("\n");
            generate(rows, territories, kpis, (t, period, kpi, actual, target) -> {
                out.write(territoryCode(t));
                out.write(',');
                out.write(period);
                out.write(',');
                out.write(kpi);
                out.write(',');
                out.write(actual.add(BigDecimal.valueOf(shift)).toPlainString());
                out.write(',');
                out.write(target.toPlainString());
                out.write('\n');
            });
        }
        return file;
    }

    private void baselineInsert(int rows, int territories, List<String> kpis, Map<String, Long> ids)
            throws SQLException {
        LocalDateTime now = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO measurement (territory_id, "
                    + "period, kpi_code, actual, target, updated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                int[] pending = {0};
                generate(rows, territories, kpis, (t, period, kpi, actual, target) -> {
                    insert.setLong(1, ids.get(territoryCode(t)));
                    insert.setString(2, period);
                    insert.setString(3, kpi);
                    insert.setBigDecimal(4, actual);
                    insert.setBigDecimal(5, target);
                    insert.setObject(6, now);
                    insert.addBatch();
                    if (++pending[0] == Imports.BATCH_SIZE) {
                        insert.executeBatch();
                        pending[0] = 0;
                    }
                });
                if (pending[0] > 0) {
                    insert.executeBatch();
                }
            } catch (IOException e) {
                throw new SQLException(e);
            }
            connection.commit();
        }
    }

    private void deleteMeasurements() {
        for (int month = 0; month < MONTHS; month++) {
            jdbc.update("DELETE FROM measurement WHERE period = ?", FIRST_MONTH.plusMonths(month).toString());
        }
    }

    @FunctionalInterface
    private interface RowConsumer {
        void accept(int territory, String period, String kpi, BigDecimal actual, BigDecimal target)
                throws IOException, SQLException;
    }

    /** The same rows for the file and the baseline: territory by territory, month by month, KPI by KPI. */
    private static void generate(int rows, int territories, List<String> kpis, RowConsumer consumer)
            throws IOException, SQLException {
        List<String> periods = new ArrayList<>();
        for (int month = 0; month < MONTHS; month++) {
            periods.add(FIRST_MONTH.plusMonths(month).toString());
        }
        int written = 0;
        for (int t = 0; t < territories && written < rows; t++) {
            for (int m = 0; m < MONTHS && written < rows; m++) {
                for (int k = 0; k < kpis.size() && written < rows; k++) {
                    long seed = (t * 31L + m * 17L + k * 7L) % 100_000;
                    consumer.accept(t, periods.get(m), kpis.get(k), BigDecimal.valueOf(seed + 50_000, 2),
                            BigDecimal.valueOf(100_000 + k * 100L, 2));
                    written++;
                }
            }
        }
    }

    private static String territoryCode(int t) {
        return String.format(Locale.ROOT, "BENCH-%06d", t);
    }

    private Map<String, Long> territoryIds() {
        Map<String, Long> ids = new java.util.HashMap<>();
        jdbc.query("SELECT code, id FROM territory", rs -> {
            ids.put(rs.getString(1), rs.getLong(2));
        });
        return ids;
    }

    private String database() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName() + " " + connection.getMetaData()
                    .getDatabaseProductVersion() + " (" + connection.getMetaData().getURL() + ")";
        }
    }

    private static void deleteFolder(Path folder) {
        if (folder == null) {
            return;
        }
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }

}
