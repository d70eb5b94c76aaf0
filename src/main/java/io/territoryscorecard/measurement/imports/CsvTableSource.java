package io.territoryscorecard.measurement.imports;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A strict RFC 4180 reader for CSV files in UTF-8 (with or without byte order mark). The delimiter is the first comma
 * or semicolon of the header row; values may be quoted, and quoted values may hold delimiters, line breaks and doubled
 * quotes. Line breaks are CRLF, LF or CR. Everything it cannot read exactly becomes a problem with row and column,
 * and reading goes on so that the whole file is reported: bytes that are not UTF-8, a quote in the middle of an
 * unquoted value, text after a closing quote, a quote that is never closed, a value or row longer than the limits
 * (which are never held in memory), a row with more or fewer values than the header.
 *
 * <p>A row is what a spreadsheet shows as one row: a quoted value spanning lines does not start a new row. Empty
 * lines are skipped but counted.
 */
public final class CsvTableSource implements TableSource {

    /** Longest value kept; the longest database column takes 320 characters. */
    public static final int MAX_VALUE_CHARS = 1_000;
    /** Longest row read; beyond it the row is reported and skipped without being kept in memory. */
    public static final int MAX_ROW_CHARS = 10_000;
    /** Values kept per row; more are only counted. */
    private static final int MAX_VALUES = 200;

    private static final int END = Utf8Chars.END;
    private static final int MALFORMED = Utf8Chars.MALFORMED;
    private static final int NONE = -3;

    private final Utf8Chars chars;
    private final int maxValueChars;
    private final int maxRowChars;
    /** 0 until the header row shows a comma or semicolon. */
    private char delimiter;
    private int pushedBack = NONE;
    private boolean started;

    public CsvTableSource(InputStream in) {
        this(in, MAX_VALUE_CHARS, MAX_ROW_CHARS);
    }

    CsvTableSource(InputStream in, int maxValueChars, int maxRowChars) {
        this.chars = new Utf8Chars(in);
        this.maxValueChars = maxValueChars;
        this.maxRowChars = maxRowChars;
    }

    /** The delimiter found in the header: ',' or ';' (',' when the header has a single column). */
    public char delimiter() {
        return delimiter == 0 ? ',' : delimiter;
    }

    @Override
    public void read(TableVisitor visitor, Problems problems) throws IOException {
        int columns = -1;
        int number = 0;
        while (true) {
            number++;
            Record record = readRecord(number, columns < 0 ? null : visitor, problems);
            if (record == null) {
                break;
            }
            if (record.blankLine) {
                continue;
            }
            if (columns < 0) {
                if (delimiter == 0) {
                    delimiter = ',';
                }
                columns = record.count;
                if (!visitor.header(record.toRow(number, record.rowBroken))) {
                    break;
                }
                continue;
            }
            boolean rowBroken = record.rowBroken;
            if (!rowBroken && record.count != columns) {
                rowBroken = true;
                problems.add(number, null, countMessage(record.count, columns));
            }
            visitor.row(record.toRow(number, rowBroken));
        }
        visitor.end();
    }

    private String countMessage(int count, int columns) {
        String text = count + (count == 1 ? " value" : " values") + ", but the header has " + columns + " columns";
        if (count == 1 && columns > 1) {
            return text + " (the values of this row are not separated by '" + delimiter() + "' as in the header)";
        }
        if (count > columns && delimiter() == ',') {
            return text + " (a value holding a comma must be quoted; a decimal comma such as 1,5 must be written "
                    + "1.5)";
        }
        return text;
    }

    // -----------------------------------------------------------------------------------------------------------
    // One record

    private static final int START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int AFTER_QUOTE = 3;

    /**
     * Reads one record; null at the end of the file. {@code names} names the columns in problems (null while reading
     * the header).
     */
    private Record readRecord(int number, TableVisitor names, Problems problems) throws IOException {
        int c = next();
        if (c == END) {
            return null;
        }
        if (c == '\n' || c == '\r') {
            endOfLine(c);
            return Record.BLANK_LINE;
        }
        Record record = new Record(number, names, problems);
        int state = START;
        for (;; c = next()) {
            if (c != END && ++record.chars > maxRowChars && !record.rowBroken) {
                record.rowBroken = true;
                problems.add(number, null, "the row is longer than " + String.format(Locale.ROOT, "%,d", maxRowChars)
                        + " characters, so it was not read (is this a CSV file with one row per line?)");
            }
            if (state == START) {
                if (c == '"') {
                    state = QUOTED;
                    continue;
                }
                state = UNQUOTED;
            }
            if (state == UNQUOTED) {
                if (c == END) {
                    record.endValue();
                    return record;
                }
                if (isDelimiter(c)) {
                    record.endValue();
                    state = START;
                } else if (c == '\n' || c == '\r') {
                    endOfLine(c);
                    record.endValue();
                    return record;
                } else if (c == '"') {
                    record.problem("a quote inside a value that does not start with one; enclose the whole value "
                            + "in quotes and double the quote inside (\"\")");
                } else {
                    append(record, c);
                }
            } else if (state == QUOTED) {
                if (c == END) {
                    record.problem("the quote that opens this value is never closed, so the rest of the file was "
                            + "read as part of it");
                    record.endValue();
                    return record;
                }
                if (c == '"') {
                    state = AFTER_QUOTE;
                } else {
                    append(record, c);
                }
            } else {
                if (c == '"') {
                    append(record, c);
                    state = QUOTED;
                } else if (c == END) {
                    record.endValue();
                    return record;
                } else if (isDelimiter(c)) {
                    record.endValue();
                    state = START;
                } else if (c == '\n' || c == '\r') {
                    endOfLine(c);
                    record.endValue();
                    return record;
                } else {
                    record.problem("text after the closing quote; a quote inside a quoted value must be doubled "
                            + "(\"\")");
                    state = UNQUOTED;
                }
            }
        }
    }

    private void append(Record record, int c) {
        if (c == MALFORMED) {
            record.problem("not UTF-8 text (" + chars.lastMalformed() + "); save the file as UTF-8 (in Excel: "
                    + "'CSV UTF-8')");
        } else {
            record.append((char) c, maxValueChars);
        }
    }

    private boolean isDelimiter(int c) {
        if (delimiter == 0 && (c == ',' || c == ';')) {
            delimiter = (char) c;
            return true;
        }
        return c == delimiter;
    }

    private void endOfLine(int c) throws IOException {
        if (c == '\r') {
            int after = next();
            if (after != '\n') {
                pushedBack = after;
            }
        }
    }

    private int next() throws IOException {
        if (pushedBack != NONE) {
            int c = pushedBack;
            pushedBack = NONE;
            return c;
        }
        int c = chars.next();
        if (!started) {
            started = true;
            if (c == '\uFEFF') {
                c = chars.next();
            }
        }
        return c;
    }

    /** A record being read: its values, which of them are broken, and whether the whole row is. */
    private static final class Record {

        static final Record BLANK_LINE = new Record();

        private final int number;
        private final TableVisitor names;
        private final Problems problems;
        final boolean blankLine;
        final List<String> values = new ArrayList<>();
        final List<Boolean> broken = new ArrayList<>();
        final StringBuilder value = new StringBuilder();
        int count;
        long chars;
        boolean rowBroken;
        boolean valueBroken;
        boolean valueTooLong;
        int maxValueChars;

        private Record() {
            this.number = 0;
            this.names = null;
            this.problems = null;
            this.blankLine = true;
        }

        Record(int number, TableVisitor names, Problems problems) {
            this.number = number;
            this.names = names;
            this.problems = problems;
            this.blankLine = false;
        }

        void append(char c, int maxValueChars) {
            if (rowBroken || valueBroken || valueTooLong) {
                return;
            }
            if (value.length() >= maxValueChars) {
                // reported when the value ends, unless the whole row turns out too long first
                valueTooLong = true;
                this.maxValueChars = maxValueChars;
                return;
            }
            value.append(c);
        }

        /** A problem with the current value; reported once per value, and the value is then ignored. */
        void problem(String message) {
            if (rowBroken || valueBroken) {
                return;
            }
            valueBroken = true;
            value.setLength(0);
            String column = names == null ? null : names.columnName(count);
            problems.add(number, column, names == null ? "header: " + message : message);
        }

        void endValue() {
            if (valueTooLong) {
                problem("the value is longer than " + String.format(Locale.ROOT, "%,d", maxValueChars)
                        + " characters");
                valueTooLong = false;
            }
            if (count < MAX_VALUES) {
                values.add(value.toString());
                broken.add(valueBroken);
            }
            count++;
            value.setLength(0);
            valueBroken = false;
        }

        TableRow toRow(int number, boolean rowBroken) {
            boolean[] flags = new boolean[broken.size()];
            boolean any = false;
            for (int i = 0; i < flags.length; i++) {
                flags[i] = broken.get(i);
                any |= flags[i];
            }
            return new TableRow(number, values.toArray(String[]::new), any ? flags : null, rowBroken);
        }
    }
}
