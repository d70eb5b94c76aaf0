package io.territoryscorecard.ruleset.tables;

import io.territoryscorecard.ruleset.RuleProblem;
import io.territoryscorecard.ruleset.RulesetCompilationException;
import io.territoryscorecard.ruleset.RulesetSource;

import io.territoryscorecard.input.UserInput;
import io.territoryscorecard.measurement.ImportProblem;
import io.territoryscorecard.measurement.KpiDefinition;
import io.territoryscorecard.measurement.imports.Cells;
import io.territoryscorecard.measurement.imports.Cells.InvalidCell;
import io.territoryscorecard.measurement.imports.CsvTableSource;
import io.territoryscorecard.measurement.imports.Problems;
import io.territoryscorecard.measurement.imports.TableRow;
import io.territoryscorecard.measurement.imports.TableVisitor;
import io.territoryscorecard.measurement.imports.XlsxTableSource;
import io.territoryscorecard.ruleset.fact.AttainmentCap;
import io.territoryscorecard.ruleset.fact.AttainmentLimit;
import io.territoryscorecard.ruleset.fact.FlagLimit;
import io.territoryscorecard.ruleset.fact.KpiWeight;
import io.territoryscorecard.ruleset.fact.Perspective;
import io.territoryscorecard.ruleset.fact.PerspectiveWeight;
import io.territoryscorecard.ruleset.fact.ScoreBreakpoint;
import io.territoryscorecard.ruleset.fact.ScoreLimit;
import io.territoryscorecard.ruleset.fact.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.poi.ss.util.CellReference;

/**
 * A decision table: settings (weights, status limits, score breakpoints, the attainment cap, flag limits) kept as a
 * spreadsheet, {@code *.drl.csv} or the first sheet of a {@code *.drl.xlsx}, one setting per row under the header
 * {@code setting,kpi,perspective,status,flag,attainment,value,note}. Each row becomes the settings fact a DRL settings
 * rule inserts (a {@code kpi_weight} row -> {@code KpiWeight}), built from checked values: no rule is generated, so no
 * cell is ever compiled. The import readers read the file and the import cell checks ({@link Cells}) check its
 * values, so a table is read exactly like an import file. The compiler hands the facts to the rule workers, which
 * insert them into every session before the settings phase (see {@link RulesetCompiler}). rules/README.md describes
 * the format.
 */
public final class DecisionTable {

    static final String CSV = ".drl.csv";
    static final String XLSX = ".drl.xlsx";

    /** Problems kept per file; more are counted. */
    private static final int MAX_PROBLEMS = 200;
    /** Far more than any scorecard has settings; beyond it a file is a mistake, not a table. */
    private static final int MAX_ROWS = 10_000;
    private static final int MAX_CODE = 40;
    private static final int MAX_NOTE = 500;
    /** The statuses that have a limit; RED is what lies below them. */
    private static final List<String> LIMITED_STATUSES = List.of(Status.GREEN.name(), Status.AMBER.name());

    private DecisionTable() {
    }

    /** The columns of a table, as the header names them (in any order and case). */
    private enum Column {
        SETTING, KPI, PERSPECTIVE, STATUS, FLAG, ATTAINMENT, VALUE, NOTE;

        final String header = name().toLowerCase(Locale.ROOT);

        static Column named(String header) {
            return Arrays.stream(values()).filter(c -> c.header.equalsIgnoreCase(header)).findFirst().orElse(null);
        }

        static String all() {
            return Arrays.stream(values()).map(c -> c.header).collect(Collectors.joining(","));
        }
    }

    /** The kinds of setting, one per settings fact type: the columns each needs, and the one it may have. */
    private enum Setting {
        KPI_WEIGHT(EnumSet.of(Column.KPI), null, true),
        PERSPECTIVE_WEIGHT(EnumSet.of(Column.PERSPECTIVE), null, true),
        KPI_STATUS_FROM(EnumSet.of(Column.STATUS), Column.KPI, false),
        ATTAINMENT_CAP(EnumSet.noneOf(Column.class), null, true),
        SCORE_BREAKPOINT(EnumSet.of(Column.ATTAINMENT), Column.KPI, false),
        SCORE_STATUS_FROM(EnumSet.of(Column.STATUS), null, false),
        FLAG_LIMIT(EnumSet.of(Column.FLAG), null, false);

        /** Besides {@code value}, which every setting needs. */
        final Set<Column> required;
        /** The column that narrows the setting to one KPI when filled; null when there is none. */
        final Column optional;
        /** Whether the value must be above zero (weights, the cap). */
        final boolean positive;
        final String label = name().toLowerCase(Locale.ROOT);

        Setting(Set<Column> required, Column optional, boolean positive) {
            required.add(Column.VALUE);
            this.required = required;
            this.optional = optional;
            this.positive = positive;
        }

        boolean uses(Column column) {
            return required.contains(column) || column == optional || column == Column.NOTE;
        }
    }

    /** One checked row. */
    private record Line(int row, Setting setting, String kpi, Perspective perspective, Status status, String flag,
            BigDecimal attainment, BigDecimal value) {

        /** The settings fact, built only from checked values; the facts take their numbers as text, as DRL writes. */
        Object fact() {
            String number = value.toPlainString();
            return switch (setting) {
                case KPI_WEIGHT -> new KpiWeight(kpi, number);
                case PERSPECTIVE_WEIGHT -> new PerspectiveWeight(perspective, number);
                case KPI_STATUS_FROM -> kpi == null ? new AttainmentLimit(status, number)
                        : AttainmentLimit.forKpi(kpi, status, number);
                case ATTAINMENT_CAP -> new AttainmentCap(number);
                case SCORE_BREAKPOINT -> kpi == null ? new ScoreBreakpoint(attainment.toPlainString(), number)
                        : ScoreBreakpoint.forKpi(kpi, attainment.toPlainString(), number);
                case SCORE_STATUS_FROM -> new ScoreLimit(status, number);
                case FLAG_LIMIT -> new FlagLimit(flag, number);
            };
        }

        /** What two rows must not both set: "kpi_weight for REVENUE", "kpi_status_from GREEN for all KPIs". */
        String key() {
            String forKpi = kpi == null ? "" : " for " + kpi;
            return setting.label + switch (setting) {
                case KPI_WEIGHT -> forKpi;
                case PERSPECTIVE_WEIGHT -> " for " + perspective;
                case KPI_STATUS_FROM -> " " + status + (kpi == null ? " for all KPIs" : forKpi);
                case ATTAINMENT_CAP -> "";
                case SCORE_BREAKPOINT -> " at attainment " + attainment.toPlainString() + forKpi;
                case SCORE_STATUS_FROM -> " " + status;
                case FLAG_LIMIT -> " for " + flag;
            };
        }
    }

    /** A table as read: where its columns stand, and its checked rows in file order. */
    private record Table(String sheet, Map<Column, Integer> positions, List<Line> lines) {
    }

    /** Whether a ruleset file (path relative to the folder) is a decision table. */
    public static boolean isTable(String path) {
        return path.endsWith(CSV) || path.endsWith(XLSX);
    }

    /** Whether the file is a spreadsheet that {@link RulesetSource} keeps as Base64 text of its bytes. */
    public static boolean isBinary(String path) {
        return path.endsWith(XLSX);
    }

    /**
     * The settings facts of a table file, whose content is kept as {@link RulesetSource} keeps it (a workbook as
     * Base64), in the order of the rows.
     *
     * @throws InvalidTableException naming file, sheet, row and column of every problem found
     */
    static List<Object> settings(String path, String content) {
        return read(path, content).lines.stream().map(Line::fact).toList();
    }

    /**
     * The settings facts of every decision table of a ruleset, in path order.
     *
     * @throws RulesetCompilationException naming file, sheet, row and column of every problem in every table
     */
    public static List<Object> settingsOf(RulesetSource source) {
        List<Object> facts = new ArrayList<>();
        List<RuleProblem> problems = new ArrayList<>();
        source.files().forEach((path, content) -> {
            if (isTable(path)) {
                try {
                    facts.addAll(settings(path, content));
                } catch (InvalidTableException e) {
                    problems.addAll(e.problems());
                }
            }
        });
        if (!problems.isEmpty()) {
            throw new RulesetCompilationException(source.origin(), problems);
        }
        return facts;
    }

    /** The KPI codes named in the decision tables of a ruleset that are not in the catalogue. */
    public static List<RuleProblem> unknownKpis(RulesetSource source, Set<String> catalogue) {
        List<String> codes = catalogue.stream().sorted().toList();
        List<RuleProblem> unknown = new ArrayList<>();
        source.files().forEach((path, content) -> {
            if (!isTable(path)) {
                return;
            }
            Table table;
            try {
                table = read(path, content);
            } catch (InvalidTableException e) {
                return; // reported by the compiler
            }
            int position = table.positions.getOrDefault(Column.KPI, -1);
            for (Line line : table.lines) {
                if (line.kpi != null && !catalogue.contains(line.kpi)) {
                    unknown.add(new RuleProblem(path, line.row, position + 1, place(table.sheet, line.row,
                            "column \"kpi\"") + ": " + KpiDefinition.unknown(line.kpi, codes)));
                }
            }
        });
        return unknown;
    }

    private static Table read(String path, String content) {
        Problems problems = new Problems(MAX_PROBLEMS);
        Reader reader = new Reader(problems);
        String sheet = null;
        try {
            if (isBinary(path)) {
                byte[] bytes;
                try {
                    bytes = Base64.getDecoder().decode(content);
                } catch (IllegalArgumentException e) {
                    throw new InvalidTableException(List.of(new RuleProblem(path, 0, 0, "is not a readable .xlsx "
                            + "workbook (its Base64 text is damaged: " + e.getMessage() + ")")));
                }
                XlsxTableSource workbook = new XlsxTableSource(bytes);
                workbook.read(reader, problems);
                sheet = workbook.sheetName();
            } else {
                new CsvTableSource(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)))
                        .read(reader, problems);
            }
        } catch (IOException e) {
            throw new InvalidTableException(List.of(new RuleProblem(path, 0, 0, e.getMessage())));
        }
        if (problems.any()) {
            List<RuleProblem> found = new ArrayList<>();
            for (ImportProblem problem : problems.kept()) {
                int position = reader.position(problem.column());
                String column = problem.column() == null ? null
                        : position >= 0 && reader.isNamed(position) ? "column \"" + problem.column() + "\""
                        : problem.column();
                found.add(new RuleProblem(path, problem.row(), position + 1,
                        (problem.row() == 0 && sheet == null ? "" : place(sheet, problem.row(), column) + ": ")
                                + problem.message()));
            }
            if (problems.more() > 0) {
                found.add(new RuleProblem(path, 0, 0, "and " + problems.more() + " more problems"));
            }
            throw new InvalidTableException(found);
        }
        return new Table(sheet, Map.copyOf(reader.positions), List.copyOf(reader.lines));
    }

    /** Where a problem is, as its message names it: {@code sheet "Settings", row 3, column "value"}. */
    private static String place(String sheet, int row, String column) {
        List<String> parts = new ArrayList<>();
        if (sheet != null) {
            parts.add("sheet \"" + sheet + "\"");
        }
        if (row > 0) {
            parts.add("row " + row);
        }
        if (column != null) {
            parts.add(column);
        }
        return String.join(", ", parts);
    }

    /** Checks the rows of one file as an import reader hands them over; problems go where the reader's go. */
    private static final class Reader implements TableVisitor {

        private final Problems problems;
        private final Map<Column, Integer> positions = new EnumMap<>(Column.class);
        private final List<Line> lines = new ArrayList<>();
        /** The first row of each {@link Line#key}. */
        private final Map<String, Integer> firstRows = new HashMap<>();
        private final Set<Column> missingReported = EnumSet.noneOf(Column.class);
        private String[] names = new String[0];
        private boolean headerSeen;
        private int headerRow;
        private int rows;

        Reader(Problems problems) {
            this.problems = problems;
        }

        @Override
        public boolean header(TableRow header) {
            headerSeen = true;
            headerRow = header.number();
            names = new String[header.size()];
            if (header.rowBroken()) {
                return false;
            }
            for (int i = 0; i < header.size(); i++) {
                if (header.broken(i)) {
                    continue;
                }
                String name = header.value(i);
                Column column = Column.named(name);
                if (column == null) {
                    problems.add(headerRow, columnName(i), name.isEmpty()
                            ? "a column without a name; the columns are " + Column.all()
                            : "unknown column '" + Cells.shorten(name) + "'; the columns are " + Column.all());
                } else if (positions.containsKey(column)) {
                    problems.add(headerRow, columnName(i), "column '" + column.header + "' appears twice");
                } else {
                    positions.put(column, i);
                    names[i] = column.header;
                }
            }
            if (!positions.containsKey(Column.SETTING)) {
                problems.add(headerRow, null, "the first row must name the columns, with 'setting' among them: "
                        + Column.all() + " (the others as the settings need them)");
                return false;
            }
            return true;
        }

        @Override
        public String columnName(int position) {
            return isNamed(position) ? names[position] : "column " + CellReference.convertNumToColString(position);
        }

        boolean isNamed(int position) {
            return position < names.length && names[position] != null;
        }

        /** The position of a column as {@link #columnName} names it; -1 for none. */
        int position(String columnName) {
            if (columnName == null) {
                return -1;
            }
            for (int i = 0; i < names.length; i++) {
                if (columnName.equals(names[i])) {
                    return i;
                }
            }
            if (columnName.matches("column [A-Z]{1,3}")) {
                return CellReference.convertColStringToIndex(columnName.substring(7));
            }
            return -1;
        }

        @Override
        public void row(TableRow row) {
            if (row.blank()) {
                return;
            }
            if (++rows == MAX_ROWS + 1) {
                problems.add(row.number(), null, "more than " + MAX_ROWS + " settings; the rest of the file is not read");
            }
            if (rows > MAX_ROWS || row.rowBroken()) {
                return; // a broken row is reported by the reader
            }
            Setting setting = setting(row);
            if (setting == null) {
                return;
            }
            boolean valid = true;
            for (Column column : setting.required) {
                if (!positions.containsKey(column)) {
                    if (missingReported.add(column)) {
                        problems.add(row.number(), null, setting.label + " needs the column '" + column.header
                                + "', which the header does not have");
                    }
                    valid = false;
                }
            }
            Map<Column, Object> values = new EnumMap<>(Column.class);
            for (Map.Entry<Column, Integer> entry : positions.entrySet()) {
                Column column = entry.getKey();
                int position = entry.getValue();
                if (column == Column.SETTING) {
                    continue;
                }
                if (row.broken(position)) {
                    valid = false;
                    continue;
                }
                String text = row.value(position);
                if (text.isEmpty()) {
                    if (setting.required.contains(column)) {
                        problems.add(row.number(), column.header, "empty; " + setting.label + " needs " + needs(column));
                        valid = false;
                    }
                    continue;
                }
                if (!setting.uses(column)) {
                    problems.add(row.number(), column.header, setting.label + " does not use this column; leave it "
                            + "empty");
                    valid = false;
                    continue;
                }
                try {
                    values.put(column, value(setting, column, text));
                } catch (InvalidCell e) {
                    problems.add(row.number(), column.header, e.getMessage());
                    valid = false;
                }
            }
            if (!valid) {
                return;
            }
            Line line = new Line(row.number(), setting, (String) values.get(Column.KPI),
                    (Perspective) values.get(Column.PERSPECTIVE), (Status) values.get(Column.STATUS),
                    (String) values.get(Column.FLAG), (BigDecimal) values.get(Column.ATTAINMENT),
                    (BigDecimal) values.get(Column.VALUE));
            Integer first = firstRows.putIfAbsent(line.key(), line.row);
            if (first != null) {
                problems.add(row.number(), null, line.key() + " is set in row " + first + " already; keep one of the "
                        + "two rows");
            } else {
                lines.add(line);
            }
        }

        private Setting setting(TableRow row) {
            int position = positions.get(Column.SETTING);
            if (row.broken(position)) {
                return null;
            }
            String text = row.value(position);
            if (text.isEmpty()) {
                problems.add(row.number(), Column.SETTING.header, "empty; every row needs a setting: "
                        + Arrays.stream(Setting.values()).map(s -> s.label).collect(Collectors.joining(", ")));
                return null;
            }
            try {
                return oneOf(Column.SETTING, text, Setting.class);
            } catch (InvalidCell e) {
                problems.add(row.number(), Column.SETTING.header, e.getMessage());
                return null;
            }
        }

        private static String needs(Column column) {
            return switch (column) {
                case KPI -> "a KPI code";
                case FLAG -> "a flag code";
                case PERSPECTIVE -> "a perspective";
                case STATUS -> "a status (GREEN or AMBER)";
                default -> "a number";
            };
        }

        /** A checked cell: a code in capitals, a perspective, a status or a number. */
        private static Object value(Setting setting, Column column, String text) throws InvalidCell {
            return switch (column) {
                case KPI, FLAG -> Cells.code(text, MAX_CODE).toUpperCase(Locale.ROOT);
                case PERSPECTIVE -> oneOf(column, text, Perspective.class);
                case STATUS -> {
                    if (text.equalsIgnoreCase(Status.RED.name())) {
                        throw new InvalidCell("RED has no limit: it is every value below the AMBER limit (below the "
                                + "GREEN limit when there is no AMBER row); leave the RED row out");
                    }
                    yield Status.valueOf(oneOf(column, text, LIMITED_STATUSES));
                }
                case ATTAINMENT -> Cells.number(text);
                case VALUE -> {
                    BigDecimal number = Cells.number(text);
                    if (setting.positive && number.signum() <= 0) {
                        throw new InvalidCell("must be above zero, not " + number.toPlainString());
                    }
                    yield number;
                }
                case NOTE -> Cells.text(text, MAX_NOTE);
                case SETTING -> throw new IllegalStateException("the setting is read first");
            };
        }

        /** The constant a cell names, in any case. */
        private static <E extends Enum<E>> E oneOf(Column column, String text, Class<E> type) throws InvalidCell {
            return Enum.valueOf(type, oneOf(column, text, Arrays.stream(type.getEnumConstants()).map(Enum::name)
                    .toList()));
        }

        /** The allowed value a cell names, in capitals; the reason leaves out the column, which the place names. */
        private static String oneOf(Column column, String text, List<String> allowed) throws InvalidCell {
            try {
                return UserInput.oneOf(column.header, text, allowed);
            } catch (IllegalArgumentException e) {
                String prefix = column.header + ": ";
                String reason = e.getMessage();
                throw new InvalidCell(reason.startsWith(prefix) ? reason.substring(prefix.length()) : reason);
            }
        }

        @Override
        public void end() {
            if (!headerSeen) {
                problems.add(0, null, "the file is empty; it needs a header row (" + Column.all()
                        + ") and a row for each setting");
            } else if (rows == 0 && positions.containsKey(Column.SETTING)) {
                problems.add(headerRow + 1, null, "the file has a header but no settings");
            }
        }
    }

    /** A decision table that cannot be read, with every problem found. */
    static final class InvalidTableException extends RuntimeException {

        private final List<RuleProblem> problems;

        InvalidTableException(List<RuleProblem> problems) {
            super(problems.stream().map(RuleProblem::toString).collect(Collectors.joining("\n")));
            this.problems = List.copyOf(problems);
        }

        List<RuleProblem> problems() {
            return problems;
        }
    }
}
