package io.territoryscorecard.measurement.imports;

import io.territoryscorecard.ScratchDatabase;
import static org.assertj.core.api.Assertions.assertThat;

import io.territoryscorecard.measurement.DatabaseSnapshot;
import io.territoryscorecard.measurement.ImportKind;
import io.territoryscorecard.measurement.ImportProblem;
import io.territoryscorecard.measurement.ImportReport;
import io.territoryscorecard.measurement.Imports;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Imports on the real MariaDB server (127.0.0.1:3306, root), with batches rewritten by the driver as in production:
 * the upsert, idempotent re-imports, and all or nothing for a file of 120,000 rows. The test owns the database
 * {@code scorecard_import_it}: it creates it afresh and drops it at the end. An unreachable server fails the test.
 */
@SpringBootTest(properties = {
    "spring.datasource.username=root",
    "spring.datasource.password=",
    "spring.liquibase.contexts=production",
    "scorecard.demo.evaluate-on-start=false"})
class MariaDbImportTest {

    private static final int TERRITORIES = 1_000;
    private static final List<String> KPIS = List.of("REVENUE", "SALES_GROWTH", "GROSS_MARGIN",
            "CUSTOMER_SATISFACTION", "RETENTION_RATE", "MARKET_SHARE", "SALES_CYCLE_DAYS", "LEAD_CONVERSION",
            "REVENUE_PER_REP", "TRAINING_COMPLETION", "EMPLOYEE_ENGAGEMENT", "SKILL_CERTIFICATIONS");

    @Autowired
    Imports imports;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> ScratchDatabase.url("scorecard_import_it"));
    }

    @BeforeAll
    static void createDatabase() throws SQLException {
        ScratchDatabase.recreate("scorecard_import_it");
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        ScratchDatabase.drop("scorecard_import_it");
    }

    /** The organisation of every test: a thousand territories in ten regions (imported once, then unchanged). */
    @BeforeEach
    void organisation() throws IOException {
        StringBuilder file = new StringBuilder("region_code,region_name,region_manager_email,territory_code,"
                + "territory_name,manager_name,manager_email\n");
        for (int t = 0; t < TERRITORIES; t++) {
            file.append(String.format(Locale.ROOT, "R%02d,Region %d,boss%d@example.com,T-%04d,Territory %d,"
                    + "Manager %d,manager%d@example.com%n", t / 100, t / 100, t / 100, t, t, t / 2, t / 2));
        }
        ImportReport report = importText(ImportKind.ORGANISATION, "organisation.csv", file.toString());
        assertThat(report.problems()).isEmpty();
        assertThat(report.rows()).isEqualTo(TERRITORIES);
    }

    private ImportReport importText(ImportKind kind, String name, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return imports.importStream(kind, name, new ByteArrayInputStream(bytes), bytes.length, "test");
    }

    private static String measurements(int months, int firstYear, String value) {
        StringBuilder file = new StringBuilder("territory_code,period,kpi_code,actual,target\n");
        for (int t = 0; t < TERRITORIES; t++) {
            for (int m = 0; m < months; m++) {
                String period = String.format(Locale.ROOT, "%d-%02d", firstYear + m / 12, m % 12 + 1);
                for (String kpi : KPIS) {
                    file.append("T-").append(String.format(Locale.ROOT, "%04d", t)).append(',').append(period)
                            .append(',').append(kpi).append(',').append(value).append(',').append(t % 50 + 1)
                            .append('\n');
                }
            }
        }
        return file.toString();
    }

    @Test
    void theUpsertChangesUpdatedAtOnlyWhenActualOrTargetChange() throws SQLException {
        long territory = jdbc.sql("SELECT id FROM territory WHERE code = 'T-0001'").query(Long.class).single();

        UpsertStatement.changesUpdatedAtOnlyWithTheValues(dataSource, jdbc, territory, "2031-01");
    }

    @Test
    void reimportingTheSameFilesChangesNothing() throws IOException {
        DatabaseSnapshot organisation = DatabaseSnapshot.of(jdbc);
        String file = measurements(1, 2032, "12.5");
        ImportReport first = importText(ImportKind.MEASUREMENTS, "m.csv", file);
        assertThat(List.of(first.rows(), first.inserted())).containsExactly(12_000L, 12_000L);
        LocalDateTime old = LocalDateTime.of(2020, 1, 1, 0, 0);
        jdbc.sql("UPDATE measurement SET updated_at = :old WHERE period = '2032-01'").param("old", old).update();
        DatabaseSnapshot imported = DatabaseSnapshot.of(jdbc);

        ImportReport again = importText(ImportKind.MEASUREMENTS, "m.csv", file);

        assertThat(List.of(again.inserted(), again.updated(), again.unchanged())).containsExactly(0L, 0L, 12_000L);
        assertThat(DatabaseSnapshot.of(jdbc)).isEqualTo(imported);
        assertThat(imported.people()).isEqualTo(organisation.people());
        assertThat(imported.territories()).isEqualTo(organisation.territories());

        // every value changes: the rewritten batches of upserts update them all, and only then updated_at
        ImportReport changed = importText(ImportKind.MEASUREMENTS, "m.csv", file.replace(",12.5,", ",13.25,"));
        assertThat(List.of(changed.inserted(), changed.updated(), changed.unchanged()))
                .containsExactly(0L, 12_000L, 0L);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM measurement WHERE period = '2032-01' AND actual = 13.25 AND "
                + "updated_at > :old").param("old", old).query(Integer.class).single()).isEqualTo(12_000);
    }

    @Test
    void aFileOf120000RowsWithOneBadRowAtTheEndWritesNothing() throws IOException {
        String file = measurements(10, 2033, "7");
        DatabaseSnapshot before = DatabaseSnapshot.of(jdbc);

        ImportReport rejected = importText(ImportKind.MEASUREMENTS, "big.csv", file + "T-0001,2033-13,REVENUE,1,2\n");

        assertThat(rejected.problems()).containsExactly(new ImportProblem(120_002, "period",
                "period '2033-13' has month 13; months run from 01 to 12"));
        assertThat(DatabaseSnapshot.of(jdbc)).isEqualTo(before);

        ImportReport applied = importText(ImportKind.MEASUREMENTS, "big.csv", file);
        assertThat(List.of(applied.rows(), applied.inserted())).containsExactly(120_000L, 120_000L);
        ImportReport again = importText(ImportKind.MEASUREMENTS, "big.csv", file);
        assertThat(again.unchanged()).isEqualTo(120_000L);
    }
}
