package io.territoryscorecard.workbench;

import io.territoryscorecard.ruleset.RuleProblem;
import io.territoryscorecard.ruleset.ValidationReport;
import java.io.Serializable;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What validating a draft found, kept with the page across the redirect after a save (so it must be serializable).
 *
 * @param sha256 the draft's ruleset content that was validated
 * @param rules how many rules compiled (0 when there are errors)
 */
record DraftValidation(String sha256, int rules, List<RuleProblem> errors, List<RuleProblem> warnings)
        implements Serializable {

    DraftValidation {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    static DraftValidation of(ValidationReport report) {
        return new DraftValidation(report.sha256(), report.rules(), report.errors(), report.warnings());
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    /** The errors and warnings together, in file and line order, for the list beside the editor. */
    public List<Marker> markers() {
        return Stream.concat(errors.stream().map(problem -> new Marker("error", problem)),
                warnings.stream().map(problem -> new Marker("warning", problem)))
                .sorted(Comparator.comparing((Marker m) -> m.problem().file())
                        .thenComparingInt(m -> m.problem().line()).thenComparingInt(m -> m.problem().column()))
                .toList();
    }

    /** A problem with its severity ({@code error} or {@code warning}). */
    record Marker(String severity, RuleProblem problem) implements Serializable {
    }
}
