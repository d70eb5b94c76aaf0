package io.territoryscorecard.ruleset;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A decision table: settings (weights, status limits, score breakpoints, limits) kept as a spreadsheet,
 * {@code *.drl.csv} or {@code *.drl.xlsx}. Each row becomes the settings fact a DRL settings rule would insert
 * ({@code [kpi_weight]} row -> {@code KpiWeight}), built here from checked values: no rule is generated, so no cell
 * text is ever compiled. The compiler hands the facts to the rule workers, which insert them into every session
 * before the settings phase (see {@link RulesetCompiler}). Numbers are decimals, codes must match
 * {@code [A-Z][A-Z0-9_]*}, statuses and perspectives must be enum names. The format (one table per setting kind, each
 * started by a line such as {@code [kpi_weight]} and its column names) is described in rules/README.md.
 */
public final class DecisionTable {

    static final String CSV = ".drl.csv";
    static final String XLSX = ".drl.xlsx";

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern TABLE_NAME = Pattern.compile("\\[(.*)]");
    private static final Pattern FIXED_DECIMALS = Pattern.compile("[#,0]*\\.(0+)");
    private static final int MAX_ROWS = 10_000;

    private final String path;
    private final List<RuleProblem> problems = new ArrayList<>();
    private final Map<Kind, Table> tables = new EnumMap<>(Kind.class);
    private final List<Table> inOrder = new ArrayList<>();

    private DecisionTable(String path) {
        this.path = path;
    }

    /** Whether a ruleset file (path relative to the folder) is a decision table. */
    static boolean isTable(String path) {
        return path.endsWith(CSV) || path.endsWith(XLSX);
    }

    /** Whether the file is a spreadsheet that {@link RulesetSource} keeps as Base64 text of its bytes. */
    static boolean isBinary(String path) {
        return path.endsWith(XLSX);
    }

    /**
     * The settings facts of a table file, whose content is kept as {@link RulesetSource} keeps it (a workbook as
     * Base64), in the order of the rows.
     *
     * @throws InvalidTableException naming file, sheet, row and column of every problem found
     */
    static List<Object> settings(String path, String content) {
        DecisionTable table = read(path, content);
        List<Object> facts = new ArrayList<>();
        for (Table t : table.inOrder) {
            for (TableRow row : t.rows) {
                facts.add(fact(t.kind, row));
            }
        }
        return facts;
    }

    /**
     * The settings facts of every decision table of a ruleset, in path order.
     *
     * @throws RulesetCompilationException naming file, sheet, row and column of every problem in every table
     */
    static List<Object> settingsOf(RulesetSource source) {
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
        List<RuleProblem> unknown = new ArrayList<>();
        source.files().forEach((path, content) -> {
            if (!isTable(path)) {
                return;
            }
            DecisionTable table;
            try {
                table = read(path, content);
            } catch (InvalidTableException e) {
                return; // reported by the compiler
            }
            for (Table t : table.inOrder) {
                for (TableRow row : t.rows) {
                    Value kpi = row.values.get("kpi");
                    if (kpi != null && kpi.value != null && !catalogue.contains((String) kpi.value)) {
                        unknown.add(table.problem(row.grid, row.number, kpi.cell.column, "kpi", "unknown KPI " + kpi.value
                                + "; the catalogue has " + String.join(", ", catalogue.stream().sorted().toList())));
                    }
                }
            }
        });
        return unknown;
    }

    private static DecisionTable read(String path, String content) {
        DecisionTable table = new DecisionTable(path);
        List<Grid> grids = path.endsWith(XLSX) ? table.readWorkbook(content) : List.of(table.readCsv(content));
        for (Grid grid : grids) {
            table.parse(grid);
        }
        if (table.problems.isEmpty() && table.inOrder.isEmpty()) {
            table.problems.add(new RuleProblem(path, 0, 0, "holds no table: a table starts with a line such as "
                    + "[kpi_weight], followed by a line with its column names"));
        }
        if (!table.problems.isEmpty()) {
            throw new InvalidTableException(table.problems);
        }
        return table;
    }

    // ---- reading cells -------------------------------------------------------------------------------------------

    /** A cell as read: its text, or why it cannot be used (a formula). Row and column count from 1. */
    private record GridCell(int row, int column, String text, String unusable) {

        boolean isBlank() {
            return unusable == null && text.isBlank();
        }
    }

    private record GridRow(int number, List<GridCell> cells) {

        GridCell cell(int column) {
            return column <= cells.size() ? cells.get(column - 1) : new GridCell(number, column, "", null);
        }

        boolean isBlank() {
            return cells.stream().allMatch(GridCell::isBlank);
        }
    }

    /** The rows of a CSV file or of one sheet; {@code sheet} is null for CSV. */
    private record Grid(String sheet, int sheetNumber, List<GridRow> rows) {
    }

    private Grid readCsv(String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<GridRow> rows = new ArrayList<>();
        List<GridCell> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int line = 1;
        int rowStart = 1;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    line += c == '\n' ? 1 : 0;
                    cell.append(c);
                }
            } else if (c == '"' && cell.toString().isBlank()) {
                quoted = true;
                cell.setLength(0);
            } else if (c == ',') {
                cells.add(new GridCell(rowStart, cells.size() + 1, cell.toString().strip(), null));
                cell.setLength(0);
            } else if (c == '\n') {
                cells.add(new GridCell(rowStart, cells.size() + 1, cell.toString().strip(), null));
                rows.add(new GridRow(rowStart, cells));
                cells = new ArrayList<>();
                cell.setLength(0);
                rowStart = ++line;
            } else if (c != '\r') {
                cell.append(c);
            }
        }
        if (quoted) {
            problems.add(new RuleProblem(path, rowStart, cells.size() + 1,
                    "row " + rowStart + ": a cell opens a quote (\") that is never closed"));
        }
        if (!cells.isEmpty() || !cell.isEmpty()) {
            cells.add(new GridCell(rowStart, cells.size() + 1, cell.toString().strip(), null));
            rows.add(new GridRow(rowStart, cells));
        }
        return new Grid(null, 0, rows);
    }

    private List<Grid> readWorkbook(String base64) {
        List<Grid> grids = new ArrayList<>();
        Workbook workbook;
        try {
            workbook = new XSSFWorkbook(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
        } catch (IOException | RuntimeException e) {
            problems.add(new RuleProblem(path, 0, 0, "is not a readable .xlsx workbook (" + e.getMessage() + ")"));
            return grids;
        }
        try (workbook) {
            for (int s = 0; s < workbook.getNumberOfSheets(); s++) {
                Sheet sheet = workbook.getSheetAt(s);
                if (sheet.getLastRowNum() >= MAX_ROWS) {
                    problems.add(new RuleProblem(path, 0, 0, "sheet \"" + sheet.getSheetName() + "\" has more than "
                            + MAX_ROWS + " rows"));
                    continue;
                }
                List<GridRow> rows = new ArrayList<>();
                for (Row row : sheet) {
                    List<GridCell> cells = new ArrayList<>();
                    for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
                        cells.add(cell(row.getRowNum() + 1, c + 1, row.getCell(c)));
                    }
                    rows.add(new GridRow(row.getRowNum() + 1, cells));
                }
                grids.add(new Grid(sheet.getSheetName(), s + 1, rows));
            }
        } catch (IOException e) {
            problems.add(new RuleProblem(path, 0, 0, "cannot be read: " + e.getMessage()));
        }
        return grids;
    }

    private static GridCell cell(int row, int column, Cell cell) {
        if (cell == null) {
            return new GridCell(row, column, "", null);
        }
        return switch (cell.getCellType()) {
            case STRING -> new GridCell(row, column, cell.getStringCellValue().strip(), null);
            case NUMERIC -> DateUtil.isCellDateFormatted(cell)
                    ? new GridCell(row, column, "", "a date is not allowed here: format the cell as a number")
                    : new GridCell(row, column, numberText(cell), null);
            case FORMULA -> new GridCell(row, column, "", "formulas are not allowed (=" + shorten(cell.getCellFormula())
                    + "): type the value itself");
            case BOOLEAN -> new GridCell(row, column, "", "a TRUE/FALSE cell is not allowed here");
            case ERROR -> new GridCell(row, column, "", "the cell holds an error value");
            default -> new GridCell(row, column, "", null);
        };
    }

    /**
     * A number cell as the cell shows it: the decimal the workbook stores (the formula bar's value, not a binary
     * double's digits) without trailing zeros, padded to the decimals a fixed format shows (1 formatted "0.00" is
     * 1.00).
     */
    private static String numberText(Cell cell) {
        String raw = cell instanceof XSSFCell xssf ? xssf.getRawValue() : null;
        BigDecimal value;
        try {
            value = raw != null ? new BigDecimal(raw.strip()) : BigDecimal.valueOf(cell.getNumericCellValue());
        } catch (NumberFormatException e) {
            value = BigDecimal.valueOf(cell.getNumericCellValue());
        }
        value = value.stripTrailingZeros();
        if (value.scale() < 0) {
            value = value.setScale(0);
        }
        Matcher fixed = FIXED_DECIMALS.matcher(cell.getCellStyle().getDataFormatString());
        if (fixed.matches() && fixed.group(1).length() > value.scale()) {
            value = value.setScale(fixed.group(1).length());
        }
        return value.toPlainString();
    }

    // ---- tables ----------------------------------------------------------------------------------------------------

    private enum Type {
        CODE, NUMBER, POSITIVE, STATUS, PERSPECTIVE
    }

    /** Whether a column must be there, and whether its cells may be empty. */
    private enum Presence {
        /** The column must be there and every row needs a value. */
        REQUIRED,
        /** The column may be left out; an empty cell means every KPI. */
        OPTIONAL
    }

    private record Column(String name, Type type, Presence presence) {
    }

    /** The kinds of table: one per settings fact type. */
    private enum Kind {
        KPI_WEIGHT("kpi_weight",
                new Column("kpi", Type.CODE, Presence.REQUIRED), new Column("weight", Type.POSITIVE, Presence.REQUIRED)),
        PERSPECTIVE_WEIGHT("perspective_weight",
                new Column("perspective", Type.PERSPECTIVE, Presence.REQUIRED),
                new Column("weight", Type.POSITIVE, Presence.REQUIRED)),
        KPI_BAND("kpi_band",
                new Column("status", Type.STATUS, Presence.REQUIRED), new Column("from", Type.NUMBER, Presence.REQUIRED),
                new Column("kpi", Type.CODE, Presence.OPTIONAL)),
        ATTAINMENT_CAP("attainment_cap", new Column("value", Type.POSITIVE, Presence.REQUIRED)),
        SCORE_BREAKPOINT("score_breakpoint",
                new Column("attainment", Type.NUMBER, Presence.REQUIRED),
                new Column("score", Type.NUMBER, Presence.REQUIRED), new Column("kpi", Type.CODE, Presence.OPTIONAL)),
        SCORE_BAND("score_band",
                new Column("status", Type.STATUS, Presence.REQUIRED), new Column("from", Type.NUMBER, Presence.REQUIRED)),
        FLAG_LIMIT("flag_limit",
                new Column("flag", Type.CODE, Presence.REQUIRED), new Column("value", Type.NUMBER, Presence.REQUIRED));

        private final String tableName;
        private final List<Column> columns;

        Kind(String tableName, Column... columns) {
            this.tableName = tableName;
            this.columns = List.of(columns);
        }

        Column column(String name) {
            return columns.stream().filter(c -> c.name.equals(name)).findFirst().orElse(null);
        }

        static Kind named(String name) {
            return Arrays.stream(values()).filter(k -> k.tableName.equals(name)).findFirst().orElse(null);
        }

        static String allNames() {
            return Arrays.stream(values()).map(k -> "[" + k.tableName + "]").collect(Collectors.joining(", "));
        }
    }

    /** A checked cell value: a String code, a BigDecimal, a Status or a Perspective; null when the cell is empty. */
    private record Value(GridCell cell, Object value) {
    }

    private record TableRow(Grid grid, int number, Map<String, Value> values) {

        Object get(String column) {
            Value value = values.get(column);
            return value == null ? null : value.value;
        }
    }

    private static final class Table {

        private final Kind kind;
        private final Grid grid;
        private final GridRow nameRow;
        private final Map<Integer, Column> header = new HashMap<>();
        private final Set<Integer> unknownColumns = new HashSet<>();
        private final List<TableRow> rows = new ArrayList<>();
        private boolean headerRead;
        private int rowsRead;

        Table(Kind kind, Grid grid, GridRow nameRow) {
            this.kind = kind;
            this.grid = grid;
            this.nameRow = nameRow;
        }
    }

    private void parse(Grid grid) {
        Table table = null;
        for (GridRow row : grid.rows) {
            if (row.isBlank() || row.cell(1).text.startsWith("#")) {
                continue;
            }
            Matcher name = TABLE_NAME.matcher(row.cell(1).text);
            if (name.matches()) {
                table = startTable(grid, row, name.group(1).strip().toLowerCase(Locale.ROOT));
            } else if (table == null) {
                unusableCells(grid, row);
                problems.add(problem(grid, row.number, 1, null, "expected a table name in brackets, such as "
                        + "[kpi_weight], before the first row of a table; found " + shown(row.cell(1).text)));
                table = new Table(null, grid, row); // report this once, then skip the rows up to the next table
                table.headerRead = true;
            } else if (table.kind == null) {
                continue;
            } else if (!table.headerRead) {
                readHeader(table, row);
            } else {
                readRow(table, row);
            }
        }
        for (Table t : inOrder) {
            if (t.grid == grid) {
                check(t);
            }
        }
    }

    private Table startTable(Grid grid, GridRow row, String name) {
        unusableCells(grid, row);
        for (GridCell other : row.cells.subList(1, row.cells.size())) {
            if (!other.isBlank()) {
                problems.add(problem(grid, row.number, other.column, null, "the line naming a table holds only the "
                        + "name; found " + shown(other.text) + " beside it"));
            }
        }
        Kind kind = Kind.named(name);
        Table table = new Table(kind, grid, row);
        if (kind == null) {
            problems.add(problem(grid, row.number, 1, null, "unknown table " + shown("[" + name + "]")
                    + "; the tables are " + Kind.allNames()));
            table.headerRead = true;
        } else if (tables.containsKey(kind)) {
            Table first = tables.get(kind);
            problems.add(problem(grid, row.number, 1, null, "table [" + name + "] appears a second time (first in "
                    + where(first.grid, first.nameRow.number) + "): keep all its rows in one table"));
            table = new Table(null, grid, row);
            table.headerRead = true;
        } else {
            tables.put(kind, table);
            inOrder.add(table);
        }
        return table;
    }

    private void readHeader(Table table, GridRow row) {
        table.headerRead = true;
        unusableCells(table.grid, row);
        String columns = table.kind.columns.stream().map(Column::name).collect(Collectors.joining(", "));
        for (GridCell cell : row.cells) {
            if (cell.isBlank() || cell.unusable != null) {
                continue;
            }
            String name = cell.text.toLowerCase(Locale.ROOT);
            Column column = table.kind.column(name);
            if (column == null) {
                problems.add(problem(table.grid, row.number, cell.column, null, "unknown column " + shown(cell.text)
                        + " in table [" + table.kind.tableName + "]; its columns are " + columns));
                table.unknownColumns.add(cell.column);
            } else if (table.header.containsValue(column)) {
                problems.add(problem(table.grid, row.number, cell.column, null, "column \"" + name
                        + "\" appears twice in table [" + table.kind.tableName + "]"));
            } else {
                table.header.put(cell.column, column);
            }
        }
        for (Column column : table.kind.columns) {
            if (column.presence != Presence.OPTIONAL && !table.header.containsValue(column)) {
                problems.add(problem(table.grid, row.number, 0, null, "table [" + table.kind.tableName
                        + "] needs a column \"" + column.name + "\" (its columns are " + columns + ")"));
            }
        }
    }

    private void readRow(Table table, GridRow row) {
        table.rowsRead++;
        Map<String, Value> values = new LinkedHashMap<>();
        boolean valid = true;
        for (GridCell cell : row.cells) {
            Column column = table.header.get(cell.column);
            if (column == null) {
                if (!cell.isBlank() && !table.unknownColumns.contains(cell.column)) {
                    problems.add(problem(table.grid, row.number, cell.column, null,
                            cell.unusable != null ? cell.unusable
                                    : shown(cell.text) + " stands in a column without a name in the header row"));
                    valid = false;
                }
                continue;
            }
            String error = null;
            Object value = null;
            if (cell.unusable != null) {
                error = cell.unusable;
            } else {
                try {
                    value = convert(column, cell.text);
                } catch (IllegalArgumentException e) {
                    error = e.getMessage();
                }
            }
            if (error != null) {
                problems.add(problem(table.grid, row.number, cell.column, column.name, error));
                valid = false;
            } else {
                values.put(column.name, new Value(cell, value));
            }
        }
        for (Map.Entry<Integer, Column> column : table.header.entrySet()) {
            if (column.getValue().presence == Presence.REQUIRED && row.cell(column.getKey()).isBlank()) {
                problems.add(problem(table.grid, row.number, column.getKey(), column.getValue().name,
                        required(column.getValue().type)));
                valid = false;
            }
        }
        if (valid) {
            table.rows.add(new TableRow(table.grid, row.number, values));
        }
    }

    /** The cell's value, checked; throws with the message for the author. */
    private static Object convert(Column column, String text) {
        if (text.isBlank()) {
            return null;
        }
        return switch (column.type) {
            case CODE -> {
                if (!CODE.matcher(text).matches()) {
                    throw new IllegalArgumentException(shown(text) + " is not a code: write capitals, digits and _ "
                            + "(like " + (column.name.equals("flag") ? "REVENUE_SHORTFALL" : "REVENUE") + ")");
                }
                yield text;
            }
            case NUMBER, POSITIVE -> {
                BigDecimal number;
                try {
                    number = new BigDecimal(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(shown(text) + " is not a number"
                            + (text.contains(",") ? " (write decimals with a dot: 0.90)" : ""));
                }
                if (column.type == Type.POSITIVE && number.signum() <= 0) {
                    throw new IllegalArgumentException("must be above zero, not " + number.toPlainString());
                }
                yield number;
            }
            case STATUS -> {
                if (text.equals(Status.RED.name())) {
                    throw new IllegalArgumentException("RED has no limit: it is every value below the AMBER limit "
                            + "(below the GREEN limit when there is no AMBER row); leave the RED row out");
                }
                yield enumValue(Status.class, text, "status");
            }
            case PERSPECTIVE -> enumValue(Perspective.class, text, "perspective");
        };
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String text, String what) {
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(text)) {
                return value;
            }
        }
        throw new IllegalArgumentException(shown(text) + " is not a " + what + ": write "
                + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
    }

    private static String required(Type type) {
        return switch (type) {
            case CODE -> "a code is required";
            case NUMBER, POSITIVE -> "a number is required";
            case STATUS -> "a status is required (GREEN or AMBER)";
            case PERSPECTIVE -> "a perspective is required";
        };
    }

    /** What the engine would only find out while evaluating: duplicates and empty tables. */
    private void check(Table table) {
        if (table.kind == null || !table.headerRead || table.header.isEmpty()) {
            return;
        }
        if (table.rowsRead == 0) {
            problems.add(problem(table.grid, table.nameRow.number, 1, null,
                    "table [" + table.kind.tableName + "] has no rows"));
        }
        if (table.rows.size() < table.rowsRead) {
            return; // the rows with errors are reported; checking the rest would only add noise
        }
        switch (table.kind) {
            case KPI_WEIGHT -> unique(table, "kpi", "a weight");
            case PERSPECTIVE_WEIGHT -> unique(table, "perspective", "a weight");
            case FLAG_LIMIT -> unique(table, "flag", "a limit");
            case ATTAINMENT_CAP -> {
                if (table.rows.size() > 1) {
                    TableRow second = table.rows.get(1);
                    problems.add(problem(second.grid, second.number, 0, null,
                            "table [attainment_cap] holds one value, not " + table.rows.size()));
                }
            }
            case KPI_BAND, SCORE_BAND -> limits(table);
            case SCORE_BREAKPOINT -> {
                Map<String, TableRow> seen = new HashMap<>();
                for (TableRow row : table.rows) {
                    String key = row.get("kpi") + "/" + ((BigDecimal) row.get("attainment")).stripTrailingZeros();
                    TableRow first = seen.putIfAbsent(key, row);
                    if (first != null) {
                        problems.add(problem(row.grid, row.number, 0, null, "attainment "
                                + ((BigDecimal) row.get("attainment")).toPlainString() + " already has a score in "
                                + where(first.grid, first.number) + forKpi(row)));
                    }
                }
            }
        }
    }

    private void unique(Table table, String column, String what) {
        Map<Object, TableRow> seen = new HashMap<>();
        for (TableRow row : table.rows) {
            TableRow first = seen.putIfAbsent(row.get(column), row);
            if (first != null) {
                problems.add(problem(row.grid, row.number, 0, null, column + " " + row.get(column) + " already has "
                        + what + " in " + where(first.grid, first.number)));
            }
        }
    }

    /** One limit per status in a set (all KPIs, or one KPI): a second would give a value two statuses. */
    private void limits(Table table) {
        Map<String, TableRow> seen = new HashMap<>();
        for (TableRow row : table.rows) {
            TableRow first = seen.putIfAbsent(row.get("kpi") + "/" + row.get("status"), row);
            if (first != null) {
                problems.add(problem(row.grid, row.number, 0, null, row.get("status") + " already has a limit in "
                        + where(first.grid, first.number) + forKpi(row) + ": keep one"));
            }
        }
    }

    private static String forKpi(TableRow row) {
        return row.get("kpi") == null ? "" : " (KPI " + row.get("kpi") + ")";
    }

    // ---- facts ---------------------------------------------------------------------------------------------------

    /** The settings fact for one row, built only from checked values. */
    private static Object fact(Kind kind, TableRow row) {
        String kpi = (String) row.get("kpi");
        return switch (kind) {
            case KPI_WEIGHT -> new KpiWeight(kpi, number(row, "weight"));
            case PERSPECTIVE_WEIGHT -> new PerspectiveWeight((Perspective) row.get("perspective"), number(row, "weight"));
            case KPI_BAND -> kpi == null ? new AttainmentLimit((Status) row.get("status"), number(row, "from"))
                    : AttainmentLimit.forKpi(kpi, (Status) row.get("status"), number(row, "from"));
            case ATTAINMENT_CAP -> new AttainmentCap(number(row, "value"));
            case SCORE_BREAKPOINT -> kpi == null ? new ScoreBreakpoint(number(row, "attainment"), number(row, "score"))
                    : ScoreBreakpoint.forKpi(kpi, number(row, "attainment"), number(row, "score"));
            case SCORE_BAND -> new ScoreLimit((Status) row.get("status"), number(row, "from"));
            case FLAG_LIMIT -> new FlagLimit((String) row.get("flag"), number(row, "value"));
        };
    }

    /** The facts take their numbers as text, as a DRL file writes them. */
    private static String number(TableRow row, String column) {
        return ((BigDecimal) row.get(column)).toPlainString();
    }

    // ---- messages --------------------------------------------------------------------------------------------------

    private void unusableCells(Grid grid, GridRow row) {
        row.cells.stream().filter(c -> c.unusable != null)
                .forEach(c -> problems.add(problem(grid, row.number, c.column, null, c.unusable)));
    }

    /** A problem at a cell: line is the row, column the column number; the message names sheet, row and column. */
    private RuleProblem problem(Grid grid, int row, int column, String columnName, String message) {
        String place = where(grid, row);
        if (columnName != null) {
            place += ", column \"" + columnName + "\"";
        } else if (column > 0) {
            place += ", column " + CellReference.convertNumToColString(column - 1);
        }
        return new RuleProblem(path, row, column, place + ": " + message);
    }

    private static String where(Grid grid, int row) {
        return (grid == null || grid.sheet == null ? "" : "sheet \"" + grid.sheet + "\", ") + "row " + row;
    }

    /** Cell text for a message: quoted, shortened, without control characters. */
    private static String shown(String text) {
        return "'" + shorten(text) + "'";
    }

    private static String shorten(String text) {
        String clean = text.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.length() <= 60 ? clean : clean.substring(0, 57) + "...";
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
