package io.territoryscorecard.evaluation;

import io.territoryscorecard.account.AccessScope;
import io.territoryscorecard.account.AuditLog;
import io.territoryscorecard.cli.CommandLineMode;
import io.territoryscorecard.measurement.DataQualityReport;
import io.territoryscorecard.measurement.DataQualityReports;
import io.territoryscorecard.measurement.Period;
import io.territoryscorecard.ruleset.ActiveRuleset;
import java.time.Clock;
import java.time.YearMonth;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every night ({@code scorecard.evaluation.schedule}, default 02:00) evaluates the previous calendar month, after
 * two checks. The data must be complete enough ({@code scorecard.evaluation.minimum-completeness}): otherwise the
 * run is skipped, logged and audited as EVALUATION_SKIPPED with the numbers. And there must be something new: when
 * the period's current results come from the active ruleset, cover every territory and started after the data last
 * changed, the run is skipped as up to date (so unchanged months do not pile up identical runs). Not in command-line
 * mode.
 */
@Component
@ConditionalOnExpression("'${" + CommandLineMode.PROPERTY + ":}' == ''")
class NightlyEvaluation {

    private static final Logger log = LoggerFactory.getLogger(NightlyEvaluation.class);
    static final String ACTOR = "schedule";

    private final EvaluationService evaluations;
    private final DataQualityReports dataQuality;
    private final ActiveRuleset activeRuleset;
    private final AuditLog audit;
    private final NightlySettings settings;
    private final Clock clock;

    @Autowired
    NightlyEvaluation(EvaluationService evaluations, DataQualityReports dataQuality, ActiveRuleset activeRuleset,
            AuditLog audit, NightlySettings settings) {
        this(evaluations, dataQuality, activeRuleset, audit, settings, Clock.systemDefaultZone());
    }

    NightlyEvaluation(EvaluationService evaluations, DataQualityReports dataQuality, ActiveRuleset activeRuleset,
            AuditLog audit, NightlySettings settings, Clock clock) {
        this.evaluations = evaluations;
        this.dataQuality = dataQuality;
        this.activeRuleset = activeRuleset;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    enum Outcome { EVALUATED, SKIPPED_INCOMPLETE, UP_TO_DATE, ALREADY_RUNNING, FAILED }

    @Scheduled(cron = "${scorecard.evaluation.schedule}")
    void evaluatePreviousMonth() {
        evaluate(new Period(YearMonth.now(clock).minusMonths(1)));
    }

    Outcome evaluate(Period period) {
        DataQualityReport report = dataQuality.report(period, AccessScope.all());
        if (!report.meets(settings.minimumCompleteness())) {
            String reason = "the data is " + report.describe() + "; the minimum is "
                    + settings.minimumCompleteness().movePointRight(2).stripTrailingZeros().toPlainString()
                    + "% (scorecard.evaluation.minimum-completeness)";
            log.warn("Nightly evaluation of {} skipped: {}", period, reason);
            audit.record(ACTOR, "EVALUATION_SKIPPED", "period " + period, reason);
            return Outcome.SKIPPED_INCOMPLETE;
        }
        Optional<EvaluationRun> current = evaluations.current(period);
        if (current.isPresent() && upToDate(current.get(), report)) {
            log.info("Nightly evaluation of {}: results of run {} are up to date (data unchanged since {})", period,
                    current.get().id(), report.lastUpdated());
            return Outcome.UP_TO_DATE;
        }
        try {
            EvaluationRun run = evaluations.evaluate(period, ACTOR);
            log.info("Nightly evaluation of {} done: run {}, data {}", period, run.id(), report.describe());
            return Outcome.EVALUATED;
        } catch (EvaluationAlreadyRunningException e) {
            log.info("Nightly evaluation of {} not started: {}", period, e.getMessage());
            return Outcome.ALREADY_RUNNING;
        } catch (EvaluationFailedException e) {
            // the service has logged the failure with its cause and recorded it on the run
            return Outcome.FAILED;
        }
    }

    private boolean upToDate(EvaluationRun run, DataQualityReport report) {
        return run.rulesetVersionId() == activeRuleset.require().version().id()
                && run.territoriesTotal() == report.territories()
                && report.lastUpdated() != null && run.startedAt().isAfter(report.lastUpdated());
    }
}
