package io.territoryscorecard.measurement;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code import <kind> <file>}: exit 0 applied, 1 rejected (file:row:column: message), 2 usage. */
@ImportTestApplication
class ImportCommandTest {

    @Autowired
    ImportCommand command;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path folder;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return command.run(new DefaultApplicationArguments(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void exitsWithZeroWhenTheFileIsApplied() throws IOException {
        Path file = file("ok.csv", "territory_code,period,kpi_code,actual,target\nWEST-07,2027-09,REVENUE,5,6\n");

        assertThat(run("import", "measurements", file.toString())).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("Imported measurements from " + file
                + ": 1 rows, 1 inserted, 0 updated, 0 unchanged\n");
        assertThat(run("import", "measurements", file.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).endsWith(": 1 rows, 0 inserted, 0 updated, 1 unchanged\n");
    }

    @Test
    void exitsWithOneAndPrintsEveryProblemWhenTheFileIsRejected() throws IOException {
        Path file = file("bad.csv", "territory_code,period,kpi_code,actual,target\nWEST-08,2027-13,REVENUE,5,6\n"
                + "WEST-08,2027-09,REVENUE,,\nWEST-08,2027-09,REVENUE,NaN,6\n");
        DatabaseSnapshot before = DatabaseSnapshot.of(jdbc);

        assertThat(run("import", "measurements", file.toString())).isEqualTo(1);

        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(
                file + ":2:period: period '2027-13' has month 13; months run from 01 to 12\n"
                + file + ":4:actual: 'NaN' is not a number; write a finite number, or leave the cell empty when "
                        + "there is no value\n"
                + file + ":4: row 3 has the same territory, period and KPI (WEST-08, 2027-09, REVENUE); each may "
                        + "appear only once in a file\n"
                + "Nothing was imported: 3 problem(s) in " + file + ". Correct them and import the whole file "
                        + "again.\n");
        assertThat(DatabaseSnapshot.of(jdbc)).isEqualTo(before);
    }

    @Test
    void exitsWithTwoForAUsageError() throws IOException {
        assertThat(run("import")).isEqualTo(2);
        assertThat(run("import", "measurements")).isEqualTo(2);
        assertThat(run("import", "targets", file("x.csv", "x").toString())).isEqualTo(2);
        assertThat(run("import", "kpis", folder.resolve("missing.csv").toString())).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains(
                "usage: java -jar territory-scorecard.jar import <organisation|measurements|kpis> <file>",
                "unknown import kind 'targets': use organisation, measurements, kpis",
                "cannot read the file '" + folder.resolve("missing.csv") + "'");
    }

    @Test
    void readsAnXlsxFileFromDisk() throws IOException {
        Path file = folder.resolve("kpis.xlsx");
        Files.write(file, io.territoryscorecard.measurement.imports.XlsxFiles.workbook(java.util.List.of(
                java.util.List.of("kpi_code", "name", "perspective", "direction", "unit"),
                java.util.List.of("REVENUE", "Revenue", "FINANCIAL", "HIGHER", "EUR"))));

        assertThat(run("import", "kpis", file.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).endsWith(": 1 rows, 0 inserted, 0 updated, 1 unchanged\n");
    }
}
