package io.territoryscorecard.ruleset.engine;

import io.territoryscorecard.ruleset.RuleProblem;

import io.territoryscorecard.ruleset.sandbox.GeneratedClassCheck.ClassInfo;
import io.territoryscorecard.ruleset.sandbox.GeneratedClassCheck.Violation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.drools.drl.ast.descr.AbstractClassTypeDeclarationDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.GlobalDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.QualifiedName;
import org.drools.drl.ast.descr.QueryDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.ast.descr.TypeDeclarationDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

/**
 * Turns a sandbox violation found in a generated class back into the place a rule author can fix: the rule (or DRL
 * function) it came from, its file and the line that names what was used. Rules are linked to generated classes
 * through what their rule-definition methods reference (lambda classes are shared between rules with the same
 * expression, so one class can belong to several rules). What no rule's classes explain (a global, a declared type,
 * a query) is found at the first declaration that names what was used.
 */
public final class RuleLocator {

    private final Map<String, String> files;
    private final Map<String, Place> rules = new HashMap<>();
    private final Map<String, Place> functions = new HashMap<>();
    /** Globals, declared types, queries, rules and functions in file order: where unlinked violations are sought. */
    private final List<Declaration> declarations = new ArrayList<>();
    private final List<RuleProblem> problems = new ArrayList<>();

    private record Place(String file, int line, int endLine) {
    }

    private record Declaration(String who, Place place) {
    }

    public RuleLocator(Map<String, String> drlFiles) {
        this.files = drlFiles;
        Set<String> declaredTypes = new HashSet<>();
        Map<AbstractClassTypeDeclarationDescr, Place> extending = new java.util.LinkedHashMap<>();
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
                List<Declaration> declared = new ArrayList<>();
                for (GlobalDescr global : descr.getGlobals()) {
                    declared.add(new Declaration("global " + global.getIdentifier(), place(file, global)));
                }
                for (AbstractClassTypeDeclarationDescr type : descr.getClassAndEnumDeclarationDescrs()) {
                    declared.add(new Declaration("declared type " + type.getTypeName(), place(file, type)));
                    declaredTypes.add(type.getTypeName());
                    declaredTypes.add(descr.getName() + "." + type.getTypeName());
                    // an enum's super type is java.lang.Enum
                    if (type instanceof TypeDeclarationDescr && !type.getSuperTypes().isEmpty()) {
                        extending.put(type, place(file, type));
                    }
                }
                for (RuleDescr rule : descr.getRules()) {
                    rules.put(rule.getName(), place(file, rule));
                    declared.add(new Declaration((rule instanceof QueryDescr ? "query" : "rule") + " \""
                            + rule.getName() + "\"", place(file, rule)));
                }
                for (FunctionDescr function : descr.getFunctions()) {
                    functions.put(function.getName(), place(file, function));
                    declared.add(new Declaration("function " + function.getName(), place(file, function)));
                }
                declared.sort(java.util.Comparator.comparingInt(d -> d.place().line()));
                declarations.addAll(declared);
            } catch (DroolsParserException e) {
                // syntax errors are reported by the compiler itself
            }
        });
        extending.forEach((type, place) -> {
            for (QualifiedName superType : type.getSuperTypes()) {
                if (!declaredTypes.contains(superType.getFullName()) && !declaredTypes.contains(superType.getName())) {
                    problems.add(unknownSuperType(type.getTypeName(), superType.getFullName(), place));
                }
            }
        });
    }

    /**
     * Drools generates a declared type's field access (getValue, setValue) on top of its super type's, which only a
     * declared type has: any other super type fails in generated code the author never sees, so it is reported here.
     */
    private RuleProblem unknownSuperType(String type, String superType, Place place) {
        int[] found = find(place, place.line(), token(superType));
        String message = "declared type " + type + " extends " + superType + ", which is not declared in the rules: "
                + "a declared type may only extend another declared type (see docs/rule-authoring.md, 'What rules "
                + "may use')";
        return found == null ? new RuleProblem(place.file(), place.line(), 1, message)
                : new RuleProblem(place.file(), found[0], found[1], message);
    }

    private static Place place(String file, BaseDescr descr) {
        return new Place(file, descr.getLine(), Math.max(descr.getEndLine(), descr.getLine()));
    }

    /** Problems found by reading the files alone, such as a package other than "scorecard". */
    List<RuleProblem> fileProblems() {
        return problems;
    }

    List<RuleProblem> locate(List<Violation> violations, Map<String, ClassInfo> classes) {
        Map<String, Set<String>> rulesOfClass = rulesOfClasses(classes);
        Set<RuleProblem> located = new LinkedHashSet<>();
        for (Violation violation : violations) {
            Set<String> inFunctions = functionsReaching(violation, classes);
            if (!inFunctions.isEmpty()) {
                for (String function : inFunctions) {
                    located.add(problem(functions.get(function), "function " + function, violation));
                }
                continue;
            }
            Set<String> owners = isRuleDefinitions(violation.className())
                    ? definedIn(classes.get(violation.className()), violation.methodName())
                    : rulesOfClass.getOrDefault(violation.className(), Set.of());
            if (owners.isEmpty()) {
                located.add(declarationNaming(violation));
            }
            for (String rule : owners) {
                located.add(problem(rules.get(rule), "rule \"" + rule + "\"", violation));
            }
        }
        return List.copyOf(located);
    }

    /**
     * The DRL functions a violation is in: the method itself, the function that declares the local class it is in, or
     * the functions that call the synthetic method it is in (a lambda's body, an enum switch's table).
     */
    private Set<String> functionsReaching(Violation violation, Map<String, ClassInfo> classes) {
        ClassInfo info = classes.get(violation.className());
        String method = violation.methodName();
        if (info != null && info.enclosingMethod != null) {
            method = info.enclosingMethod;
        }
        Set<String> found = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(method));
        Set<String> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            String current = pending.pop();
            if (!seen.add(current)) {
                continue;
            }
            if (functions.containsKey(current)) {
                found.add(current);
            } else if (info != null && (current.startsWith("lambda$") || current.startsWith("$"))) {
                pending.addAll(info.callers.getOrDefault(current, Set.of()));
            }
        }
        return found;
    }

    /** The first declaration whose text names what was used; the ruleset as a whole when none does. */
    private RuleProblem declarationNaming(Violation violation) {
        for (Declaration declaration : declarations) {
            Place place = declaration.place();
            int[] found = find(place, place.line(), violation);
            if (found != null) {
                return new RuleProblem(place.file(), found[0], found[1], message(declaration.who(), violation));
            }
        }
        return new RuleProblem("(ruleset)", 0, 0, "generated class " + violation.className() + " "
                + violation.what() + ": rules may only use the fact vocabulary");
    }

    /** The problem at the first line of the rule body that names what was used (else at the rule itself). */
    private RuleProblem problem(Place place, String who, Violation violation) {
        // from the line after the rule's name: the name itself may contain any word
        int[] found = find(place, place.line() + 1, violation);
        return found == null ? new RuleProblem(place.file(), place.line(), 1, message(who, violation))
                : new RuleProblem(place.file(), found[0], found[1], message(who, violation));
    }

    private static String message(String who, Violation violation) {
        return who + " " + violation.what() + ": rules may only use the fact vocabulary and plain values "
                + "(see docs/rule-authoring.md, 'What rules may use')";
    }

    /** Line and column of the first whole-word use of what was used, from line {@code from} to the end of the place. */
    private int[] find(Place place, int from, Violation violation) {
        return find(place, from, token(violation.target()));
    }

    private int[] find(Place place, int from, String word) {
        String[] lines = files.getOrDefault(place.file(), "").split("\n", -1);
        java.util.regex.Pattern token = java.util.regex.Pattern.compile("\\b"
                + java.util.regex.Pattern.quote(word) + "\\b");
        for (int line = from; line <= Math.min(place.endLine(), lines.length); line++) {
            java.util.regex.Matcher found = token.matcher(lines[line - 1]);
            if (found.find()) {
                return new int[] {line, found.start() + 1};
            }
        }
        return null;
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
    public RuleProblem locate(String rule, String message) {
        Place place = rule == null ? null : rules.get(rule);
        return place == null ? new RuleProblem("(ruleset)", 0, 0, message)
                : new RuleProblem(place.file(), place.line(), 1, message);
    }
}
