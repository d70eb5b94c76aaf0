package io.territoryscorecard.measurement.imports;

import io.territoryscorecard.measurement.ImportProblem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the problems of one file: all are counted, the first {@code limit} are kept. */
public final class Problems {

    private final int limit;
    private final List<ImportProblem> kept = new ArrayList<>();
    private long total;

    public Problems(int limit) {
        this.limit = limit;
    }

    public void add(int row, String column, String message) {
        total++;
        if (kept.size() < limit) {
            kept.add(new ImportProblem(row, printable(column), printable(message)));
        }
    }

    /** Messages quote values from the file: control characters in them must not reach a terminal or a log. */
    private static String printable(String text) {
        if (text == null || text.chars().noneMatch(Character::isISOControl)) {
            return text;
        }
        StringBuilder clean = new StringBuilder(text.length());
        text.chars().forEach(c -> clean.append(Character.isISOControl(c) ? '?' : (char) c));
        return clean.toString();
    }

    public boolean any() {
        return total > 0;
    }

    public long total() {
        return total;
    }

    /** The kept problems in row order (problems of one row in the order they were found). */
    public List<ImportProblem> kept() {
        List<ImportProblem> sorted = new ArrayList<>(kept);
        sorted.sort(Comparator.comparingInt(ImportProblem::row));
        return List.copyOf(sorted);
    }

    /** How many problems were counted but not kept. */
    public long more() {
        return total - kept.size();
    }
}
