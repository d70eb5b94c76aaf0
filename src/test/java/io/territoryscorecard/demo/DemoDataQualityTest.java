package io.territoryscorecard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.territoryscorecard.account.AccessScope;
import io.territoryscorecard.measurement.DataQualityReport;
import io.territoryscorecard.measurement.DataQualityReport.TerritoryQuality;
import io.territoryscorecard.measurement.DataQualityReports;
import io.territoryscorecard.measurement.DemoDatabaseTest;
import io.territoryscorecard.measurement.Period;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The data-quality report on the demo company matches its documented gaps (DemoCompanyChange): 130 missing rows, 65
 * empty actuals and two invalid targets over the eighteen months, and in 2026-10 exactly the gaps the generator made.
 */
@DemoDatabaseTest
class DemoDataQualityTest {

    @Autowired
    DataQualityReports reports;

    @Autowired
    DataSource dataSource;

    @Test
    void october2026HasExactlyTheGapsTheGeneratorMade() throws Exception {
        DemoCompanyChange.Company company;
        try (Connection connection = dataSource.getConnection()) {
            company = DemoCompanyChange.Company.generate(DemoCompanyChange.catalogue(connection));
        }
        DataQualityReport report = reports.report(Period.parse("2026-10"), AccessScope.all());

        List<DemoCompanyChange.Measurement> rows = company.measurements().stream()
                .filter(m -> m.period().equals(YearMonth.of(2026, 10))).toList();
        long empty = rows.stream().filter(m -> m.actual() == null).count();
        assertThat(report.territories()).isEqualTo(60);
        assertThat(report.kpis()).isEqualTo(12);
        assertThat(report.expected()).isEqualTo(720);
        assertThat(report.missing()).isEqualTo(720 - rows.size()).isPositive();
        assertThat(report.emptyActual()).isEqualTo(empty).isPositive();
        // GROSS_MARGIN of SOUTH-04 has a target of 0
        assertThat(report.invalid()).isEqualTo(1);
        assertThat(report.measured()).isEqualTo(rows.size() - empty);
        assertThat(report.valid()).isEqualTo(rows.size() - empty - 1);
        assertThat(report.completeness()).isEqualTo(BigDecimal.valueOf(report.valid())
                .divide(BigDecimal.valueOf(720), 4, RoundingMode.DOWN));
        // the demo's data of a month was complete on the 3rd of the following month at 06:00
        assertThat(report.lastUpdated()).isEqualTo(LocalDateTime.of(2026, 11, 3, 6, 0));

        Map<String, int[]> expected = new HashMap<>();
        for (DemoCompanyChange.Measurement row : rows) {
            int[] counts = expected.computeIfAbsent(row.territoryCode(), code -> new int[2]);
            counts[0]++;
            counts[1] += row.actual() == null ? 1 : 0;
        }
        for (TerritoryQuality territory : report.byTerritory()) {
            int[] counts = expected.get(territory.territory());
            assertThat(territory.missing()).as(territory.territory()).isEqualTo(12 - counts[0]);
            assertThat(territory.emptyActual()).as(territory.territory()).isEqualTo(counts[1]);
            assertThat(territory.invalid()).as(territory.territory())
                    .isEqualTo(territory.territory().equals("SOUTH-04") ? 1 : 0);
        }
        TerritoryQuality south04 = report.byTerritory().stream().filter(t -> t.territory().equals("SOUTH-04"))
                .findFirst().orElseThrow();
        assertThat(south04.complete()).isFalse();
        assertThat(report.leastComplete(100)).allMatch(t -> !t.complete())
                .hasSize((int) report.byTerritory().stream().filter(t -> !t.complete()).count())
                .contains(south04);
    }

    @Test
    void overAllMonthsTheGapsAddUpToTheDocumentedTotals() {
        long missing = 0;
        long empty = 0;
        long invalid = 0;
        for (YearMonth month = DemoCompanyChange.FIRST_PERIOD; !month.isAfter(DemoCompanyChange.LAST_PERIOD);
                month = month.plusMonths(1)) {
            DataQualityReport report = reports.report(new Period(month), AccessScope.all());
            missing += report.missing();
            empty += report.emptyActual();
            invalid += report.invalid();
        }
        assertThat(missing).isEqualTo(DemoCompanyChange.MISSING_ROWS);
        assertThat(empty).isEqualTo(DemoCompanyChange.EMPTY_ACTUALS);
        assertThat(invalid).isEqualTo(DemoCompanyChange.INVALID_TARGETS.size());
    }

    @Test
    void aPeriodWithoutDataIsEntirelyMissing() {
        DataQualityReport report = reports.report(Period.parse("2030-01"), AccessScope.all());

        assertThat(report.missing()).isEqualTo(720);
        assertThat(report.completeness()).isEqualByComparingTo("0");
        assertThat(report.lastUpdated()).isNull();
        assertThat(report.meets(new BigDecimal("0.01"))).isFalse();
    }
}
