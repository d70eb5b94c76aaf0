package io.territoryscorecard.measurement.imports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What every import does with a file's rows: match the header to the expected columns (by name, in any order, without
 * regard to case), refuse a file without header or without data rows, skip blank rows, count and time the rows. The
 * kinds check and keep the values of each row.
 */
public abstract class TableLoader implements TableVisitor {

    protected final Problems problems;
    private final List<String> expected;
    private final ImportMeter meter;
    /** Position in the file of each expected column; -1 when missing. */
    private final int[] positions;
    private String[] names = new String[0];
    private boolean headerSeen;
    private int headerRow;
    private boolean headerUsable;
    private long rows;

    protected TableLoader(List<String> expected, Problems problems, ImportMeter meter) {
        this.expected = List.copyOf(expected);
        this.problems = problems;
        this.meter = meter;
        this.positions = new int[expected.size()];
        Arrays.fill(positions, -1);
    }

    /** Data rows read (blank rows not counted). */
    public long rows() {
        return rows;
    }

    @Override
    public final boolean header(TableRow header) {
        headerSeen = true;
        headerRow = header.number();
        names = new String[header.size()];
        if (header.rowBroken()) {
            return false;
        }
        if (header.size() == 1 && !header.broken(0) && otherDelimiter(header.value(0)) != null
                && !expected.contains(header.value(0).toLowerCase(Locale.ROOT))) {
            // one problem instead of one per column: the file is separated by something else
            problems.add(headerRow, null, "the columns are separated by " + otherDelimiter(header.value(0))
                    + "; separate them by comma or semicolon. Expected columns: " + String.join(",", expected));
            return false;
        }
        Map<String, Integer> found = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.value(i);
            names[i] = name.isEmpty() ? "column " + (i + 1) : name;
            if (header.broken(i)) {
                continue;
            }
            String key = name.toLowerCase(Locale.ROOT);
            int column = expected.indexOf(key);
            if (column < 0) {
                problems.add(headerRow, names[i], unknownColumnMessage(name));
            } else if (found.putIfAbsent(key, i) != null) {
                problems.add(headerRow, names[i], "column '" + name + "' appears twice in the header");
            } else {
                positions[column] = i;
                names[i] = expected.get(column);
            }
        }
        List<String> missing = new ArrayList<>();
        for (int column = 0; column < expected.size(); column++) {
            if (positions[column] < 0) {
                missing.add(expected.get(column));
            }
        }
        for (String column : missing) {
            problems.add(headerRow, column, "missing column '" + column + "'; the header must name the columns "
                    + String.join(",", expected));
        }
        headerUsable = missing.size() < expected.size();
        return headerUsable;
    }

    private String unknownColumnMessage(String name) {
        if (name.isEmpty()) {
            return "a column without a name; the header must name the columns " + String.join(",", expected);
        }
        return "unknown column '" + Cells.shorten(name) + "'; the header must name the columns "
                + String.join(",", expected);
    }

    private static String otherDelimiter(String header) {
        if (header.indexOf('\t') >= 0) {
            return "tabs";
        }
        if (header.indexOf('|') >= 0) {
            return "'|'";
        }
        return null;
    }

    @Override
    public final String columnName(int position) {
        return position < names.length ? names[position] : "column " + (position + 1);
    }

    @Override
    public final void row(TableRow row) {
        if (row.blank()) {
            return;
        }
        rows++;
        meter.row();
        if (!row.rowBroken()) {
            check(row);
        }
    }

    @Override
    public final void end() {
        if (!headerSeen) {
            problems.add(0, null, "the file is empty; it needs a header row with the columns "
                    + String.join(",", expected) + " and at least one data row");
        } else if (rows == 0 && headerUsable) {
            problems.add(headerRow + 1, null, "the file has a header but no data rows");
        }
        finish();
    }

    /** Checks one data row (not blank, its cells readable unless marked broken) and keeps or writes it. */
    protected abstract void check(TableRow row);

    /** All rows have been read. */
    protected abstract void finish();

    /**
     * The stripped value of an expected column, "" when empty; null when it cannot be checked (column missing or cell
     * unreadable, both already reported).
     */
    protected final String value(TableRow row, int column) {
        int position = positions[column];
        if (position < 0 || row.broken(position)) {
            return null;
        }
        return row.value(position);
    }

    /** Reports a problem with an expected column of a row. */
    protected final void problem(TableRow row, int column, String message) {
        problems.add(row.number(), expected.get(column), message);
    }
}
