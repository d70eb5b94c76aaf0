package io.territoryscorecard.demo;

import io.territoryscorecard.cli.CommandLineMode;
import io.territoryscorecard.evaluation.EvaluationAlreadyRunningException;
import io.territoryscorecard.evaluation.EvaluationRun;
import io.territoryscorecard.evaluation.EvaluationService;
import io.territoryscorecard.measurement.Measurements;
import io.territoryscorecard.measurement.Period;
import io.territoryscorecard.ruleset.ActiveRuleset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;

/**
 * At start-up on the demo database, evaluates every period with measurements, oldest first (so the trend rule has
 * history), unless its current results already come from the active ruleset. After a rule change and a restart the
 * demo company is therefore scored with the new rules.
 */
@Component
@ConditionalOnExpression("${scorecard.demo.evaluate-on-start:false} and '${" + CommandLineMode.PROPERTY + ":}' == ''")
class DemoEvaluation implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoEvaluation.class);

    private final Measurements measurements;
    private final EvaluationService evaluations;
    private final ActiveRuleset activeRuleset;

    DemoEvaluation(Measurements measurements, EvaluationService evaluations, ActiveRuleset activeRuleset) {
        this.measurements = measurements;
        this.evaluations = evaluations;
        this.activeRuleset = activeRuleset;
    }

    @Override
    public void run(ApplicationArguments args) {
        long activeVersion = activeRuleset.require().version().id();
        int evaluated = 0;
        for (Period period : measurements.periodsWithData()) {
            boolean current = evaluations.current(period).map(EvaluationRun::rulesetVersionId)
                    .filter(version -> version == activeVersion).isPresent();
            if (!current) {
                try {
                    evaluations.evaluate(period, "demo start-up");
                    evaluated++;
                } catch (EvaluationAlreadyRunningException e) {
                    log.warn("Demo company: {} skipped: {}", period, e.getMessage());
                }
            }
        }
        log.info("Demo company: {} period(s) evaluated with ruleset version {}", evaluated, activeVersion);
    }
}
