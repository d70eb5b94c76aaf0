package io.territoryscorecard.ruleset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

/** What changed from one ruleset version to another: per file (with the changed lines) and per rule. */
public record RulesetDiff(long from, long to, List<FileChange> files, List<RuleChange> rules) {

    /** Files larger than this (lines x lines) are reported as changed without a line-by-line diff. */
    private static final long MAX_DIFF_CELLS = 4_000_000L;

    public record FileChange(String file, String change, List<String> lines) {
    }

    public record RuleChange(String rule, String change, String file) {
    }

    static RulesetDiff between(long from, RulesetSource a, long to, RulesetSource b) {
        List<FileChange> files = new ArrayList<>();
        TreeSet<String> paths = new TreeSet<>(a.files().keySet());
        paths.addAll(b.files().keySet());
        for (String path : paths) {
            String before = a.files().get(path);
            String after = b.files().get(path);
            if (before == null) {
                files.add(new FileChange(path, "added", prefixed("+ ", after)));
            } else if (after == null) {
                files.add(new FileChange(path, "removed", prefixed("- ", before)));
            } else if (!before.equals(after)) {
                files.add(new FileChange(path, "changed", lineDiff(before, after)));
            }
        }
        Map<String, String[]> rulesBefore = rules(a);
        Map<String, String[]> rulesAfter = rules(b);
        List<RuleChange> rules = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(rulesBefore.keySet());
        names.addAll(rulesAfter.keySet());
        for (String name : names) {
            String[] before = rulesBefore.get(name);
            String[] after = rulesAfter.get(name);
            if (before == null) {
                rules.add(new RuleChange(name, "added", after[0]));
            } else if (after == null) {
                rules.add(new RuleChange(name, "removed", before[0]));
            } else if (!before[1].equals(after[1])) {
                rules.add(new RuleChange(name, "changed", after[0]));
            } else if (!before[0].equals(after[0])) {
                rules.add(new RuleChange(name, "moved from " + before[0], after[0]));
            }
        }
        return new RulesetDiff(from, to, files, rules);
    }

    /** Rule name -> {file, text of the rule}. */
    private static Map<String, String[]> rules(RulesetSource source) {
        Map<String, String[]> rules = new TreeMap<>();
        source.ruleFiles().forEach((file, text) -> {
            try {
                PackageDescr descr = new DrlParser().parse(false, text);
                if (descr == null) {
                    return;
                }
                String[] lines = text.split("\n", -1);
                for (RuleDescr rule : descr.getRules()) {
                    int end = Math.min(lines.length, Math.max(rule.getEndLine(), rule.getLine()));
                    StringBuilder body = new StringBuilder();
                    for (int line = Math.max(1, rule.getLine()); line <= end; line++) {
                        body.append(lines[line - 1].strip()).append('\n');
                    }
                    rules.put(rule.getName(), new String[] {file, body.toString()});
                }
            } catch (DroolsParserException e) {
                // a version that does not parse was never stored: nothing to compare
            }
        });
        return rules;
    }

    private static List<String> prefixed(String prefix, String text) {
        return text.lines().map(line -> prefix + line).toList();
    }

    /** A line diff by longest common subsequence: "- " removed, "+ " added; unchanged lines are left out. */
    private static List<String> lineDiff(String before, String after) {
        String[] a = before.split("\n", -1);
        String[] b = after.split("\n", -1);
        if ((long) a.length * b.length > MAX_DIFF_CELLS) {
            return List.of("(too large to compare line by line)");
        }
        int[][] common = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                common[i][j] = a[i].equals(b[j]) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<String> lines = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                i++;
                j++;
            } else if (i < a.length && (j == b.length || common[i + 1][j] >= common[i][j + 1])) {
                lines.add("- " + (i + 1) + ": " + a[i++]);
            } else {
                lines.add("+ " + (j + 1) + ": " + b[j++]);
            }
        }
        return lines;
    }
}
