package io.territoryscorecard.measurement;

import io.territoryscorecard.account.AuditLog;
import io.territoryscorecard.measurement.imports.CsvTableSource;
import io.territoryscorecard.measurement.imports.ImportCounts;
import io.territoryscorecard.measurement.imports.ImportMeter;
import io.territoryscorecard.measurement.imports.KpiLoader;
import io.territoryscorecard.measurement.imports.MeasurementLoader;
import io.territoryscorecard.measurement.imports.OrganisationLoader;
import io.territoryscorecard.measurement.imports.Problems;
import io.territoryscorecard.measurement.imports.TableSource;
import io.territoryscorecard.measurement.imports.XlsxTableSource;
import io.territoryscorecard.territory.Organisation;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports organisation, measurement and KPI files (CSV or .xlsx), all rows or none: the file is checked and written
 * in one transaction while it streams, and any problem rolls everything back and is reported with row, column and
 * reason. Rows are upserts by their key, and a row whose values are unchanged is left alone, so importing the same file
 * twice changes nothing. One import runs at a time; every import is audited.
 */
@Service
public class Imports {

    /** Problems listed in a report; further ones are only counted. */
    public static final int MAX_PROBLEMS = 1_000;
    /** Measurement rows per JDBC batch. */
    static final int BATCH_SIZE = 1_000;

    private static final Logger log = LoggerFactory.getLogger(Imports.class);
    private static final byte[] ZIP = {0x50, 0x4B, 0x03, 0x04};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0};

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final AuditLog audit;
    private final Organisation organisation;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Running running;

    Imports(DataSource dataSource, JdbcTemplate jdbc, PlatformTransactionManager transactionManager, AuditLog audit,
            Organisation organisation) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.audit = audit;
        this.organisation = organisation;
    }

    private record Running(ImportKind kind, String file, String actor, LocalDateTime startedAt, ImportMeter meter) {
    }

    /** Imports a file from disk (the command line). */
    public ImportReport importFile(ImportKind kind, Path file, String actor) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return run(kind, file.toString(), in, Files.size(file), file, actor);
        }
    }

    /** Imports an uploaded file; {@code size} may be -1 when unknown. */
    public ImportReport importStream(ImportKind kind, String fileName, InputStream content, long size, String actor)
            throws IOException {
        return run(kind, fileName, content, size, null, actor);
    }

    /** The import running now, if any. */
    public Optional<ImportProgress> current() {
        Running now = running;
        if (now == null) {
            return Optional.empty();
        }
        ImportMeter meter = now.meter();
        return Optional.of(new ImportProgress(now.kind(), now.file(), now.actor(), now.startedAt(), meter.rows(),
                meter.bytesRead(), meter.bytesTotal(), meter.percent(), meter.rowsPerSecond(), meter.secondsLeft()));
    }

    private ImportReport run(ImportKind kind, String fileName, InputStream content, long size, Path path,
            String actor) throws IOException {
        String file = displayName(fileName);
        if (!lock.tryLock()) {
            throw new ImportAlreadyRunningException(current().orElse(null));
        }
        long started = System.nanoTime();
        try {
            ImportMeter meter = new ImportMeter(kind.word() + " '" + file + "'", size);
            running = new Running(kind, file, actor, now(), meter);
            log.info("Import of {} from '{}' started by {}", kind.word(), file, actor);
            ImportReport report = check(kind, file, meter.count(content), path, meter, actor);
            double seconds = (System.nanoTime() - started) / 1e9;
            if (report.applied()) {
                log.info("Import of {} from '{}' applied in {} s: {} rows, {} inserted, {} updated, {} unchanged "
                        + "({} rows/s)", kind.word(), file, String.format(Locale.ROOT, "%.1f", seconds),
                        report.rows(), report.inserted(), report.updated(), report.unchanged(),
                        Math.round(report.rows() / Math.max(seconds, 1e-3)));
                audit.record(actor, "IMPORT_APPLIED", kind.word() + " import", "file '" + file + "': "
                        + report.rows() + " rows, " + report.inserted() + " inserted, " + report.updated()
                        + " updated, " + report.unchanged() + " unchanged");
            } else {
                ImportProblem first = report.problems().get(0);
                log.info("Import of {} from '{}' rejected after {} s: {} problems, nothing written; first: row {}{}: {}",
                        kind.word(), file, String.format(Locale.ROOT, "%.1f", seconds), report.problemCount(),
                        first.row(), first.column() == null ? "" : " " + first.column(), first.message());
                audit.record(actor, "IMPORT_REJECTED", kind.word() + " import", "file '" + file + "': "
                        + report.problemCount() + " problems, " + report.rows() + " rows read, nothing written; first: "
                        + "row " + first.row() + (first.column() == null ? "" : ", " + first.column()) + ": "
                        + first.message());
            }
            return report;
        } finally {
            running = null;
            lock.unlock();
        }
    }

    private ImportReport check(ImportKind kind, String file, InputStream counted, Path path, ImportMeter meter,
            String actor) throws IOException {
        Problems problems = new Problems(MAX_PROBLEMS);
        BufferedInputStream in = new BufferedInputStream(counted, 64 * 1024);
        byte[] magic = peek(in);
        Path temporary = null;
        try {
            TableSource source;
            if (Arrays.equals(magic, OLE2)) {
                problems.add(0, null, "this is an old Excel .xls workbook; save it as .xlsx, or as CSV UTF-8");
                return rejected(kind, file, 0, problems);
            } else if (Arrays.equals(magic, ZIP)) {
                if (path == null) {
                    temporary = Files.createTempFile("scorecard-import-", ".xlsx");
                    Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
                }
                source = new XlsxTableSource(path == null ? temporary : path);
                meter.sizeUnknown();
            } else if (file.toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
                problems.add(0, null, "the file is named .xlsx but is not an .xlsx workbook; save it again from the "
                        + "spreadsheet, or as CSV UTF-8");
                return rejected(kind, file, 0, problems);
            } else {
                source = new CsvTableSource(in);
            }
            return load(kind, file, source, problems, meter, actor);
        } finally {
            if (temporary != null) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    /**
     * Reads and writes in one transaction, rolled back when the file has any problem. An applied file also leaves its
     * row in {@code data_import} in that transaction, so that an evaluation can name the imports its snapshot holds.
     */
    private ImportReport load(ImportKind kind, String file, TableSource source, Problems problems, ImportMeter meter,
            String actor) throws IOException {
        LocalDateTime now = now();
        long[] rows = new long[1];
        ImportCounts counts;
        try {
            counts = transactions.execute(status -> {
                try {
                    ImportCounts result = switch (kind) {
                        case MEASUREMENTS -> {
                            MeasurementLoader loader = new MeasurementLoader(DataSourceUtils.getConnection(dataSource),
                                    BATCH_SIZE, now, problems, meter);
                            source.read(loader, problems);
                            rows[0] = loader.rows();
                            yield loader.counts();
                        }
                        case ORGANISATION -> {
                            OrganisationLoader loader = new OrganisationLoader(organisation, problems, meter);
                            source.read(loader, problems);
                            rows[0] = loader.rows();
                            yield loader.counts();
                        }
                        case KPIS -> {
                            KpiLoader loader = new KpiLoader(jdbc, problems, meter);
                            source.read(loader, problems);
                            rows[0] = loader.rows();
                            yield loader.counts();
                        }
                    };
                    if (problems.any()) {
                        status.setRollbackOnly();
                    } else {
                        jdbc.update("""
                                INSERT INTO data_import (kind, file_name, requested_by, applied_at, rows_read,
                                                         rows_inserted, rows_updated, rows_unchanged)
                                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", kind.name(), file, actor, now, rows[0],
                                result.inserted(), result.updated(), result.unchanged());
                    }
                    return result;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (SQLException e) {
                    throw new IllegalStateException("the import could not read the database: " + e.getMessage(), e);
                }
            });
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof XlsxTableSource.UnreadableFile unreadable) {
                problems.add(0, null, unreadable.getMessage());
                return rejected(kind, file, rows[0], problems);
            }
            throw e.getCause();
        }
        if (problems.any()) {
            return rejected(kind, file, rows[0], problems);
        }
        return new ImportReport(kind, file, rows[0], counts.inserted(), counts.updated(), counts.unchanged(), List.of(),
                0);
    }

    private static ImportReport rejected(ImportKind kind, String file, long rows, Problems problems) {
        return new ImportReport(kind, file, rows, 0, 0, 0, problems.kept(), problems.more());
    }

    private static byte[] peek(BufferedInputStream in) throws IOException {
        in.mark(4);
        byte[] magic = in.readNBytes(4);
        in.reset();
        return magic;
    }

    /** The name without folders (browsers and clients may send a path), at most 200 characters. */
    private static String displayName(String fileName) {
        String name = fileName == null || fileName.isBlank() ? "upload" : fileName.strip();
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        return name.length() > 200 ? name.substring(0, 200) : name;
    }

    private static LocalDateTime now() {
        return LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
    }
}
