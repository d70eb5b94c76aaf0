package io.territoryscorecard.measurement.imports;

import io.territoryscorecard.measurement.ImportKind;
import io.territoryscorecard.measurement.KpiDefinition;
import io.territoryscorecard.measurement.Period;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks and writes a measurements file while it streams: territory and KPI codes against the database (read once),
 * the period, the numbers, and duplicates within the file. Rows are written in batches as long as no problem has been
 * found; after the first problem nothing more is written, the rest is only checked, and the caller rolls back.
 */
public final class MeasurementLoader extends TableLoader {

    private static final int TERRITORY = 0;
    private static final int PERIOD = 1;
    private static final int KPI = 2;
    private static final int ACTUAL = 3;
    private static final int TARGET = 4;
    /** The KPI index takes the low 15 bits of a row key. */
    private static final int MAX_KPIS = 1 << 15;
    private static final int PERIOD_CACHE = 10_000;

    private final Map<String, Integer> territoryIndex = new HashMap<>();
    private final long[] territoryIds;
    private final String[] territoryCodes;
    private final Map<String, Integer> kpiIndex = new HashMap<>();
    private final List<String> kpiCodes = new ArrayList<>();
    private final Map<String, Object> periods = new HashMap<>();
    private final RowKeys keys = new RowKeys();
    private final MeasurementWriter writer;

    public MeasurementLoader(Connection connection, int batchSize, LocalDateTime now, Problems problems,
            ImportMeter meter) throws SQLException {
        super(ImportKind.MEASUREMENTS.columns(), problems, meter);
        List<Long> ids = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id, code FROM territory ORDER BY id");
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                territoryIndex.put(rs.getString(2).toUpperCase(Locale.ROOT), ids.size());
                ids.add(rs.getLong(1));
                codes.add(rs.getString(2));
            }
        }
        territoryIds = ids.stream().mapToLong(Long::longValue).toArray();
        territoryCodes = codes.toArray(String[]::new);
        try (PreparedStatement select = connection.prepareStatement("SELECT code FROM kpi ORDER BY display_order, code");
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                kpiIndex.put(rs.getString(1).toUpperCase(Locale.ROOT), kpiCodes.size());
                kpiCodes.add(rs.getString(1));
            }
        }
        if (kpiCodes.size() >= MAX_KPIS) {
            throw new IllegalStateException("the KPI catalogue has more than " + MAX_KPIS + " KPIs");
        }
        writer = new MeasurementWriter(connection, batchSize, now);
    }

    public ImportCounts counts() {
        return writer.counts();
    }

    @Override
    protected void check(TableRow row) {
        int territory = territory(row);
        Period period = period(row);
        int kpi = kpi(row);
        BigDecimal actual = number(row, ACTUAL);
        BigDecimal target = number(row, TARGET);
        if (territory >= 0 && period != null && kpi >= 0) {
            int month = period.month().getYear() * 12 + period.month().getMonthValue() - 1;
            long key = ((long) territory << 32) | ((long) month << 15) | kpi;
            int first = keys.putIfAbsent(key, row.number());
            if (first != 0) {
                problems.add(row.number(), null, "row " + first + " has the same territory, period and KPI ("
                        + territoryCodes[territory] + ", " + period + ", " + kpiCodes.get(kpi)
                        + "); each may appear only once in a file");
            }
        }
        if (problems.any()) {
            writer.discard();
            return;
        }
        try {
            writer.add(new MeasurementWriter.Row(territoryIds[territory], period.toString(), kpi, kpiCodes.get(kpi),
                    actual, target));
        } catch (SQLException e) {
            throw new IllegalStateException("writing measurements failed at row " + row.number() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    protected void finish() {
        try {
            if (problems.any()) {
                writer.discard();
            } else {
                writer.flush();
            }
            writer.close();
        } catch (SQLException e) {
            throw new IllegalStateException("writing measurements failed: " + e.getMessage(), e);
        }
    }

    private int territory(TableRow row) {
        String code = value(row, TERRITORY);
        if (code == null) {
            return -1;
        }
        if (code.isEmpty()) {
            problem(row, TERRITORY, "empty; every row needs the code of a territory");
            return -1;
        }
        Integer index = territoryIndex.get(code.toUpperCase(Locale.ROOT));
        if (index == null) {
            problem(row, TERRITORY, "unknown territory '" + Cells.shorten(code) + "'; import it with the "
                    + "organisation first, or correct the code");
            return -1;
        }
        return index;
    }

    private Period period(TableRow row) {
        String text = value(row, PERIOD);
        if (text == null) {
            return null;
        }
        if (text.isEmpty()) {
            problem(row, PERIOD, "empty; every row needs the month it is for, written YYYY-MM, such as 2026-10");
            return null;
        }
        Object parsed = periods.get(text);
        if (parsed == null) {
            try {
                parsed = Period.parse(text);
            } catch (Period.InvalidPeriodException e) {
                parsed = e.getMessage();
            }
            if (periods.size() < PERIOD_CACHE) {
                periods.put(text, parsed);
            }
        }
        if (parsed instanceof Period period) {
            return period;
        }
        problem(row, PERIOD, (String) parsed);
        return null;
    }

    private int kpi(TableRow row) {
        String code = value(row, KPI);
        if (code == null) {
            return -1;
        }
        if (code.isEmpty()) {
            problem(row, KPI, "empty; every row needs the code of a KPI");
            return -1;
        }
        Integer index = kpiIndex.get(code.toUpperCase(Locale.ROOT));
        if (index == null) {
            problem(row, KPI, KpiDefinition.unknown(code, kpiCodes) + " (import KPI changes first to add one)");
            return -1;
        }
        return index;
    }

    /** An empty cell is no value: for actual "not measured", for target "no target" (the evaluation flags it). */
    private BigDecimal number(TableRow row, int column) {
        String text = value(row, column);
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Cells.number(text);
        } catch (Cells.InvalidCell e) {
            problem(row, column, e.getMessage());
            return null;
        }
    }
}
