package io.territoryscorecard.measurement.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.territoryscorecard.measurement.ImportProblem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTableSourceTest {

    private final Problems problems = new Problems(1_000);
    private final RecordingVisitor visitor = new RecordingVisitor();

    private CsvTableSource read(byte[] bytes) throws IOException {
        CsvTableSource source = new CsvTableSource(new ByteArrayInputStream(bytes));
        source.read(visitor, problems);
        return source;
    }

    private CsvTableSource read(String text) throws IOException {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsCommaSeparatedRowsWithTheirSpreadsheetRowNumbers() throws IOException {
        CsvTableSource source = read("a,b,c\r\n1,2,3\r\n4,5,6\r\n");

        assertThat(source.delimiter()).isEqualTo(',');
        assertThat(visitor.header).containsExactly("a", "b", "c");
        assertThat(visitor.rows).containsExactly(List.of("1", "2", "3"), List.of("4", "5", "6"));
        assertThat(visitor.numbers).containsExactly(2, 3);
        assertThat(problems.any()).isFalse();
        assertThat(visitor.ended).isTrue();
    }

    @Test
    void takesTheDelimiterFromTheHeader() throws IOException {
        CsvTableSource source = read("a;b;c\n1,5;2;x,y\n");

        assertThat(source.delimiter()).isEqualTo(';');
        assertThat(visitor.rows).containsExactly(List.of("1,5", "2", "x,y"));
    }

    @Test
    void skipsAByteOrderMark() throws IOException {
        read("\uFEFFa,b\n1,2\n");

        assertThat(visitor.header).containsExactly("a", "b");
        assertThat(problems.any()).isFalse();
    }

    @Test
    void quotedValuesHoldDelimitersLineBreaksAndDoubledQuotes() throws IOException {
        read("a,b\n\"Hamburg, Nord\",\"two\nlines\"\n\"say \"\"hi\"\"\",x\n3,4");

        assertThat(visitor.rows).containsExactly(List.of("Hamburg, Nord", "two\nlines"), List.of("say \"hi\"", "x"),
                List.of("3", "4"));
        // a value spanning two lines is one row, as in a spreadsheet
        assertThat(visitor.numbers).containsExactly(2, 3, 4);
        assertThat(problems.any()).isFalse();
    }

    @Test
    void acceptsLfCrLfAndCrLineBreaksAndSkipsEmptyLinesButCountsThem() throws IOException {
        read("a,b\r1,2\r\n\n3,4\n");

        assertThat(visitor.rows).containsExactly(List.of("1", "2"), List.of("3", "4"));
        assertThat(visitor.numbers).containsExactly(2, 4);
    }

    @Test
    void reportsBytesThatAreNotUtf8WithRowAndColumnAndReadsOn() throws IOException {
        byte[] latin1 = "territory_code,territory_name\nNORTH-01,M\u00fcnchen\nNORTH-02,Bremen\nNORTH-03,K\u00f6ln\n"
                .getBytes(StandardCharsets.ISO_8859_1);

        read(latin1);

        assertThat(problems.kept()).containsExactly(
                new ImportProblem(2, "territory_name", "not UTF-8 text (0xFC); save the file as UTF-8 (in Excel: "
                        + "'CSV UTF-8')"),
                new ImportProblem(4, "territory_name", "not UTF-8 text (0xF6); save the file as UTF-8 (in Excel: "
                        + "'CSV UTF-8')"));
        assertThat(visitor.rows).hasSize(3);
        assertThat(visitor.broken).containsExactly(true, false, true);
    }

    @Test
    void reportsATruncatedUtf8SequenceAtTheEnd() throws IOException {
        byte[] bytes = {'a', '\n', 'x', (byte) 0xC3};

        read(bytes);

        assertThat(problems.kept()).extracting(ImportProblem::row, ImportProblem::column)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2, "a"));
        assertThat(problems.kept().get(0).message()).startsWith("not UTF-8 text (0xC3)");
    }

    @Test
    void reportsQuoteMistakes() throws IOException {
        read("a,b\nab\"c,1\n\"ab\"c,2\n3,\"open\n4,5\n");

        assertThat(problems.kept()).containsExactly(
                new ImportProblem(2, "a", "a quote inside a value that does not start with one; enclose the whole "
                        + "value in quotes and double the quote inside (\"\")"),
                new ImportProblem(3, "a", "text after the closing quote; a quote inside a quoted value must be "
                        + "doubled (\"\")"),
                new ImportProblem(4, "b", "the quote that opens this value is never closed, so the rest of the file "
                        + "was read as part of it"));
    }

    @Test
    void reportsRowsWithTooManyOrTooFewValues() throws IOException {
        read("a,b,c\n1,2\n1,2,3,4\n1;2;3\n");

        assertThat(problems.kept()).containsExactly(
                new ImportProblem(2, null, "2 values, but the header has 3 columns"),
                new ImportProblem(3, null, "4 values, but the header has 3 columns (a value holding a comma must be "
                        + "quoted; a decimal comma such as 1,5 must be written 1.5)"),
                new ImportProblem(4, null, "1 value, but the header has 3 columns (the values of this row are not "
                        + "separated by ',' as in the header)"));
        assertThat(visitor.broken).containsExactly(true, true, true);
    }

    @Test
    void neverHoldsA10MegabyteLineInMemory() throws IOException {
        long size = 10L * 1024 * 1024;
        InputStream header = new ByteArrayInputStream("a,b\n".getBytes(StandardCharsets.US_ASCII));
        InputStream line = new InputStream() {
            private long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 'x' : left == -1 ? '\n' : -1;
            }
        };
        InputStream after = new ByteArrayInputStream("1,2\n".getBytes(StandardCharsets.US_ASCII));
        new CsvTableSource(new java.io.SequenceInputStream(java.util.Collections.enumeration(
                List.of(header, line, after)))).read(visitor, problems);

        assertThat(problems.kept()).containsExactly(new ImportProblem(2, null, "the row is longer than 10,000 "
                + "characters, so it was not read (is this a CSV file with one row per line?)"));
        assertThat(visitor.rows).hasSize(2);
        assertThat(visitor.rows.get(1)).containsExactly("1", "2");
        assertThat(visitor.numbers).containsExactly(2, 3);
    }

    @Test
    void reportsAValueLongerThanTheLimit() throws IOException {
        read("a,b\n" + "y".repeat(1_001) + ",2\n");

        assertThat(problems.kept()).containsExactly(new ImportProblem(2, "a", "the value is longer than 1,000 "
                + "characters"));
        assertThat(visitor.broken).containsExactly(true);
    }

    @Test
    void anEmptyFileHasNoHeader() throws IOException {
        read("");

        assertThat(visitor.headerRow).isZero();
        assertThat(visitor.ended).isTrue();
    }
}
