package io.territoryscorecard.measurement.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.territoryscorecard.measurement.ImportProblem;
import io.territoryscorecard.measurement.imports.XlsxFiles.ErrorCell;
import io.territoryscorecard.measurement.imports.XlsxFiles.Formula;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.poi.ss.usermodel.FormulaError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XlsxTableSourceTest {

    @TempDir
    Path folder;

    private final Problems problems = new Problems(1_000);
    private final RecordingVisitor visitor = new RecordingVisitor();

    private void read(byte[] workbook) throws IOException {
        Path file = folder.resolve("file.xlsx");
        Files.write(file, workbook);
        new XlsxTableSource(file).read(visitor, problems);
    }

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    @Test
    void readsCellsAsTextWithExactNumbers() throws IOException {
        read(XlsxFiles.workbook(List.of(
                row("territory_code", "period", "kpi_code", "actual", "target"),
                row("NORTH-01", "2026-10", "REVENUE", 0.1, 250000),
                row("NORTH-02", LocalDate.of(2026, 10, 1), "GROSS_MARGIN", -0.0, 1e-7),
                row("NORTH-03", "2026-10", "SALES_GROWTH", 1.0E20, 12345.678901))));

        assertThat(problems.any()).isFalse();
        assertThat(visitor.header).containsExactly("territory_code", "period", "kpi_code", "actual", "target");
        assertThat(visitor.rows).containsExactly(
                List.of("NORTH-01", "2026-10", "REVENUE", "0.1", "250000"),
                List.of("NORTH-02", "2026-10", "GROSS_MARGIN", "0", "0.0000001"),
                List.of("NORTH-03", "2026-10", "SALES_GROWTH", "1E+20", "12345.678901"));
        assertThat(visitor.numbers).containsExactly(2, 3, 4);
    }

    @Test
    void readsAWorkbookHandedOverAsBytesAndNamesItsSheet() throws IOException {
        XlsxTableSource source = new XlsxTableSource(XlsxFiles.workbook(List.of(row("a", "b"), row("x", 0.90))));
        assertThat(source.sheetName()).isNull();

        source.read(visitor, problems);

        assertThat(problems.any()).isFalse();
        assertThat(source.sheetName()).isEqualTo("data");
        assertThat(visitor.rows).containsExactly(List.of("x", "0.9"));
    }

    @Test
    void readsInlineStringsAndKeepsRowNumbersAcrossEmptyRows() throws IOException {
        read(XlsxFiles.streamingWorkbook(Arrays.asList(
                row("a", "b"),
                null,
                row("x", 2),
                row(null, "only b"))));

        assertThat(visitor.rows).containsExactly(List.of("x", "2"), List.of("", "only b"));
        assertThat(visitor.numbers).containsExactly(3, 4);
    }

    @Test
    void reportsFormulasErrorsAndValuesRightOfTheHeaderWithoutEvaluatingAnything() throws IOException {
        read(XlsxFiles.workbook(List.of(
                row("a", "b"),
                row(new Formula("HYPERLINK(\"http://evil.example\",\"click\")"), "x"),
                row("y", new ErrorCell(FormulaError.DIV0)),
                row("z", "w", "extra"))));

        assertThat(problems.kept()).containsExactly(
                new ImportProblem(2, "a", "holds a formula (=HYPERLINK(\"http://evil.example\",\"click\")); formulas "
                        + "are not calculated on import: replace them by their values (copy, paste values only)"),
                new ImportProblem(3, "b", "the cell shows the error #DIV/0!"),
                new ImportProblem(4, "column C", "a value right of the last column of the header"));
        assertThat(visitor.broken).containsExactly(true, true, true);
    }

    @Test
    void aFileThatIsNotAWorkbookIsUnreadable() throws IOException {
        Path file = folder.resolve("fake.xlsx");
        Files.write(file, new byte[] {0x50, 0x4B, 0x03, 0x04, 1, 2, 3});

        assertThatThrownBy(() -> new XlsxTableSource(file).read(visitor, problems))
                .isInstanceOf(XlsxTableSource.UnreadableFile.class)
                .hasMessageStartingWith("the file cannot be read as an .xlsx workbook (");
    }
}
