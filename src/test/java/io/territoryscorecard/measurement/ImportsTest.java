package io.territoryscorecard.measurement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.territoryscorecard.measurement.imports.XlsxFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Imports through the service on the embedded database: every bad input gives a precise report and writes nothing. */
@ImportTestApplication
class ImportsTest {

    private static final String MEASUREMENTS_HEADER = "territory_code,period,kpi_code,actual,target\n";
    private static final String ORGANISATION_HEADER = "region_code,region_name,region_manager_email,territory_code,"
            + "territory_name,manager_name,manager_email\n";
    private static final String COLUMNS = "territory_code,period,kpi_code,actual,target";

    @Autowired
    Imports imports;

    @Autowired
    JdbcClient jdbc;

    private DatabaseSnapshot before;

    @BeforeEach
    void snapshot() {
        before = DatabaseSnapshot.of(jdbc);
    }

    private ImportReport importBytes(ImportKind kind, String file, byte[] content) throws IOException {
        return imports.importStream(kind, file, new ByteArrayInputStream(content), content.length, "test");
    }

    private ImportReport importText(ImportKind kind, String file, String content) throws IOException {
        return importBytes(kind, file, content.getBytes(StandardCharsets.UTF_8));
    }

    /** The report is a rejection with exactly these problems, and the database is as it was. */
    private void assertRejected(ImportReport report, ImportProblem... problems) {
        assertThat(report.applied()).isFalse();
        assertThat(report.problems()).containsExactly(problems);
        assertThat(report.more()).isZero();
        assertNothingWritten();
    }

    private void assertNothingWritten() {
        assertThat(DatabaseSnapshot.of(jdbc)).isEqualTo(before);
    }

    private static ImportProblem problem(int row, String column, String message) {
        return new ImportProblem(row, column, message);
    }

    // -----------------------------------------------------------------------------------------------------------
    // the shape of the file

    @Test
    void rejectsAnEmptyFile() throws IOException {
        assertRejected(importText(ImportKind.MEASUREMENTS, "empty.csv", ""),
                problem(0, null, "the file is empty; it needs a header row with the columns " + COLUMNS
                        + " and at least one data row"));
    }

    @Test
    void rejectsAFileWithOnlyTheHeader() throws IOException {
        assertRejected(importText(ImportKind.MEASUREMENTS, "header.csv", MEASUREMENTS_HEADER),
                problem(2, null, "the file has a header but no data rows"));
    }

    @Test
    void rejectsWrongAndMissingColumnsAndStillChecksTheRows() throws IOException {
        ImportReport report = importText(ImportKind.MEASUREMENTS, "columns.csv", """
                territory_code,period,kpi,actual
                NORTH-01,2027-01,REVENUE,1
                NORTH-01,2027-13,REVENUE,1
                """);

        assertRejected(report,
                problem(1, "kpi", "unknown column 'kpi'; the header must name the columns " + COLUMNS),
                problem(1, "kpi_code", "missing column 'kpi_code'; the header must name the columns " + COLUMNS),
                problem(1, "target", "missing column 'target'; the header must name the columns " + COLUMNS),
                problem(3, "period", "period '2027-13' has month 13; months run from 01 to 12"));
    }

    @Test
    void rejectsAFileSeparatedByTabs() throws IOException {
        assertRejected(importText(ImportKind.MEASUREMENTS, "tabs.csv",
                        "territory_code\tperiod\tkpi_code\tactual\ttarget\nNORTH-01\t2027-01\tREVENUE\t1\t2\n"),
                problem(1, null, "the columns are separated by tabs; separate them by comma or semicolon. Expected "
                        + "columns: " + COLUMNS));
    }

    @Test
    void rejectsRowsSeparatedByAnotherDelimiterThanTheHeader() throws IOException {
        assertRejected(importText(ImportKind.MEASUREMENTS, "mixed.csv",
                        MEASUREMENTS_HEADER + "NORTH-01;2027-01;REVENUE;1;2\n"),
                problem(2, null, "1 value, but the header has 5 columns (the values of this row are not separated "
                        + "by ',' as in the header)"));
    }

    @Test
    void rejectsBytesThatAreNotUtf8NamingRowAndColumn() throws IOException {
        byte[] latin1 = (ORGANISATION_HEADER
                + "TEST,Test region,,TEST-10,M\u00fcnchen,J\u00fcrgen Keller,juergen.keller@example.com\n")
                .getBytes(StandardCharsets.ISO_8859_1);

        ImportReport report = importBytes(ImportKind.ORGANISATION, "latin1.csv", latin1);

        String advice = "; save the file as UTF-8 (in Excel: 'CSV UTF-8')";
        assertRejected(report,
                problem(2, "territory_name", "not UTF-8 text (0xFC)" + advice),
                problem(2, "manager_name", "not UTF-8 text (0xFC)" + advice));
    }

    @Test
    void rejectsA10MegabyteSingleLineWithoutReadingItIntoMemory() throws IOException {
        byte[] line = new byte[10 * 1024 * 1024];
        Arrays.fill(line, (byte) 'x');

        assertRejected(importBytes(ImportKind.MEASUREMENTS, "line.csv", line),
                problem(1, null, "the row is longer than 10,000 characters, so it was not read (is this a CSV file "
                        + "with one row per line?)"));
    }

    @Test
    void rejectsAnOldExcelWorkbookAndAFileNamedXlsxThatIsNot() throws IOException {
        assertRejected(importBytes(ImportKind.MEASUREMENTS, "old.xls",
                        new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 0, 0}),
                problem(0, null, "this is an old Excel .xls workbook; save it as .xlsx, or as CSV UTF-8"));
        assertRejected(importText(ImportKind.MEASUREMENTS, "renamed.xlsx", MEASUREMENTS_HEADER),
                problem(0, null, "the file is named .xlsx but is not an .xlsx workbook; save it again from the "
                        + "spreadsheet, or as CSV UTF-8"));
    }

    @Test
    void rejectsAZipThatIsNotAWorkbook() throws IOException {
        ImportReport report = importBytes(ImportKind.MEASUREMENTS, "broken.xlsx",
                new byte[] {0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0, 1, 2, 3, 4});

        assertThat(report.problems()).hasSize(1);
        assertThat(report.problems().get(0).row()).isZero();
        assertThat(report.problems().get(0).message()).startsWith("the file cannot be read as an .xlsx workbook (")
                .endsWith("); save it again from the spreadsheet as .xlsx, or as CSV UTF-8");
        assertNothingWritten();
    }

    // -----------------------------------------------------------------------------------------------------------
    // the values

    @Test
    void rejectsNumbersThatAreNotFiniteDecimalsWithADecimalPoint() throws IOException {
        ImportReport report = importText(ImportKind.MEASUREMENTS, "numbers.csv", """
                territory_code;period;kpi_code;actual;target
                NORTH-01;2027-01;REVENUE;1,5;100
                NORTH-01;2027-01;GROSS_MARGIN;1e309;100
                NORTH-01;2027-01;SALES_GROWTH;NaN;100
                NORTH-01;2027-01;MARKET_SHARE;12;Infinity
                NORTH-01;2027-01;RETENTION_RATE;"=HYPERLINK(""http://evil.example"",""x"")";90
                NORTH-01;2027-01;LEAD_CONVERSION;0.1234567;20
                """);

        assertRejected(report,
                problem(2, "actual", "'1,5' has a decimal comma; use a decimal point: 1.5"),
                problem(3, "actual", "'1e309' is too large: at most 14 digits before the decimal point"),
                problem(4, "actual", "'NaN' is not a number; write a finite number, or leave the cell empty when "
                        + "there is no value"),
                problem(5, "target", "'Infinity' is not a number; write a finite number, or leave the cell empty "
                        + "when there is no value"),
                problem(6, "actual", "'=HYPERLINK(\"http://evil.example\",\"x\")' is not a number"),
                problem(7, "actual", "'0.1234567' has more than 6 decimals; round it to at most 6"));
    }

    @Test
    void rejectsPeriodsThatAreNotMonthsWrittenYyyyMm() throws IOException {
        assertRejected(importText(ImportKind.MEASUREMENTS, "periods.csv", MEASUREMENTS_HEADER + """
                        NORTH-01,2026-13,REVENUE,1,2
                        NORTH-01,26-01,REVENUE,1,2
                        NORTH-01,,REVENUE,1,2
                        """),
                problem(2, "period", "period '2026-13' has month 13; months run from 01 to 12"),
                problem(3, "period", "period '26-01' is not a month written YYYY-MM, such as 2026-10"),
                problem(4, "period", "empty; every row needs the month it is for, written YYYY-MM, such as 2026-10"));
    }

    @Test
    void rejectsUnknownCodesAndDuplicateRowsListingEveryProblem() throws IOException {
        ImportReport report = importText(ImportKind.MEASUREMENTS, "codes.csv", MEASUREMENTS_HEADER + """
                NORTH-01,2027-01,REVENUE,1,2
                NORTH-99,2027-01,REVENUE,1,2
                north-01,2027-01,revenue,3,4
                NORTH-01,2027-01,PROFIT,1,2
                """);

        assertThat(report.applied()).isFalse();
        assertThat(report.problems()).hasSize(3);
        assertThat(report.problems().get(0)).isEqualTo(problem(3, "territory_code", "unknown territory 'NORTH-99'; "
                + "import it with the organisation first, or correct the code"));
        assertThat(report.problems().get(1)).isEqualTo(problem(4, null, "row 2 has the same territory, period and KPI "
                + "(NORTH-01, 2027-01, REVENUE); each may appear only once in a file"));
        assertThat(report.problems().get(2).row()).isEqualTo(5);
        assertThat(report.problems().get(2).column()).isEqualTo("kpi_code");
        assertThat(report.problems().get(2).message()).startsWith("unknown KPI 'PROFIT'; the catalogue has REVENUE, "
                + "SALES_GROWTH, GROSS_MARGIN,");
        assertNothingWritten();
    }

    @Test
    void quotesValuesFromTheFileWithoutTheirControlCharacters() throws IOException {
        assertRejected(importText(ImportKind.MEASUREMENTS, "escape.csv", MEASUREMENTS_HEADER
                        + "\u001b[31mNORTH-01,2027-01,REVENUE,1,2\n"),
                problem(2, "territory_code", "unknown territory '?[31mNORTH-01'; import it with the organisation "
                        + "first, or correct the code"));
    }

    @Test
    void listsTheFirstThousandProblemsAndCountsTheRest() throws IOException {
        StringBuilder file = new StringBuilder(MEASUREMENTS_HEADER);
        for (int i = 0; i < 1_500; i++) {
            file.append("NORTH-01,2027-00,REVENUE,1,2\n");
        }

        ImportReport report = importText(ImportKind.MEASUREMENTS, "many.csv", file.toString());

        assertThat(report.problems()).hasSize(Imports.MAX_PROBLEMS);
        assertThat(report.more()).isEqualTo(500);
        assertThat(report.problems().get(999).row()).isEqualTo(1_001);
        assertNothingWritten();
    }

    @Test
    void importsMinusZeroAsZeroAndAnEmptyActualAsNotMeasured() throws IOException {
        ImportReport report = importText(ImportKind.MEASUREMENTS, "zero.csv", "\uFEFF" + MEASUREMENTS_HEADER + """
                NORTH-01,2027-02,REVENUE,-0,100
                NORTH-01,2027-02,GROSS_MARGIN,,35
                NORTH-01,2027-02,SALES_GROWTH,-5,0
                """);

        assertThat(report.applied()).isTrue();
        assertThat(report.inserted()).isEqualTo(3);
        assertThat(stored("NORTH-01", "2027-02", "REVENUE")).containsExactly(BigDecimal.ZERO.setScale(6),
                new BigDecimal("100.000000"));
        assertThat(stored("NORTH-01", "2027-02", "GROSS_MARGIN")).containsExactly(null, new BigDecimal("35.000000"));
        // well-formed numbers the scorecard cannot use are the evaluation's business (INVALID_DATA)
        assertThat(stored("NORTH-01", "2027-02", "SALES_GROWTH")).containsExactly(new BigDecimal("-5.000000"),
                BigDecimal.ZERO.setScale(6));
    }

    private List<BigDecimal> stored(String territory, String period, String kpi) {
        return jdbc.sql("""
                SELECT m.actual, m.target FROM measurement m JOIN territory t ON t.id = m.territory_id
                 WHERE t.code = :territory AND m.period = :period AND m.kpi_code = :kpi
                """).param("territory", territory).param("period", period).param("kpi", kpi)
                .query((rs, n) -> Arrays.asList(rs.getBigDecimal(1), rs.getBigDecimal(2))).single();
    }

    // -----------------------------------------------------------------------------------------------------------
    // all or nothing, idempotent

    @Test
    void oneBadRowAtTheEndOfALargeFileRejectsTheWholeFile() throws IOException {
        List<String> territories = jdbc.sql("SELECT code FROM territory WHERE code LIKE 'NORTH-%' OR code LIKE "
                + "'SOUTH-%' OR code LIKE 'EAST-%' ORDER BY code").query(String.class).list();
        List<String> kpis = jdbc.sql("SELECT code FROM kpi WHERE display_order <= 12 ORDER BY display_order")
                .query(String.class).list();
        StringBuilder file = new StringBuilder(MEASUREMENTS_HEADER);
        int rows = 0;
        for (int month = 0; month < 120; month++) {
            String period = LocalDate.of(2040, 1, 1).plusMonths(month).toString().substring(0, 7);
            for (String territory : territories) {
                for (String kpi : kpis) {
                    file.append(territory).append(',').append(period).append(',').append(kpi).append(',')
                            .append(month + 1).append(".5,").append(100 + month).append('\n');
                    rows++;
                }
            }
        }
        String good = file.toString();
        assertThat(rows).isEqualTo(30 * 12 * 120);

        ImportReport rejected = importText(ImportKind.MEASUREMENTS, "large.csv", good + "NORTH-01,2050-01,REVENUE,abc,1\n");

        assertRejected(rejected, problem(rows + 2, "actual", "'abc' is not a number"));
        assertThat(rejected.rows()).isEqualTo(rows + 1);

        ImportReport applied = importText(ImportKind.MEASUREMENTS, "large.csv", good);
        assertThat(applied.applied()).isTrue();
        assertThat(applied.rows()).isEqualTo(rows);
        assertThat(applied.inserted()).isEqualTo(rows);

        ImportReport again = importText(ImportKind.MEASUREMENTS, "large.csv", good);
        assertThat(again.unchanged()).isEqualTo(rows);
        assertThat(again.inserted() + again.updated()).isZero();
    }

    @Test
    void importingTheSameFileTwiceChangesNothingAndAChangeTouchesOnlyItsRow() throws IOException {
        StringBuilder file = new StringBuilder(MEASUREMENTS_HEADER);
        for (int t = 1; t <= 5; t++) {
            for (String kpi : List.of("REVENUE", "GROSS_MARGIN", "MARKET_SHARE")) {
                file.append("WEST-0").append(t).append(",2027-03,").append(kpi).append(",").append(t * 10)
                        .append(".25,").append(t * 11).append('\n');
            }
        }
        file.append("WEST-06,2027-03,REVENUE,,500\n");
        ImportReport first = importText(ImportKind.MEASUREMENTS, "west.csv", file.toString());
        assertThat(first.applied()).isTrue();
        assertThat(first.inserted()).isEqualTo(16);
        // an old time, so that a row written again in the same second would show
        LocalDateTime old = LocalDateTime.of(2020, 1, 1, 0, 0);
        jdbc.sql("UPDATE measurement SET updated_at = :old WHERE period = '2027-03'").param("old", old).update();
        DatabaseSnapshot imported = DatabaseSnapshot.of(jdbc);

        ImportReport second = importText(ImportKind.MEASUREMENTS, "west.csv", file.toString());

        assertThat(second.applied()).isTrue();
        assertThat(List.of(second.rows(), second.inserted(), second.updated(), second.unchanged()))
                .containsExactly(16L, 0L, 0L, 16L);
        assertThat(DatabaseSnapshot.of(jdbc)).isEqualTo(imported);

        ImportReport changed = importText(ImportKind.MEASUREMENTS, "west.csv",
                file.toString().replace("WEST-02,2027-03,GROSS_MARGIN,20.25", "WEST-02,2027-03,GROSS_MARGIN,20.5"));
        assertThat(List.of(changed.inserted(), changed.updated(), changed.unchanged())).containsExactly(0L, 1L, 15L);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM measurement WHERE period = '2027-03' AND updated_at > :old")
                .param("old", old).query(Integer.class).single()).isEqualTo(1);
        assertThat(stored("WEST-02", "2027-03", "GROSS_MARGIN").get(0)).isEqualByComparingTo("20.5");
    }

    // -----------------------------------------------------------------------------------------------------------
    // .xlsx

    @Test
    void importsAnXlsxWorkbookWithExactNumbersAndMonthCells() throws IOException {
        byte[] workbook = XlsxFiles.workbook(List.of(
                Arrays.asList("territory_code", "period", "kpi_code", "actual", "target"),
                Arrays.asList("EAST-01", "2027-04", "REVENUE", 0.1, 250000),
                Arrays.asList("EAST-01", LocalDate.of(2027, 4, 1), "GROSS_MARGIN", 33.3, 35),
                Arrays.asList("EAST-01", "2027-04", "MARKET_SHARE", null, 12.5)));

        ImportReport report = importBytes(ImportKind.MEASUREMENTS, "east.xlsx", workbook);

        assertThat(report.applied()).as("%s", report.problems()).isTrue();
        assertThat(report.inserted()).isEqualTo(3);
        assertThat(stored("EAST-01", "2027-04", "REVENUE")).containsExactly(new BigDecimal("0.100000"),
                new BigDecimal("250000.000000"));
        assertThat(stored("EAST-01", "2027-04", "GROSS_MARGIN").get(0)).isEqualByComparingTo("33.3");
        assertThat(stored("EAST-01", "2027-04", "MARKET_SHARE").get(0)).isNull();
    }

    @Test
    void rejectsAnXlsxWorkbookWithAFormulaWithoutCalculatingIt() throws IOException {
        byte[] workbook = XlsxFiles.workbook(List.of(
                Arrays.asList("territory_code", "period", "kpi_code", "actual", "target"),
                Arrays.asList("EAST-02", "2027-04", "REVENUE", new XlsxFiles.Formula("1+1"), 10),
                Arrays.asList("EAST-02", "2027-04", "GROSS_MARGIN", 3, new XlsxFiles.Formula(
                        "HYPERLINK(\"http://evil.example\",\"x\")"))));

        assertRejected(importBytes(ImportKind.MEASUREMENTS, "formula.xlsx", workbook),
                problem(2, "actual", "holds a formula (=1+1); formulas are not calculated on import: replace them "
                        + "by their values (copy, paste values only)"),
                problem(3, "target", "holds a formula (=HYPERLINK(\"http://evil.example\",\"x\")); formulas are not "
                        + "calculated on import: replace them by their values (copy, paste values only)"));
    }

    // -----------------------------------------------------------------------------------------------------------
    // organisation and KPI catalogue

    @Test
    void importsAnOrganisationWithQuotedNamesAndIsIdempotent() throws IOException {
        String file = ORGANISATION_HEADER + """
                ISLANDS,Islands,Erika.Muster@Example.com,ISL-01,"Sylt, Föhr and Amrum",Max Muster,max.muster@example.com
                ISLANDS,Islands,erika.muster@example.com,ISL-02,Helgoland,Max Muster,max.muster@example.com
                ISLANDS,Islands,erika.muster@example.com,ISL-03,Fehmarn,,
                """;

        ImportReport first = importText(ImportKind.ORGANISATION, "islands.csv", file);

        assertThat(first.applied()).as("%s", first.problems()).isTrue();
        assertThat(List.of(first.rows(), first.inserted(), first.updated(), first.unchanged()))
                .containsExactly(3L, 3L, 0L, 0L);
        assertThat(jdbc.sql("""
                SELECT CONCAT(t.code, '|', t.name, '|', r.code, '|', COALESCE(p.email, '-'), '|', rp.email, '|', rp.name)
                  FROM territory t JOIN region r ON r.id = t.region_id LEFT JOIN person p ON p.id = t.manager_id
                  JOIN person rp ON rp.id = r.manager_id
                 WHERE r.code = 'ISLANDS' ORDER BY t.code""").query(String.class).list()).containsExactly(
                "ISL-01|Sylt, Föhr and Amrum|ISLANDS|max.muster@example.com|erika.muster@example.com|erika.muster@example.com",
                "ISL-02|Helgoland|ISLANDS|max.muster@example.com|erika.muster@example.com|erika.muster@example.com",
                "ISL-03|Fehmarn|ISLANDS|-|erika.muster@example.com|erika.muster@example.com");

        DatabaseSnapshot imported = DatabaseSnapshot.of(jdbc);
        ImportReport again = importText(ImportKind.ORGANISATION, "islands.csv", file);
        assertThat(List.of(again.inserted(), again.updated(), again.unchanged())).containsExactly(0L, 0L, 3L);
        assertThat(DatabaseSnapshot.of(jdbc)).isEqualTo(imported);

        ImportReport renamed = importText(ImportKind.ORGANISATION, "islands.csv",
                file.replace("Max Muster,max", "Max Mustermann,max"));
        // both territories that Max manages show the change
        assertThat(List.of(renamed.inserted(), renamed.updated(), renamed.unchanged())).containsExactly(0L, 2L, 1L);
    }

    @Test
    void rejectsAnOrganisationWhoseRowsContradictEachOther() throws IOException {
        ImportReport report = importText(ImportKind.ORGANISATION, "contradictions.csv", ORGANISATION_HEADER + """
                LAKES,Lakes,,LAKE-01,"two
                lines",Max Muster,max.muster@example.com
                LAKES,Lakes,,LAKE-02,Plön,,max.muster@example.com
                LAKES,Lakes,,LAKE-03,Eutin,Max Muster,max.muster@example.com
                LAKES,Seen,,LAKE-04,Malente,Maximilian Muster,max.muster@example.com
                LAKES,Lakes,,LAKE-03,Preetz,Max Muster,max.muster@example.com
                "=HYPERLINK(""http://evil.example"")",Lakes,,LAKE-05,Ratzeburg,Max Muster,max.muster@example.com
                LAKES,Lakes,boss,LAKE-06,Mölln,Max Muster,max.muster@example.com
                """);

        assertRejected(report,
                problem(2, "territory_name", "holds a line break or another control character"),
                problem(3, "manager_name", "empty, but manager_email is given; give both or neither"),
                problem(5, "region_name", "region LAKES is named 'Lakes' in row 4; every row of a region must give "
                        + "the same name"),
                problem(5, "manager_name", "max.muster@example.com is named 'Max Muster' in row 4; one person, one "
                        + "name"),
                problem(6, "territory_code", "territory LAKE-03 is in row 4 already; each territory may appear only "
                        + "once"),
                problem(7, "region_code", "'=HYPERLINK(\"http://evil.example\")' is not a code: use letters, "
                        + "digits, '-', '_' and '.', starting with a letter or digit"),
                problem(8, "region_manager_email", "'boss' is not an e-mail address"));
    }

    @Test
    void addsAndChangesKpisGivingNewOnesTheNextDisplayOrder() throws IOException {
        int last = jdbc.sql("SELECT MAX(display_order) FROM kpi").query(Integer.class).single();
        ImportReport report = importText(ImportKind.KPIS, "kpis.csv", """
                kpi_code;name;perspective;direction;unit
                NEW_LOGOS;New logos;customer;HIGHER;count
                REVENUE;Revenue;FINANCIAL;HIGHER;EUR
                """);

        assertThat(report.applied()).as("%s", report.problems()).isTrue();
        assertThat(List.of(report.inserted(), report.updated(), report.unchanged())).containsExactly(1L, 0L, 1L);
        assertThat(jdbc.sql("SELECT CONCAT(name, '|', perspective, '|', direction, '|', unit, '|', display_order) "
                + "FROM kpi WHERE code = 'NEW_LOGOS'").query(String.class).single())
                .isEqualTo("New logos|CUSTOMER|HIGHER|count|" + (last + 1));

        ImportReport renamed = importText(ImportKind.KPIS, "kpis.csv", """
                kpi_code,name,perspective,direction,unit
                NEW_LOGOS,New customers won,CUSTOMER,HIGHER,count
                """);
        assertThat(List.of(renamed.inserted(), renamed.updated(), renamed.unchanged())).containsExactly(0L, 1L, 0L);
    }

    @Test
    void rejectsKpiRowsWithUnknownPerspectivesDirectionsOrCodes() throws IOException {
        assertRejected(importText(ImportKind.KPIS, "kpis.csv", """
                        kpi_code,name,perspective,direction,unit
                        CHURN,Churn,FINANCE,DOWN,%
                        1ST,First,CUSTOMER,HIGHER,count
                        CHURN,Churn,CUSTOMER,LOWER,%
                        EMPTY,,CUSTOMER,LOWER,%
                        """),
                problem(2, "perspective", "'FINANCE' is not one of FINANCIAL, CUSTOMER, INTERNAL_PROCESS, "
                        + "LEARNING_GROWTH"),
                problem(2, "direction", "'DOWN' is not one of HIGHER, LOWER"),
                problem(3, "kpi_code", "'1ST' is not a KPI code: letters, digits and '_', starting with a letter, at "
                        + "most 40 (such as SALES_CYCLE_DAYS)"),
                problem(4, "kpi_code", "KPI CHURN is in row 2 already; each KPI may appear only once"),
                problem(5, "name", "empty; a value is needed"));
    }

    // -----------------------------------------------------------------------------------------------------------
    // one at a time, audited

    @Test
    void runsOneImportAtATimeAndShowsItsProgress() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        byte[] head = (MEASUREMENTS_HEADER + "NORTH-02,2027-05,REVENUE,1,2\n").getBytes(StandardCharsets.UTF_8);
        InputStream slow = new InputStream() {
            private int position;

            @Override
            public int read() throws IOException {
                if (position == head.length) {
                    reading.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return -1;
                }
                return head[position++];
            }
        };
        Thread first = new Thread(() -> {
            try {
                imports.importStream(ImportKind.MEASUREMENTS, "slow.csv", slow, -1, "first");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        first.start();
        try {
            assertThat(reading.await(30, TimeUnit.SECONDS)).isTrue();

            ImportProgress progress = imports.current().orElseThrow();
            assertThat(progress.kind()).isEqualTo(ImportKind.MEASUREMENTS);
            assertThat(progress.file()).isEqualTo("slow.csv");
            assertThat(progress.startedBy()).isEqualTo("first");
            assertThatThrownBy(() -> importText(ImportKind.KPIS, "second.csv", "x"))
                    .isInstanceOf(ImportAlreadyRunningException.class)
                    .hasMessageStartingWith("an import is already running (measurements from 'slow.csv', started by "
                            + "first");
        } finally {
            release.countDown();
            first.join(30_000);
        }
        assertThat(imports.current()).isEmpty();
    }

    @Test
    void auditsAppliedAndRejectedImports() throws IOException {
        importText(ImportKind.MEASUREMENTS, "audited-ok.csv", MEASUREMENTS_HEADER + "SOUTH-01,2027-06,REVENUE,1,2\n");
        importText(ImportKind.MEASUREMENTS, "audited-bad.csv", MEASUREMENTS_HEADER + "SOUTH-01,2027-6,REVENUE,1,2\n");

        assertThat(jdbc.sql("SELECT CONCAT(actor, '|', action, '|', target, '|', details) FROM audit_event "
                + "WHERE details LIKE 'file ''audited-%' ORDER BY id").query(String.class).list()).containsExactly(
                "test|IMPORT_APPLIED|measurements import|file 'audited-ok.csv': 1 rows, 1 inserted, 0 updated, "
                        + "0 unchanged",
                "test|IMPORT_REJECTED|measurements import|file 'audited-bad.csv': 1 problems, 1 rows read, nothing "
                        + "written; first: row 2, period: period '2027-6' is not a month written YYYY-MM, such as "
                        + "2026-10");
    }
}
