package io.territoryscorecard.ruleset;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Builds .xlsx workbooks for tests from CSV-like text, one text per sheet: a cell that reads as a number becomes a
 * number cell (formatted with as many decimals as written, so 1.00 shows as 1.00), {@code =B2*2} a formula, TRUE or
 * FALSE a boolean, anything else text; the first line is the header, in bold. Commas separate cells; there is no
 * quoting.
 */
public final class Workbooks {

    private Workbooks() {
    }

    /** Sheets by name, in order. */
    public static byte[] xlsx(Map<String, String> sheets) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Map<Integer, CellStyle> decimals = new LinkedHashMap<>();
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            for (Map.Entry<String, String> entry : sheets.entrySet()) {
                Sheet sheet = workbook.createSheet(entry.getKey());
                String[] lines = entry.getValue().split("\n", -1);
                boolean header = true;
                for (int r = 0; r < lines.length; r++) {
                    if (lines[r].isEmpty()) {
                        continue;
                    }
                    Row row = sheet.createRow(r);
                    String[] cells = lines[r].split(",", -1);
                    for (int c = 0; c < cells.length; c++) {
                        String text = cells[c];
                        if (text.isEmpty()) {
                            continue;
                        }
                        Cell cell = row.createCell(c);
                        if (text.startsWith("=")) {
                            cell.setCellFormula(text.substring(1));
                        } else if (text.equals("TRUE") || text.equals("FALSE")) {
                            cell.setCellValue(Boolean.parseBoolean(text));
                        } else if (isNumber(text)) {
                            BigDecimal number = new BigDecimal(text);
                            cell.setCellValue(number.doubleValue());
                            if (number.scale() > 0) {
                                cell.setCellStyle(decimals.computeIfAbsent(number.scale(), scale -> {
                                    CellStyle style = workbook.createCellStyle();
                                    style.setDataFormat(workbook.createDataFormat().getFormat("0." + "0".repeat(scale)));
                                    return style;
                                }));
                            }
                        } else {
                            cell.setCellValue(text);
                            if (header) {
                                cell.setCellStyle(bold);
                            }
                        }
                    }
                    header = false;
                }
                int[] widths = {20, 24, 18, 8, 20, 11, 8, 80};
                for (int c = 0; c < widths.length; c++) {
                    sheet.setColumnWidth(c, widths[c] * 256);
                }
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isNumber(String text) {
        try {
            new BigDecimal(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
