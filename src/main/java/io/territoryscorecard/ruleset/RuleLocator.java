package io.territoryscorecard.ruleset;

import io.territoryscorecard.ruleset.RuleSandbox.ClassInfo;
import io.territoryscorecard.ruleset.RuleSandbox.Violation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

/**
 * Turns a sandbox violation found in a generated class back into the place a rule author can fix: the rule (or DRL
 * function) it came from, its file and the line that names what was used. Rules are linked to generated classes
 * through what their rule-definition methods reference (lambda classes are shared between rules with the same
 * expression, so one class can belong to several rules).
 */
final class RuleLocator {

    private final Map<String, String> files;
    private final Map<String, Place> rules = new HashMap<>();
    private final Map<String, Place> functions = new HashMap<>();
    private final List<RuleProblem> problems = new ArrayList<>();

    private record Place(String file, int line, int endLine) {
    }

    RuleLocator(Map<String, String> drlFiles) {
        this.files = drlFiles;
        drlFiles.forEach((file, text) -> {
            DrlParser parser = new DrlParser();
            try {
                PackageDescr descr = parser.parse(false, text);
                if (descr == null) {
                    return;
                }
                if (!"scorecard".equals(descr.getName())) {
                    problems.add(new RuleProblem(file, 1, 1, "the file declares package '" + descr.getName()
                            + "'; every rule file must start with 'package scorecard;'"));
                }
                for (RuleDescr rule : descr.getRules()) {
                    rules.put(rule.getName(), new Place(file, rule.getLine(), Math.max(rule.getEndLine(), rule.getLine())));
                }
                for (FunctionDescr function : descr.getFunctions()) {
                    functions.put(function.getName(), new Place(file, function.getLine(),
                            Math.max(function.getEndLine(), function.getLine())));
                }
            } catch (DroolsParserException e) {
                // syntax errors are reported by the compiler itself
            }
        });
    }

    /** Problems found by reading the files alone, such as a package other than "scorecard". */
    List<RuleProblem> fileProblems() {
        return problems;
    }

    List<RuleProblem> locate(List<Violation> violations, Map<String, ClassInfo> classes) {
        Map<String, Set<String>> rulesOfClass = rulesOfClasses(classes);
        Set<RuleProblem> located = new LinkedHashSet<>();
        for (Violation violation : violations) {
            Place function = functions.get(violation.methodName());
            if (function != null) {
                located.add(problem(function, "function " + violation.methodName(), violation));
                continue;
            }
            Set<String> owners = isRuleDefinitions(violation.className())
                    ? definedIn(classes.get(violation.className()), violation.methodName())
                    : rulesOfClass.getOrDefault(violation.className(), Set.of());
            if (owners.isEmpty()) {
                located.add(new RuleProblem("(ruleset)", 0, 0, "generated class " + violation.className() + " "
                        + violation.what() + ": rules may only use the fact vocabulary"));
            }
            for (String rule : owners) {
                located.add(problem(rules.get(rule), "rule \"" + rule + "\"", violation));
            }
        }
        return List.copyOf(located);
    }

    /** The problem at the first line of the rule body that names what was used (else at the rule itself). */
    private RuleProblem problem(Place place, String who, Violation violation) {
        String message = who + " " + violation.what() + ": rules may only use the fact vocabulary and plain values "
                + "(see docs/rule-authoring.md, 'What rules may use')";
        String[] lines = files.getOrDefault(place.file(), "").split("\n", -1);
        java.util.regex.Pattern token = java.util.regex.Pattern.compile("\\b"
                + java.util.regex.Pattern.quote(token(violation.target())) + "\\b");
        // the line after the rule's name: the name itself may contain any word
        for (int line = place.line() + 1; line <= Math.min(place.endLine(), lines.length); line++) {
            java.util.regex.Matcher found = token.matcher(lines[line - 1]);
            if (found.find()) {
                return new RuleProblem(place.file(), line, found.start() + 1, message);
            }
        }
        return new RuleProblem(place.file(), place.line(), 1, message);
    }

    /** The word an author wrote for what was used: "java.lang.System.exit" -> "exit", "java.io.File" -> "File". */
    private static String token(String target) {
        String last = target.substring(target.lastIndexOf('.') + 1);
        int dollar = last.lastIndexOf('$');
        return dollar >= 0 ? last.substring(dollar + 1) : last;
    }

    /** The rules a rule-definition method builds (an inlined eval or salience runs right there). */
    private Set<String> definedIn(ClassInfo info, String method) {
        Set<String> defined = new LinkedHashSet<>();
        if (info != null) {
            for (String constant : info.constants.getOrDefault(method, Set.of())) {
                if (rules.containsKey(constant)) {
                    defined.add(constant);
                }
            }
        }
        return defined;
    }

    /** For each generated class, the rules whose definition reaches it. */
    private Map<String, Set<String>> rulesOfClasses(Map<String, ClassInfo> classes) {
        Map<String, Set<String>> result = new HashMap<>();
        classes.forEach((className, info) -> {
            if (!isRuleDefinitions(className)) {
                return;
            }
            info.constants.forEach((method, constants) -> {
                for (String rule : constants) {
                    if (!rules.containsKey(rule)) {
                        continue;
                    }
                    result.computeIfAbsent(className, c -> new LinkedHashSet<>()).add(rule);
                    Deque<String> pending = new ArrayDeque<>(info.referencedTypes.getOrDefault(method, Set.of()));
                    Set<String> seen = new HashSet<>();
                    while (!pending.isEmpty()) {
                        String type = pending.pop();
                        ClassInfo reached = classes.get(type);
                        if (reached == null || isRuleDefinitions(type) || !seen.add(type)) {
                            continue;
                        }
                        result.computeIfAbsent(type, c -> new LinkedHashSet<>()).add(rule);
                        reached.referencedTypes.values().forEach(pending::addAll);
                    }
                }
            });
        });
        return result;
    }

    /** The classes holding the rule-definition methods (shared static state, not followed as a link). */
    private static boolean isRuleDefinitions(String className) {
        String simple = className.substring(className.lastIndexOf('/') + 1);
        return simple.startsWith("Rules") || simple.startsWith("DomainClassesMetadata");
    }

    /** A problem of a rule as a whole, such as running past its budget: at the rule's line when the rule is known. */
    RuleProblem locate(String rule, String message) {
        Place place = rule == null ? null : rules.get(rule);
        return place == null ? new RuleProblem("(ruleset)", 0, 0, message)
                : new RuleProblem(place.file(), place.line(), 1, message);
    }
}
