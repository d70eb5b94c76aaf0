package io.territoryscorecard.evaluation;

import io.territoryscorecard.cli.Command;
import io.territoryscorecard.measurement.Period;
import java.io.PrintStream;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.stereotype.Component;

/** {@code evaluate --period=2026-10}: one evaluation run; progress is logged while it runs. */
@Component
class EvaluateCommand implements Command {

    private final EvaluationService evaluations;

    EvaluateCommand(EvaluationService evaluations) {
        this.evaluations = evaluations;
    }

    @Override
    public String name() {
        return "evaluate";
    }

    @Override
    public String usage() {
        return "evaluate --period=YYYY-MM     evaluate every territory for the period and store the results";
    }

    @Override
    public int run(ApplicationArguments arguments, PrintStream out, PrintStream err) {
        List<String> periods = arguments.getOptionValues("period");
        if (periods == null || periods.size() != 1) {
            err.println("evaluate needs exactly one --period=YYYY-MM, for example: evaluate --period=2026-10");
            return 2;
        }
        Period period;
        try {
            period = Period.parse(periods.get(0));
        } catch (Period.InvalidPeriodException e) {
            err.println(e.getMessage());
            return 2;
        }
        try {
            EvaluationRun run = evaluations.evaluate(period, "command line");
            out.printf("Evaluation %d of %s completed: %d territories, %d KPI assessments, %d perspective scores, "
                    + "%d improvement flags (ruleset version %d)%n", run.id(), run.period(), run.territoryScores(),
                    run.kpiAssessments(), run.perspectiveScores(), run.improvementFlags(), run.rulesetVersionId());
            return 0;
        } catch (EvaluationFailedException | EvaluationAlreadyRunningException e) {
            err.println(e.getMessage());
            err.println("Nothing of this run was stored; the period's previous results are unchanged.");
            return 1;
        }
    }
}
