package io.territoryscorecard.measurement.imports;

/**
 * One row of a file as read: its number as a spreadsheet shows it, and its values by position. A cell the reader
 * could not read (invalid bytes, a formula, too long) is marked broken and its problem already reported; a row whose
 * cells cannot be trusted at all (wrong number of values) is marked broken as a whole.
 */
public final class TableRow {

    private final int number;
    private final String[] values;
    private final boolean[] broken;
    private final boolean rowBroken;

    public TableRow(int number, String[] values, boolean[] broken, boolean rowBroken) {
        this.number = number;
        this.values = values;
        this.broken = broken;
        this.rowBroken = rowBroken;
    }

    public int number() {
        return number;
    }

    public int size() {
        return values.length;
    }

    /** The value at a position, stripped of surrounding white space; "" when the row has no such cell. */
    public String value(int position) {
        return position < values.length && values[position] != null ? values[position].strip() : "";
    }

    public boolean broken(int position) {
        return rowBroken || (broken != null && position < broken.length && broken[position]);
    }

    public boolean rowBroken() {
        return rowBroken;
    }

    /** Whether every cell is empty (a row a spreadsheet leaves behind, such as ";;;;"); such rows are skipped. */
    public boolean blank() {
        if (rowBroken) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            if (broken(i) || (values[i] != null && !values[i].isBlank())) {
                return false;
            }
        }
        return true;
    }
}
