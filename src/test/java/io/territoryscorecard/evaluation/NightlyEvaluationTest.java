package io.territoryscorecard.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.territoryscorecard.account.AccessScope;
import io.territoryscorecard.account.AuditLog;
import io.territoryscorecard.measurement.DataQualityReport;
import io.territoryscorecard.measurement.DataQualityReports;
import io.territoryscorecard.measurement.DemoDatabaseTest;
import io.territoryscorecard.measurement.Period;
import io.territoryscorecard.ruleset.ActiveRuleset;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The nightly evaluation of the previous month on the demo data (2026-10 is about 98 % complete): below the minimum
 * it does not run and says why in the audit log; at or above it runs, and does not run again until the data changes.
 */
@DemoDatabaseTest
class NightlyEvaluationTest {

    /** 15 November 2026: the previous month is 2026-10. */
    private static final Clock NOVEMBER = Clock.fixed(Instant.parse("2026-11-15T02:00:00Z"), ZoneId.of("UTC"));

    @Autowired
    EvaluationService evaluations;

    @Autowired
    DataQualityReports dataQuality;

    @Autowired
    ActiveRuleset activeRuleset;

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

    private NightlyEvaluation nightly(String minimum) {
        return new NightlyEvaluation(evaluations, dataQuality, activeRuleset, audit,
                new NightlySettings("-", new BigDecimal(minimum)), NOVEMBER);
    }

    private int runsOfOctober() {
        return jdbc.sql("SELECT COUNT(*) FROM evaluation_run WHERE period = '2026-10'").query(Integer.class).single();
    }

    @Test
    void belowTheMinimumCompletenessItDoesNotRunAndAuditsWhy() {
        int before = runsOfOctober();

        nightly("0.99").evaluatePreviousMonth();

        assertThat(runsOfOctober()).isEqualTo(before);
        String details = jdbc.sql("SELECT details FROM audit_event WHERE action = 'EVALUATION_SKIPPED' AND actor = "
                + "'schedule' AND target = 'period 2026-10' ORDER BY id DESC LIMIT 1").query(String.class).single();
        DataQualityReport report = dataQuality.report(Period.parse("2026-10"), AccessScope.all());
        assertThat(details).isEqualTo("the data is " + report.describe() + "; the minimum is 99% "
                + "(scorecard.evaluation.minimum-completeness)");
        assertThat(details).startsWith("the data is 98.").contains(" of 720 valid (", " missing, ",
                " without actual, 1 invalid) in 60 territories x 12 KPIs");
    }

    @Test
    void atOrAboveTheMinimumItEvaluatesThePreviousMonthOnceUntilTheDataChanges() {
        int before = runsOfOctober();

        assertThat(nightly("0.90").evaluate(Period.parse("2026-10"))).isEqualTo(NightlyEvaluation.Outcome.EVALUATED);
        assertThat(runsOfOctober()).isEqualTo(before + 1);
        assertThat(jdbc.sql("SELECT CONCAT(status, '|', requested_by, '|', territories_done) FROM evaluation_run "
                + "WHERE period = '2026-10' ORDER BY id DESC LIMIT 1").query(String.class).single())
                .isEqualTo("COMPLETED|schedule|60");

        nightly("0.90").evaluatePreviousMonth();
        assertThat(runsOfOctober()).as("nothing changed: no second run").isEqualTo(before + 1);

        // a measurement changes after the run started: the next night evaluates again
        Long id = jdbc.sql("SELECT MIN(id) FROM measurement WHERE period = '2026-10'").query(Long.class).single();
        LocalDateTime original = jdbc.sql("SELECT updated_at FROM measurement WHERE id = :id").param("id", id)
                .query(LocalDateTime.class).single();
        try {
            jdbc.sql("UPDATE measurement SET updated_at = :later WHERE id = :id").param("id", id)
                    .param("later", LocalDateTime.now().plusHours(1).withNano(0)).update();
            nightly("0.90").evaluatePreviousMonth();
            assertThat(runsOfOctober()).isEqualTo(before + 2);
        } finally {
            jdbc.sql("UPDATE measurement SET updated_at = :original WHERE id = :id").param("id", id)
                    .param("original", original).update();
        }
    }
}
