package io.territoryscorecard.measurement.imports;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes measurements in JDBC batches on the import's connection (inside its transaction). Before each batch it reads
 * the batch's rows that exist already, so that it can count inserted, updated and unchanged rows and leave unchanged
 * rows alone; periods that had no rows when the import first met them are not read again. New and changed rows go in
 * one batch of upserts. The upsert itself also keeps {@code updated_at} when actual and target are unchanged, so a row
 * that another import wrote meanwhile keeps its time too.
 */
final class MeasurementWriter {

    /**
     * Accepted by MySQL, MariaDB and H2 in MySQL mode. MySQL assigns left to right, so {@code updated_at} is decided
     * before actual and target change; H2 evaluates every assignment on the old row, which gives the same result.
     * The NULL-safe comparison is spelt out as a CASE because neither {@code <=>} nor {@code IS NOT DISTINCT FROM}
     * works on both, and H2 reads {@code (VALUES(x)) IS NULL} as a one-row table of the old value.
     */
    static final String UPSERT = """
            INSERT INTO measurement (territory_id, period, kpi_code, actual, target, updated_at)
            VALUES (?, ?, ?, ?, ?, ?)
            ON DUPLICATE KEY UPDATE
              updated_at = CASE
                WHEN (CASE WHEN VALUES(actual) IS NULL THEN actual IS NULL ELSE actual = VALUES(actual) END)
                 AND (CASE WHEN VALUES(target) IS NULL THEN target IS NULL ELSE target = VALUES(target) END)
                THEN updated_at ELSE VALUES(updated_at) END,
              actual = VALUES(actual),
              target = VALUES(target)
            """;

    private final Connection connection;
    private final int batchSize;
    private final LocalDateTime now;
    private final List<Row> pending = new ArrayList<>();
    /** Whether a period had rows before this import wrote to it. */
    private final Map<String, Boolean> periodHadRows = new HashMap<>();
    private PreparedStatement upsert;
    private long inserted;
    private long updated;
    private long unchanged;

    MeasurementWriter(Connection connection, int batchSize, LocalDateTime now) {
        this.connection = connection;
        this.batchSize = batchSize;
        this.now = now;
    }

    record Row(long territoryId, String period, int kpiIndex, String kpiCode, BigDecimal actual, BigDecimal target) {
    }

    void add(Row row) throws SQLException {
        if (!periodHadRows.containsKey(row.period())) {
            // asked before any row of this period is written, so the answer is about the rows before the import
            periodHadRows.put(row.period(), hasRows(row.period()));
        }
        pending.add(row);
        if (pending.size() >= batchSize) {
            flush();
        }
    }

    /** Forgets the rows not yet written (the file has a problem: nothing more will be written). */
    void discard() {
        pending.clear();
    }

    void flush() throws SQLException {
        if (pending.isEmpty()) {
            return;
        }
        Map<Key, Existing> existing = existing();
        if (upsert == null) {
            upsert = connection.prepareStatement(UPSERT);
        }
        int writes = 0;
        for (Row row : pending) {
            Existing before = existing.get(key(row.territoryId(), row.kpiIndex(), row.period()));
            if (before == null) {
                inserted++;
            } else if (same(before.actual(), row.actual()) && same(before.target(), row.target())) {
                unchanged++;
                continue;
            } else {
                updated++;
            }
            upsert.setLong(1, row.territoryId());
            upsert.setString(2, row.period());
            upsert.setString(3, row.kpiCode());
            setDecimal(upsert, 4, row.actual());
            setDecimal(upsert, 5, row.target());
            upsert.setObject(6, now);
            upsert.addBatch();
            writes++;
        }
        if (writes > 0) {
            // with rewriteBatchedStatements the driver reports -2 per row: the counts above come from the read
            upsert.executeBatch();
        }
        pending.clear();
    }

    ImportCounts counts() {
        return new ImportCounts(inserted, updated, unchanged);
    }

    void close() throws SQLException {
        if (upsert != null) {
            upsert.close();
        }
    }

    private record Existing(BigDecimal actual, BigDecimal target) {
    }

    /** The pending rows that exist already, read per period by territory ids (the index on period, territory). */
    private Map<Key, Existing> existing() throws SQLException {
        Map<String, Map<Long, Boolean>> idsByPeriod = new LinkedHashMap<>();
        for (Row row : pending) {
            if (periodHadRows.get(row.period())) {
                idsByPeriod.computeIfAbsent(row.period(), p -> new LinkedHashMap<>()).put(row.territoryId(), true);
            }
        }
        Map<Key, Existing> existing = new HashMap<>();
        Map<String, Integer> kpiIndexes = new HashMap<>();
        for (Row row : pending) {
            kpiIndexes.putIfAbsent(row.kpiCode(), row.kpiIndex());
        }
        for (Map.Entry<String, Map<Long, Boolean>> entry : idsByPeriod.entrySet()) {
            List<Long> ids = new ArrayList<>(entry.getValue().keySet());
            String sql = "SELECT territory_id, kpi_code, actual, target FROM measurement WHERE period = ? AND "
                    + "territory_id IN (" + "?,".repeat(ids.size() - 1) + "?)";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, entry.getKey());
                for (int i = 0; i < ids.size(); i++) {
                    select.setLong(i + 2, ids.get(i));
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        Integer kpiIndex = kpiIndexes.get(rs.getString(2));
                        if (kpiIndex != null) {
                            existing.put(key(rs.getLong(1), kpiIndex, entry.getKey()),
                                    new Existing(rs.getBigDecimal(3), rs.getBigDecimal(4)));
                        }
                    }
                }
            }
        }
        return existing;
    }

    private boolean hasRows(String period) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT 1 FROM measurement WHERE period = ? LIMIT 1")) {
            select.setString(1, period);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }

    private record Key(long territoryId, int kpiIndex, String period) {
    }

    private static Key key(long territoryId, int kpiIndex, String period) {
        return new Key(territoryId, kpiIndex, period);
    }

    private static boolean same(BigDecimal stored, BigDecimal imported) {
        return stored == null ? imported == null : imported != null && stored.compareTo(imported) == 0;
    }

    private static void setDecimal(PreparedStatement statement, int index, BigDecimal value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.DECIMAL);
        } else {
            statement.setBigDecimal(index, value);
        }
    }
}
