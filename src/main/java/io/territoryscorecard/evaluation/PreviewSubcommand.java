package io.territoryscorecard.evaluation;

import io.territoryscorecard.evaluation.PreviewReport.TerritoryChange;
import io.territoryscorecard.measurement.Period;
import io.territoryscorecard.ruleset.RuleProblem;
import io.territoryscorecard.ruleset.RulesSubcommand;
import io.territoryscorecard.ruleset.RulesetCompilationException;
import io.territoryscorecard.ruleset.RulesetSettings;
import io.territoryscorecard.ruleset.RulesetSource;
import io.territoryscorecard.ruleset.RulesetVersions.RulesetVersionNotFoundException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.ApplicationArguments;
import org.springframework.stereotype.Component;

/**
 * {@code rules preview [folder] --period=YYYY-MM} and {@code rules preview --version=ID --period=YYYY-MM}: what the
 * rules in a folder, or a stored version, would change in a period. Prints the summary and the territories whose
 * overall status changes; stores nothing. Exit 0 on success, 1 when the candidate does not compile or cannot be
 * compared, 2 for a usage error.
 */
@Component
class PreviewSubcommand implements RulesSubcommand {

    private static final String ACTOR = "command line";

    private final PreviewService previews;
    private final RulesetSettings settings;

    PreviewSubcommand(PreviewService previews, RulesetSettings settings) {
        this.previews = previews;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "preview";
    }

    @Override
    public String usage() {
        return "preview [folder|--version=ID] --period=YYYY-MM [--top=N]   what the rules would change in a period "
                + "(nothing is stored)";
    }

    @Override
    public int run(List<String> parameters, ApplicationArguments arguments, PrintStream out, PrintStream err) {
        List<String> periods = arguments.getOptionValues("period");
        List<String> versions = arguments.getOptionValues("version");
        List<String> tops = arguments.getOptionValues("top");
        if (periods == null || periods.size() != 1 || parameters.size() > 1
                || (versions != null && (versions.size() != 1 || !parameters.isEmpty()))
                || (tops != null && tops.size() != 1)) {
            err.println("usage: rules " + usage());
            err.println("for example: rules preview rules --period=2026-10, or: rules preview --version=3 --period=2026-10");
            return 2;
        }
        Period period;
        Long version;
        int top;
        RulesetSource folder = null;
        try {
            period = Period.parse(periods.get(0));
            version = versions == null ? null : number(versions.get(0), "a ruleset version id (see: rules versions)");
            top = tops == null ? 20 : (int) Math.min(1_000, number(tops.get(0), "a number of territories"));
            if (version == null) {
                folder = RulesetSource.fromFolder(Path.of(parameters.isEmpty() ? settings.location() : parameters.get(0)));
            }
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("rules preview: " + e.getMessage());
            return 2;
        }
        try {
            PreviewReport report = version != null ? previews.previewVersion(period, version, top, ACTOR)
                    : previews.previewFiles(period, folder, "folder", top, ACTOR);
            print(report, out);
            return 0;
        } catch (RulesetCompilationException e) {
            err.println("The candidate rules do not compile; nothing was previewed:");
            for (RuleProblem problem : e.problems()) {
                err.println("  " + problem);
            }
            return 1;
        } catch (PeriodNotEvaluatedException | PreviewFailedException | RulesetVersionNotFoundException e) {
            err.println("rules preview: " + e.getMessage());
            return 1;
        }
    }

    static void print(PreviewReport report, PrintStream out) {
        PreviewReport.Candidate candidate = report.candidate();
        out.printf("Preview of %s '%s' for %s against the current results (run %d, ruleset version %d '%s'), "
                + "%d territories:%n", candidate.rulesetVersionId() != null ? "ruleset version "
                        + candidate.rulesetVersionId() : candidate.origin(), candidate.label(), report.period(),
                report.baseline().evaluationRunId(), report.baseline().rulesetVersionId(),
                report.baseline().rulesetVersion(), report.territories());
        report.summary().forEach(sentence -> out.println("  " + sentence));
        out.printf("  %-14s %6s %6s%n", "status", "before", "after");
        Set<String> statuses = new LinkedHashSet<>(report.statusCounts().before().keySet());
        statuses.addAll(report.statusCounts().after().keySet());
        for (String status : statuses) {
            out.printf("  %-14s %6d %6d%n", status, report.statusCounts().before().getOrDefault(status, 0),
                    report.statusCounts().after().getOrDefault(status, 0));
        }
        if (!report.statusChanges().isEmpty()) {
            out.println("Territories whose overall status changes:");
            out.printf("  %-12s %-13s %-13s %8s %8s %8s%n", "territory", "from", "to", "before", "after", "delta");
            for (TerritoryChange change : report.statusChanges()) {
                out.printf("  %-12s %-13s %-13s %8s %8s %8s%n", change.territory(), change.from(), change.to(),
                        text(change.scoreBefore()), text(change.scoreAfter()), text(change.delta()));
            }
        }
        out.printf("Took %d ms (compile %d ms, evaluate %d ms). Nothing was stored.%n", report.timing().totalMillis(),
                report.timing().compileMillis(), report.timing().evaluateMillis());
    }

    private static String text(BigDecimal value) {
        return value == null ? "-" : value.toPlainString();
    }

    private static long number(String text, String what) {
        try {
            long value = Long.parseLong(text);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not " + what);
        }
    }
}
