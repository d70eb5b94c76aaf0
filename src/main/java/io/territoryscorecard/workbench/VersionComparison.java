package io.territoryscorecard.workbench;

import io.territoryscorecard.ruleset.RulesetDiff;
import io.territoryscorecard.ruleset.RulesetSource;
import io.territoryscorecard.ruleset.RulesetVersion;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

/**
 * Two ruleset versions side by side: what {@link RulesetDiff} found changed, per rule (each changed rule's text from
 * its {@code rule} line to its {@code end}, with the file's line numbers) and per file (the changed lines with a few
 * lines around them). Spreadsheets are named, not compared: their text is the Base64 of their bytes.
 */
record VersionComparison(RulesetVersion from, RulesetVersion to, List<RuleComparison> rules,
        List<FileComparison> files) {

    /** Unchanged lines shown around each change in a file. */
    private static final int CONTEXT = 3;

    /** @param lines null for a spreadsheet */
    record FileComparison(String file, String change, SideBySide lines) {

        public boolean binary() {
            return lines == null;
        }
    }

    record RuleComparison(String rule, String change, String file, SideBySide lines) {
    }

    static VersionComparison of(RulesetVersion from, RulesetSource before, RulesetVersion to, RulesetSource after,
            RulesetDiff diff) {
        List<FileComparison> files = diff.files().stream().map(file -> new FileComparison(file.file(), file.change(),
                RulesetFiles.isSpreadsheet(file.file()) ? null
                        : SideBySide.of(before.files().get(file.file()), after.files().get(file.file()), CONTEXT)))
                .toList();
        Map<String, Span> rulesBefore = spans(before);
        Map<String, Span> rulesAfter = spans(after);
        List<RuleComparison> rules = diff.rules().stream().map(rule -> {
            Span a = rulesBefore.getOrDefault(rule.rule(), Span.NONE);
            Span b = rulesAfter.getOrDefault(rule.rule(), Span.NONE);
            return new RuleComparison(rule.rule(), rule.change(), rule.file(),
                    SideBySide.of(a.lines(), a.first(), b.lines(), b.first(), -1));
        }).toList();
        return new VersionComparison(from, to, rules, files);
    }

    /** Rule name -> its lines in its file, as Drools reads the rule files. */
    private static Map<String, Span> spans(RulesetSource source) {
        Map<String, Span> spans = new HashMap<>();
        source.ruleFiles().forEach((file, text) -> {
            PackageDescr descr;
            try {
                descr = new DrlParser().parse(false, text);
            } catch (DroolsParserException e) {
                return; // a stored version always parses; without rules there is nothing to show
            }
            if (descr == null) {
                return;
            }
            List<String> lines = SideBySide.lines(text);
            for (RuleDescr rule : descr.getRules()) {
                int first = Math.max(1, rule.getLine());
                int last = Math.min(lines.size(), Math.max(rule.getEndLine(), first));
                if (first > last) {
                    continue;
                }
                spans.put(rule.getName(), new Span(first, lines.subList(first - 1, last)));
            }
        });
        return spans;
    }

    /** A rule's lines and the number of its first line. */
    private record Span(int first, List<String> lines) {

        static final Span NONE = new Span(1, List.of());
    }
}
