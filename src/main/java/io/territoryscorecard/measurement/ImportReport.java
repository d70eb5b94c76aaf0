package io.territoryscorecard.measurement;

import java.util.List;

/**
 * The outcome of one import. Applied when {@code problems} is empty: then the counts say what happened to the file's
 * data rows. Rejected otherwise: nothing was written, {@code problems} lists the first problems (at most
 * {@link Imports#MAX_PROBLEMS}) in row order and {@code more} counts the ones left out.
 */
public record ImportReport(ImportKind kind, String file, long rows, long inserted, long updated, long unchanged,
        List<ImportProblem> problems, long more) {

    public boolean applied() {
        return problems.isEmpty();
    }

    /** All problems found, including those left out of the list. */
    public long problemCount() {
        return problems.size() + more;
    }
}
