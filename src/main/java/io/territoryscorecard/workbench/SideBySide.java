package io.territoryscorecard.workbench;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two versions of a text as rows side by side, with the line numbers of each: lines that stay, lines changed (the
 * changed words marked), removed and added. The line diff is java-diff-utils' (Myers); long runs of unchanged lines can
 * be folded into one row that says how many lines it hides.
 *
 * @param rows the rows, top to bottom
 * @param changes how many rows differ (changed, removed or added)
 */
record SideBySide(List<Row> rows, int changes) {

    /** Words, runs of spaces and single other characters: "0.90" changing to "0.95" marks only "90" and "95". */
    private static final Pattern TOKEN = Pattern.compile("\\w+|\\s+|[^\\w\\s]");

    enum Kind {
        SAME, CHANGED, REMOVED, ADDED,
        /** Unchanged lines left out; {@link Row#folded()} says how many. */
        FOLDED
    }

    /**
     * One row: the line before (number and text, both null when the row has no line on that side) and after.
     *
     * @param folded how many unchanged lines a FOLDED row stands for (0 otherwise)
     */
    record Row(Kind kind, Integer beforeNumber, List<Segment> before, Integer afterNumber, List<Segment> after,
            int folded) {
    }

    /** A piece of a line's text; {@code changed} marks what differs from the line on the other side. */
    record Segment(String text, boolean changed) {
    }

    /** Whole texts, numbered from line 1, unchanged runs longer than {@code context} lines around changes folded. */
    static SideBySide of(String before, String after, int context) {
        return of(lines(before), 1, lines(after), 1, context);
    }

    /**
     * Lines numbered from the given first numbers (a part of a file: one rule); a negative {@code context} folds
     * nothing.
     */
    static SideBySide of(List<String> before, int firstBefore, List<String> after, int firstAfter, int context) {
        List<Row> rows = new ArrayList<>();
        int i = 0;
        int j = 0;
        int changes = 0;
        for (AbstractDelta<String> delta : DiffUtils.diff(before, after).getDeltas()) {
            int sourceStart = delta.getSource().getPosition();
            while (i < sourceStart) {
                rows.add(same(firstBefore + i, before.get(i++), firstAfter + j++));
            }
            List<String> removed = delta.getSource().getLines();
            List<String> added = delta.getTarget().getLines();
            for (int k = 0; k < Math.max(removed.size(), added.size()); k++) {
                changes++;
                if (k < removed.size() && k < added.size()) {
                    List<List<Segment>> words = words(removed.get(k), added.get(k));
                    rows.add(new Row(Kind.CHANGED, firstBefore + i + k, words.get(0), firstAfter + j + k,
                            words.get(1), 0));
                } else if (k < removed.size()) {
                    rows.add(new Row(Kind.REMOVED, firstBefore + i + k, plain(removed.get(k)), null, null, 0));
                } else {
                    rows.add(new Row(Kind.ADDED, null, null, firstAfter + j + k, plain(added.get(k)), 0));
                }
            }
            i += removed.size();
            j += added.size();
        }
        while (i < before.size()) {
            rows.add(same(firstBefore + i, before.get(i++), firstAfter + j++));
        }
        return new SideBySide(context < 0 ? rows : folded(rows, context), changes);
    }

    /** The lines of a text as an editor numbers them (a last line break starts no line of its own). */
    static List<String> lines(String text) {
        return text == null ? List.of() : text.lines().toList();
    }

    private static Row same(int beforeNumber, String line, int afterNumber) {
        return new Row(Kind.SAME, beforeNumber, plain(line), afterNumber, plain(line), 0);
    }

    private static List<Segment> plain(String line) {
        return List.of(new Segment(line, false));
    }

    /** Keeps {@code context} unchanged rows before and after each change and folds the rest of each unchanged run. */
    private static List<Row> folded(List<Row> rows, int context) {
        List<Row> kept = new ArrayList<>();
        int start = 0;
        while (start < rows.size()) {
            if (rows.get(start).kind() != Kind.SAME) {
                kept.add(rows.get(start++));
                continue;
            }
            int end = start;
            while (end < rows.size() && rows.get(end).kind() == Kind.SAME) {
                end++;
            }
            int keepHead = start == 0 ? 0 : context;
            int keepTail = end == rows.size() ? 0 : context;
            if (end - start > keepHead + keepTail + 1) {
                kept.addAll(rows.subList(start, start + keepHead));
                Row first = rows.get(start + keepHead);
                kept.add(new Row(Kind.FOLDED, first.beforeNumber(), null, first.afterNumber(), null,
                        end - start - keepHead - keepTail));
                kept.addAll(rows.subList(end - keepTail, end));
            } else {
                kept.addAll(rows.subList(start, end));
            }
            start = end;
        }
        return kept;
    }

    /** The two lines cut into words, the words that differ marked (a word diff of the two lines). */
    private static List<List<Segment>> words(String before, String after) {
        List<String> a = tokens(before);
        List<String> b = tokens(after);
        boolean[] changedA = new boolean[a.size()];
        boolean[] changedB = new boolean[b.size()];
        for (AbstractDelta<String> delta : DiffUtils.diff(a, b).getDeltas()) {
            for (int k = 0; k < delta.getSource().size(); k++) {
                changedA[delta.getSource().getPosition() + k] = true;
            }
            for (int k = 0; k < delta.getTarget().size(); k++) {
                changedB[delta.getTarget().getPosition() + k] = true;
            }
        }
        return List.of(segments(a, changedA), segments(b, changedB));
    }

    private static List<String> tokens(String line) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(line);
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        return tokens;
    }

    /** Neighbouring tokens with the same mark joined into one segment. */
    private static List<Segment> segments(List<String> tokens, boolean[] changed) {
        List<Segment> segments = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int k = 0; k < tokens.size(); k++) {
            if (k > 0 && changed[k] != changed[k - 1]) {
                segments.add(new Segment(text.toString(), changed[k - 1]));
                text.setLength(0);
            }
            text.append(tokens.get(k));
        }
        if (!tokens.isEmpty()) {
            segments.add(new Segment(text.toString(), changed[tokens.size() - 1]));
        }
        return segments;
    }
}
