package io.territoryscorecard.measurement.imports;

import io.territoryscorecard.measurement.ImportKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Checks a KPI catalogue file and, when every row is right, adds new KPIs (after the existing ones, in file order)
 * and changes existing ones by code. KPIs missing from the file stay as they are: measurements and results refer to
 * them.
 */
public final class KpiLoader extends TableLoader {

    private static final int CODE = 0;
    private static final int NAME = 1;
    private static final int PERSPECTIVE = 2;
    private static final int DIRECTION = 3;
    private static final int UNIT = 4;

    /** The perspectives and directions the rules know (ruleset.fact.Perspective and Direction). */
    private static final List<String> PERSPECTIVES = List.of("FINANCIAL", "CUSTOMER", "INTERNAL_PROCESS",
            "LEARNING_GROWTH");
    private static final List<String> DIRECTIONS = List.of("HIGHER", "LOWER");
    private static final Pattern KPI_CODE = Pattern.compile("[A-Z][A-Z0-9_]*");

    private final JdbcTemplate jdbc;
    private final List<Line> lines = new ArrayList<>();
    private final Map<String, Integer> codes = new HashMap<>();
    private ImportCounts counts = new ImportCounts(0, 0, 0);

    public KpiLoader(JdbcTemplate jdbc, Problems problems, ImportMeter meter) {
        super(ImportKind.KPIS.columns(), problems, meter);
        this.jdbc = jdbc;
    }

    private record Line(String code, String name, String perspective, String direction, String unit) {
    }

    private record Stored(String name, String perspective, String direction, String unit) {
    }

    public ImportCounts counts() {
        return counts;
    }

    @Override
    protected void check(TableRow row) {
        String code = code(row);
        String name = text(row, NAME, 200);
        String perspective = oneOf(row, PERSPECTIVE, PERSPECTIVES);
        String direction = oneOf(row, DIRECTION, DIRECTIONS);
        String unit = text(row, UNIT, 30);
        if (code != null) {
            Integer first = codes.putIfAbsent(code, row.number());
            if (first != null) {
                problem(row, CODE, "KPI " + code + " is in row " + first + " already; each KPI may appear only once");
                return;
            }
        }
        if (code != null && name != null && perspective != null && direction != null && unit != null) {
            lines.add(new Line(code, name, perspective, direction, unit));
        }
    }

    @Override
    protected void finish() {
        if (problems.any()) {
            return;
        }
        Map<String, Stored> existing = new HashMap<>();
        jdbc.query("SELECT code, name, perspective, direction, unit FROM kpi", rs -> {
            existing.put(rs.getString(1).toUpperCase(Locale.ROOT), new Stored(rs.getString(2), rs.getString(3),
                    rs.getString(4), rs.getString(5)));
        });
        Integer last = jdbc.queryForObject("SELECT MAX(display_order) FROM kpi", Integer.class);
        int order = last == null ? 0 : last;
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        long unchanged = 0;
        for (Line line : lines) {
            Stored before = existing.get(line.code());
            if (before == null) {
                inserts.add(new Object[] {line.code(), line.name(), line.perspective(), line.unit(), line.direction(),
                        ++order});
            } else if (before.equals(new Stored(line.name(), line.perspective(), line.direction(), line.unit()))) {
                unchanged++;
            } else {
                updates.add(new Object[] {line.name(), line.perspective(), line.unit(), line.direction(), line.code()});
            }
        }
        jdbc.batchUpdate("INSERT INTO kpi (code, name, perspective, unit, direction, display_order) "
                + "VALUES (?, ?, ?, ?, ?, ?)", inserts);
        jdbc.batchUpdate("UPDATE kpi SET name = ?, perspective = ?, unit = ?, direction = ? WHERE code = ?", updates);
        counts = new ImportCounts(inserts.size(), updates.size(), unchanged);
    }

    private String code(TableRow row) {
        String text = value(row, CODE);
        if (text == null) {
            return null;
        }
        if (text.isEmpty()) {
            problem(row, CODE, "empty; every row needs the code of a KPI");
            return null;
        }
        String code = text.toUpperCase(Locale.ROOT);
        if (code.length() > 40 || !KPI_CODE.matcher(code).matches()) {
            problem(row, CODE, "'" + Cells.shorten(text) + "' is not a KPI code: letters, digits and '_', starting "
                    + "with a letter, at most 40 (such as SALES_CYCLE_DAYS)");
            return null;
        }
        return code;
    }

    private String text(TableRow row, int column, int maxLength) {
        String text = value(row, column);
        if (text == null) {
            return null;
        }
        if (text.isEmpty()) {
            problem(row, column, "empty; a value is needed");
            return null;
        }
        try {
            return Cells.text(text, maxLength);
        } catch (Cells.InvalidCell e) {
            problem(row, column, e.getMessage());
            return null;
        }
    }

    private String oneOf(TableRow row, int column, List<String> allowed) {
        String text = value(row, column);
        if (text == null) {
            return null;
        }
        String value = text.toUpperCase(Locale.ROOT);
        if (!allowed.contains(value)) {
            problem(row, column, "'" + Cells.shorten(text) + "' is not one of " + String.join(", ", allowed));
            return null;
        }
        return value;
    }
}
