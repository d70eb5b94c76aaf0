package io.territoryscorecard.measurement.imports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads the first sheet of an .xlsx file as a stream of rows (SAX over the sheet XML, so a sheet of a million rows
 * needs little memory). Every cell is read as text: a number as the exact decimal stored in the file, rounded to the
 * 15 significant digits Excel works with (0.1 stays 0.1); a date cell as YYYY-MM when it is the first of a month
 * (Excel turns a typed 2026-10 into 1 October 2026), else YYYY-MM-DD. A formula is never evaluated: the cell is
 * reported. So is a cell showing an error, or a value right of the last header column.
 *
 * <p>The sheet handler is this class's own and not POI's {@code XSSFSheetXMLHandler}, because that one loses what
 * these checks need: it hands a number over as a double formatted by {@code DataFormatter} (General shows about 11
 * digits, not the stored decimal), a date in the cell's display format, a formula as its text or its cached result
 * without saying it was a formula, and an error as the text "ERROR:..." that a text cell could hold too (no cell
 * type reaches its {@code SheetContentsHandler}). Cell references go through POI's
 * {@link CellReference}.
 */
public final class XlsxTableSource implements TableSource {

    private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final Pattern DATE_1904 = Pattern.compile("date1904\\s*=\\s*\"(1|true)\"");
    private static final MathContext EXCEL_DIGITS = new MathContext(15);
    private static final int MAX_COLUMNS = 200;

    /** The file, or null when the workbook was handed over as bytes. */
    private final Path file;
    private final byte[] bytes;
    private final int maxValueChars;
    private String sheetName;

    public XlsxTableSource(Path file) {
        this(file, CsvTableSource.MAX_VALUE_CHARS);
    }

    XlsxTableSource(Path file, int maxValueChars) {
        this.file = file;
        this.bytes = null;
        this.maxValueChars = maxValueChars;
    }

    /** A workbook already in memory, such as a decision table kept in a ruleset version. */
    public XlsxTableSource(byte[] workbook) {
        this.file = null;
        this.bytes = workbook;
        this.maxValueChars = CsvTableSource.MAX_VALUE_CHARS;
    }

    /** The name of the sheet that was read; null before {@link #read} or when the workbook has no sheet. */
    public String sheetName() {
        return sheetName;
    }

    @Override
    public void read(TableVisitor visitor, Problems problems) throws IOException {
        OPCPackage pkg;
        try {
            pkg = file != null ? OPCPackage.open(file.toFile(), PackageAccess.READ)
                    : OPCPackage.open(new ByteArrayInputStream(bytes));
        } catch (Exception e) {
            throw unreadable(e);
        }
        try {
            SheetHandler handler;
            InputStream sheet;
            try {
                XSSFReader reader = new XSSFReader(pkg);
                ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
                StylesTable styles = reader.getStylesTable();
                boolean date1904;
                try (InputStream workbook = reader.getWorkbookData()) {
                    date1904 = DATE_1904.matcher(new String(workbook.readAllBytes(), StandardCharsets.UTF_8)).find();
                }
                XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
                if (!sheets.hasNext()) {
                    visitor.end();
                    return;
                }
                sheet = sheets.next();
                sheetName = sheets.getSheetName();
                handler = new SheetHandler(visitor, problems, strings, styles, date1904);
            } catch (Exception e) {
                throw unreadable(e);
            }
            try (sheet) {
                XMLReader xml = XMLHelper.newXMLReader();
                xml.setContentHandler(handler);
                xml.parse(new InputSource(sheet));
            } catch (StopReading stop) {
                // the header cannot be used: the rows are not read
            } catch (SAXException | ParserConfigurationException e) {
                throw unreadable(e);
            }
            visitor.end();
        } finally {
            // revert, not close: close() would try to save a package opened read-only
            pkg.revert();
        }
    }

    private static UnreadableFile unreadable(Exception e) {
        return new UnreadableFile("the file cannot be read as an .xlsx workbook (" + describe(e) + "); save it again "
                + "from the spreadsheet as .xlsx, or as CSV UTF-8");
    }

    private static String describe(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.length() > 200 ? message.substring(0, 200) + "..." : message;
    }

    /** The whole file could not be read; the message says why. */
    public static final class UnreadableFile extends IOException {

        public UnreadableFile(String message) {
            super(message);
        }
    }

    private static final class StopReading extends SAXException {
    }

    /** Turns the sheet XML into rows: {@code <row r><c r t s><v/><f/><is><t/></is></c></row>}. */
    private final class SheetHandler extends DefaultHandler {

        private final TableVisitor visitor;
        private final Problems problems;
        private final ReadOnlySharedStringsTable strings;
        private final StylesTable styles;
        private final boolean date1904;

        private boolean headerSeen;
        private int width;
        private int rowNumber;
        private final List<String> values = new ArrayList<>();
        private final List<Boolean> broken = new ArrayList<>();
        private int column;
        private String type;
        private int style;
        private boolean formula;
        private final StringBuilder formulaText = new StringBuilder();
        private final StringBuilder value = new StringBuilder();
        private final StringBuilder inline = new StringBuilder();
        private boolean inValue;
        private boolean inFormula;
        private boolean inInlineText;
        private boolean inPhonetic;

        SheetHandler(TableVisitor visitor, Problems problems, ReadOnlySharedStringsTable strings, StylesTable styles,
                boolean date1904) {
            this.visitor = visitor;
            this.problems = problems;
            this.strings = strings;
            this.styles = styles;
            this.date1904 = date1904;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            if (!MAIN.equals(uri)) {
                return;
            }
            switch (localName) {
                case "row" -> {
                    String r = attributes.getValue("r");
                    rowNumber = r == null ? rowNumber + 1 : Integer.parseInt(r);
                    values.clear();
                    broken.clear();
                    column = -1;
                }
                case "c" -> {
                    String r = attributes.getValue("r");
                    column = r == null ? column + 1 : new CellReference(r).getCol();
                    type = attributes.getValue("t");
                    String s = attributes.getValue("s");
                    style = s == null ? 0 : Integer.parseInt(s);
                    formula = false;
                    formulaText.setLength(0);
                    value.setLength(0);
                    inline.setLength(0);
                }
                case "v" -> inValue = true;
                case "f" -> {
                    formula = true;
                    inFormula = true;
                }
                case "rPh" -> inPhonetic = true;
                case "t" -> inInlineText = !inPhonetic;
                default -> {
                }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (inValue) {
                appendLimited(value, ch, start, length);
            } else if (inFormula) {
                appendLimited(formulaText, ch, start, length);
            } else if (inInlineText) {
                appendLimited(inline, ch, start, length);
            }
        }

        private void appendLimited(StringBuilder text, char[] ch, int start, int length) {
            int room = maxValueChars + 1 - text.length();
            if (room > 0) {
                text.append(ch, start, Math.min(room, length));
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            if (!MAIN.equals(uri)) {
                return;
            }
            switch (localName) {
                case "v" -> inValue = false;
                case "f" -> inFormula = false;
                case "t" -> inInlineText = false;
                case "rPh" -> inPhonetic = false;
                case "c" -> endCell();
                case "row" -> endRow();
                default -> {
                }
            }
        }

        private void endCell() {
            if (column >= MAX_COLUMNS) {
                if (headerSeen && hasContent()) {
                    cellProblem(column, "a value right of the last column of the header (column "
                            + CellReference.convertNumToColString(column) + ")");
                }
                return;
            }
            while (values.size() <= column) {
                values.add("");
                broken.add(false);
            }
            if (formula) {
                cellProblem(column, "holds a formula (=" + Cells.shorten(formulaText.toString()) + "); formulas are "
                        + "not calculated on import: replace them by their values (copy, paste values only)");
                return;
            }
            String text;
            if ("s".equals(type)) {
                try {
                    text = value.isEmpty() ? ""
                            : strings.getItemAt(Integer.parseInt(value.toString().strip())).getString();
                } catch (RuntimeException e) {
                    cellProblem(column, "the cell refers to a text the workbook does not have");
                    return;
                }
            } else if ("inlineStr".equals(type)) {
                text = inline.toString();
            } else if ("b".equals(type)) {
                text = "1".equals(value.toString().strip()) ? "TRUE" : "FALSE";
            } else if ("e".equals(type)) {
                cellProblem(column, "the cell shows the error " + value.toString().strip());
                return;
            } else if ("str".equals(type) || "d".equals(type)) {
                text = value.toString();
            } else {
                text = number(value.toString().strip());
            }
            if (text.length() > maxValueChars) {
                cellProblem(column, "the value is longer than " + String.format(Locale.ROOT, "%,d", maxValueChars)
                        + " characters");
                return;
            }
            values.set(column, text);
        }

        private boolean hasContent() {
            return formula || !value.isEmpty() || !inline.isEmpty();
        }

        /** A numeric cell as text: the stored decimal at Excel's precision, or the date a date format shows. */
        private String number(String raw) {
            if (raw.isEmpty()) {
                return "";
            }
            BigDecimal number;
            try {
                number = new BigDecimal(raw);
            } catch (NumberFormatException e) {
                return raw;
            }
            if (isDateStyle()) {
                LocalDateTime date = DateUtil.getLocalDateTime(number.doubleValue(), date1904);
                if (date != null) {
                    if (!date.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
                        return date.toString().replace('T', ' ');
                    }
                    return date.getDayOfMonth() == 1 ? date.toLocalDate().toString().substring(0, 7)
                            : date.toLocalDate().toString();
                }
            }
            BigDecimal rounded = number.round(EXCEL_DIGITS).stripTrailingZeros();
            if (rounded.signum() == 0) {
                return "0";
            }
            BigDecimal magnitude = rounded.abs();
            boolean plain = magnitude.compareTo(BigDecimal.ONE.movePointRight(20)) < 0
                    && magnitude.compareTo(BigDecimal.ONE.movePointLeft(10)) >= 0;
            return plain ? rounded.toPlainString() : rounded.toString();
        }

        private boolean isDateStyle() {
            if (styles == null || style <= 0 || style >= styles.getNumCellStyles()) {
                return false;
            }
            XSSFCellStyle cellStyle = styles.getStyleAt(style);
            return cellStyle != null
                    && DateUtil.isADateFormat(cellStyle.getDataFormat(), cellStyle.getDataFormatString());
        }

        private void cellProblem(int position, String message) {
            while (broken.size() <= position && position < MAX_COLUMNS) {
                values.add("");
                broken.add(false);
            }
            if (position < MAX_COLUMNS) {
                broken.set(position, true);
            }
            if (headerSeen) {
                problems.add(rowNumber, visitor.columnName(position), message);
            } else {
                problems.add(rowNumber, null, "header, column " + CellReference.convertNumToColString(position) + ": "
                        + message);
            }
        }

        private void endRow() throws SAXException {
            if (!headerSeen) {
                int last = values.size();
                while (last > 0 && values.get(last - 1).isBlank() && !broken.get(last - 1)) {
                    last--;
                }
                if (last == 0) {
                    return;
                }
                headerSeen = true;
                width = last;
                if (!visitor.header(toRow(width))) {
                    throw new StopReading();
                }
                return;
            }
            for (int i = width; i < values.size(); i++) {
                if (!values.get(i).isBlank() && !broken.get(i)) {
                    problems.add(rowNumber, "column " + CellReference.convertNumToColString(i),
                            "a value right of the last column of the header");
                    broken.set(i, true);
                }
            }
            boolean extraBroken = false;
            for (int i = width; i < broken.size(); i++) {
                extraBroken |= broken.get(i);
            }
            TableRow row = toRow(width);
            visitor.row(extraBroken ? new TableRow(row.number(), values(width), flags(width), true) : row);
        }

        private TableRow toRow(int size) {
            return new TableRow(rowNumber, values(size), flags(size), false);
        }

        private String[] values(int size) {
            String[] row = new String[size];
            for (int i = 0; i < size; i++) {
                row[i] = i < values.size() ? values.get(i) : "";
            }
            return row;
        }

        private boolean[] flags(int size) {
            boolean[] flags = new boolean[size];
            for (int i = 0; i < size && i < broken.size(); i++) {
                flags[i] = broken.get(i);
            }
            return flags;
        }
    }
}
