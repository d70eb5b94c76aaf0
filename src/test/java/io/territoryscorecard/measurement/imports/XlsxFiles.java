package io.territoryscorecard.measurement.imports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Builds .xlsx files for tests: a String becomes a text cell, a Number a numeric cell, a {@link LocalDate} a date
 * cell (format yyyy-mm), a {@link Formula} a formula, an {@link ErrorCell} an error value, null no cell at all.
 */
public final class XlsxFiles {

    public record Formula(String text) {
    }

    public record ErrorCell(FormulaError error) {
    }

    private XlsxFiles() {
    }

    /** Shared strings, as Excel writes them. */
    public static byte[] workbook(List<List<Object>> rows) throws IOException {
        try (Workbook workbook = new XSSFWorkbook()) {
            return write(workbook, rows);
        }
    }

    /** Inline strings, as streaming writers (and some exporters) write them. */
    public static byte[] streamingWorkbook(List<List<Object>> rows) throws IOException {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook()) {
            return write(workbook, rows);
        }
    }

    private static byte[] write(Workbook workbook, List<List<Object>> rows) throws IOException {
        Sheet sheet = workbook.createSheet("data");
        CellStyle month = workbook.createCellStyle();
        month.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy-mm"));
        for (int r = 0; r < rows.size(); r++) {
            if (rows.get(r) == null) {
                continue;
            }
            Row row = sheet.createRow(r);
            List<Object> values = rows.get(r);
            for (int c = 0; c < values.size(); c++) {
                Object value = values.get(c);
                if (value == null) {
                    continue;
                }
                Cell cell = row.createCell(c);
                if (value instanceof String text) {
                    cell.setCellValue(text);
                } else if (value instanceof Number number) {
                    cell.setCellValue(number.doubleValue());
                } else if (value instanceof Boolean bool) {
                    cell.setCellValue(bool);
                } else if (value instanceof LocalDate date) {
                    cell.setCellValue(date);
                    cell.setCellStyle(month);
                } else if (value instanceof Formula formula) {
                    cell.setCellFormula(formula.text());
                } else if (value instanceof ErrorCell error) {
                    cell.setCellErrorValue(error.error().getCode());
                } else {
                    throw new IllegalArgumentException("no cell for " + value.getClass());
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        workbook.write(out);
        return out.toByteArray();
    }
}
