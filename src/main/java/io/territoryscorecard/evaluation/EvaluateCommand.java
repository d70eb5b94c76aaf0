package io.territoryscorecard.evaluation;

import io.territoryscorecard.cli.Command;
import io.territoryscorecard.measurement.Period;
import io.territoryscorecard.ruleset.RulesetCompilationException;
import io.territoryscorecard.ruleset.RulesetVersions.RulesetVersionNotFoundException;
import java.io.PrintStream;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.stereotype.Component;

/**
 * {@code evaluate --period=2026-10 [--version=ID]}: one evaluation run; progress is logged while it runs. With a
 * version it is a restatement: stored beside the period's current results, which stay as they are.
 */
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
        return "evaluate --period=YYYY-MM [--version=ID]     evaluate every territory for the period and store the "
                + "results (with a ruleset version: as a restatement beside the current results)";
    }

    @Override
    public int run(ApplicationArguments arguments, PrintStream out, PrintStream err) {
        List<String> periods = arguments.getOptionValues("period");
        if (periods == null || periods.size() != 1) {
            err.println("evaluate needs exactly one --period=YYYY-MM, for example: evaluate --period=2026-10");
            return 2;
        }
        List<String> versions = arguments.getOptionValues("version");
        Period period;
        Long version = null;
        try {
            period = Period.parse(periods.get(0));
            if (versions != null) {
                version = versionId(versions);
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        try {
            EvaluationRun run = version == null ? evaluations.evaluate(period, "command line")
                    : evaluations.restate(period, version, "command line");
            out.printf("%s %d of %s completed: %d territories, %d KPI assessments, %d perspective scores, "
                    + "%d improvement flags (ruleset version %d)%n",
                    version == null ? "Evaluation" : "Restatement", run.id(), run.period(), run.territoryScores(),
                    run.kpiAssessments(), run.perspectiveScores(), run.improvementFlags(), run.rulesetVersionId());
            out.println(snapshot(run));
            if (version != null) {
                out.printf("The period's current results are unchanged; read the restatement with "
                        + "GET /api/scorecards?period=%s&version=%d%n", run.period(), version);
            }
            return 0;
        } catch (EvaluationFailedException | EvaluationAlreadyRunningException e) {
            err.println(e.getMessage());
            err.println(nothingStored(version));
            return 1;
        } catch (Error e) {
            // the service has recorded the run as FAILED and logged it with the run's id; the process ends after this
            err.println("the evaluation of " + period + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            err.println(nothingStored(version));
            return 1;
        } catch (RulesetVersionNotFoundException | RulesetCompilationException | PeriodHasNoMeasurementsException e) {
            err.println(e.getMessage());
            err.println("Nothing was started.");
            return 1;
        }
    }

    private static String nothingStored(Long version) {
        return version == null ? "Nothing of this run was stored; the period's previous results are unchanged."
                : "Nothing of this run was stored; an earlier restatement with this version is unchanged.";
    }

    private static String snapshot(EvaluationRun run) {
        return "Read the data as of " + run.snapshotAt() + (run.snapshotImportId() == null ? " (no recorded import)"
                : ", the newest import then being " + run.snapshotImportId() + " ('" + run.snapshotImportFile()
                        + "', applied " + run.snapshotImportAppliedAt() + ")");
    }

    private static long versionId(List<String> versions) {
        if (versions.size() != 1) {
            throw new IllegalArgumentException("give at most one --version=ID (see: rules versions)");
        }
        try {
            return Long.parseLong(versions.get(0));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + versions.get(0)
                    + "' is not a ruleset version id (see: rules versions)");
        }
    }
}
