package io.territoryscorecard.ruleset.engine;

import io.territoryscorecard.ruleset.RuleProblem;
import java.beans.Introspector;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

/**
 * Turns what Drools and the Java compiler say about rule files into problems at the line the author wrote, in words a
 * sales-ops author can act on: a parse error becomes "a ')' is missing", an error in the Java generated from a rule's
 * actions is found back in those actions, and the lists of tokens the parsers expected are never shown.
 */
public final class AuthorsWords {

    static final String FACT_PACKAGE = "io.territoryscorecard.ruleset.fact.";
    private static final Pattern PARSER_ERROR = Pattern.compile(
            "\\[ERR \\d+] Line (\\d+):(\\d+) (mismatched input|no viable alternative at input|extraneous input|"
                    + "missing \\S+ at) '([^']*)'");
    private static final Pattern CONSEQUENCE_ERROR = Pattern.compile(
            "Unable to parse consequence caused by: \\(line (\\d+),col (\\d+)\\) Parse error\\. Found\\s+\"?([^\"]*?)\"?"
                    + "(?:\\s+<\\w+>)?, expected one of (.*)", Pattern.DOTALL);
    private static final Pattern JAVA_SOURCE = Pattern.compile("Java source of (\\S+) in error:\\s*(.*)", Pattern.DOTALL);
    private static final Pattern UNDEFINED_METHOD = Pattern.compile(
            "The method (\\w+)\\(([^)]*)\\) is undefined for the type (\\w+)");
    private static final Pattern NOT_APPLICABLE = Pattern.compile(
            "The (?:method|constructor) (\\w+)\\(([^)]*)\\)(?: in the type (\\w+))? is not applicable for the "
                    + "arguments \\(([^)]*)\\)");
    private static final Pattern NOT_RESOLVED = Pattern.compile("(\\$?\\w+) cannot be resolved");
    private static final Pattern TYPE_MISMATCH = Pattern.compile("Type mismatch: cannot convert from (\\S+) to (\\S+)");
    private static final Pattern UNKNOWN_FIELD = Pattern.compile("Unknown field (\\w+) on class ([\\w.]+)");
    private static final Pattern BOUND = Pattern.compile("(\\$\\w+)\\s*:");
    private static final Pattern QUALIFIED = Pattern.compile("\\b([A-Z]\\w*)\\.(\\w+)");
    private static final List<String> KEYWORDS = List.of("rule", "when", "then", "end", "insert", "not", "exists",
            "from", "collect", "accumulate", "ruleflow-group", "package", "import");
    private static final List<String> ACTIONS = List.of("insert", "insertLogical", "modify", "update", "delete",
            "retract");

    private final Map<String, String> files;
    private final List<RuleText> rules = new ArrayList<>();

    /** A rule as its file has it: where it starts and ends, and where its actions (then) start. */
    record RuleText(String file, String name, int line, int endLine, int thenLine, List<String> bound, String group,
            int groupLine) {
    }

    public AuthorsWords(Map<String, String> drlFiles) {
        this.files = drlFiles;
        drlFiles.forEach((file, text) -> {
            try {
                PackageDescr descr = new DrlParser().parse(false, text);
                if (descr == null) {
                    return;
                }
                String[] lines = text.split("\n", -1);
                for (RuleDescr rule : descr.getRules()) {
                    int end = Math.max(rule.getEndLine(), rule.getLine());
                    int then = thenLine(lines, rule.getLine(), end);
                    List<String> bound = new ArrayList<>();
                    for (int i = rule.getLine(); i < Math.min(then > 0 ? then : end, lines.length + 1); i++) {
                        Matcher matcher = BOUND.matcher(withoutComment(lines[i - 1]));
                        while (matcher.find()) {
                            bound.add(matcher.group(1));
                        }
                    }
                    AttributeDescr group = rule.getAttributes().get("ruleflow-group");
                    rules.add(new RuleText(file, rule.getName(), rule.getLine(), end, then, bound,
                            group == null ? null : group.getValue(), group == null ? 0 : group.getLine()));
                }
            } catch (DroolsParserException e) {
                // the compiler reports the syntax error itself; its message is translated below
            }
        });
    }

    /** The problems of one build in the author's words, each at a file, line and column of the rule files. */
    public List<RuleProblem> translate(List<BuildMessage> messages) {
        Map<String, String> generated = new LinkedHashMap<>();
        for (BuildMessage message : messages) {
            Matcher source = JAVA_SOURCE.matcher(message.text());
            if (source.find()) {
                generated.put(source.group(1), source.group(2));
            }
        }
        List<RuleProblem> problems = new ArrayList<>();
        Set<String> structurallyBroken = new LinkedHashSet<>();
        for (BuildMessage message : messages) {
            String text = message.text().strip();
            if (JAVA_SOURCE.matcher(text).find() || text.startsWith("Parser returned a null Package")) {
                continue;
            }
            String file = message.file();
            if (file != null && files.containsKey(file)) {
                if (PARSER_ERROR.matcher(text).find()) {
                    if (structurallyBroken.add(file)) {
                        List<RuleProblem> structural = structure(file);
                        if (!structural.isEmpty()) {
                            problems.addAll(structural);
                            continue;
                        }
                        structurallyBroken.remove(file);
                    } else {
                        continue;
                    }
                }
                problems.add(inDrl(file, message.line(), message.column(), text));
            } else if (file != null && file.endsWith(".java")) {
                problems.add(inGeneratedJava(message, generated.get(message.path())));
            } else {
                problems.add(new RuleProblem(file == null ? "(ruleset)" : file, Math.max(message.line(), 0),
                        Math.max(message.column(), 0), text));
            }
        }
        return dedupe(problems);
    }

    /** What Drools says in a message, where it says it: the rule file (or generated file) and its position. */
    public record BuildMessage(String path, String file, int line, int column, String text) {
    }

    private static final Pattern PATTERN_TYPE = Pattern.compile("\\b([A-Z][A-Za-z0-9]*)\\s*\\(");
    private static final Pattern TEXT_COMPARISON = Pattern.compile(
            "\\b([a-z]\\w*)\\s*(<=|>=|<|>|==|!=)\\s*(\"[^\"]*\")");

    /**
     * Why Drools could not build the rules at all (it then throws instead of reporting): a condition that compares a
     * number with a text is the mistake known to do it.
     */
    public List<RuleProblem> whyTheBuildFailed() {
        List<RuleProblem> found = new ArrayList<>();
        files.forEach((file, text) -> {
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = withoutComment(lines[i]);
                Matcher comparison = TEXT_COMPARISON.matcher(line);
                while (comparison.find()) {
                    String type = typeBefore(line, comparison.start());
                    Class<?> fact = type == null ? null : factClass(type);
                    Class<?> field = fact == null ? null : getterType(fact, comparison.group(1));
                    if (field != null && (Number.class.isAssignableFrom(field) || field.isPrimitive())) {
                        found.add(new RuleProblem(file, i + 1, comparison.start(3) + 1, comparison.group(1) + " of "
                                + type + " is a number: compare it with a number (such as 0.90) or a bound value, not "
                                + "with the text " + comparison.group(3)));
                    }
                }
            }
        });
        return found;
    }

    private static String typeBefore(String line, int column) {
        String type = null;
        Matcher matcher = PATTERN_TYPE.matcher(line);
        while (matcher.find() && matcher.start() < column) {
            type = matcher.group(1);
        }
        return type;
    }

    private static Class<?> getterType(Class<?> type, String field) {
        String capitalised = Character.toUpperCase(field.charAt(0)) + field.substring(1);
        for (String name : List.of("get" + capitalised, "is" + capitalised)) {
            try {
                return type.getMethod(name).getReturnType();
            } catch (NoSuchMethodException e) {
                // try the next form
            }
        }
        return null;
    }

    private static final Pattern RULE_ID = Pattern.compile("[A-Z][A-Z0-9_-]*[0-9][A-Z0-9_-]*");

    /** Rules that compile but cannot work as meant: no id in the name, a phase that does not exist. */
    public List<RuleProblem> warnings() {
        List<RuleProblem> found = new ArrayList<>();
        for (RuleText rule : rules) {
            String first = rule.name().split(" ", 2)[0];
            if (!RULE_ID.matcher(first).matches()) {
                found.add(new RuleProblem(rule.file(), rule.line(), 1, "rule \"" + rule.name() + "\" has no id: start "
                        + "its name with one, such as \"FLG-05 " + rule.name() + "\"; explanations and scenarios name "
                        + "rules by their id"));
            }
            if (rule.group() != null && !WorkerRuleset.PHASES.contains(rule.group())) {
                String close = closest(rule.group(), WorkerRuleset.PHASES, 3);
                found.add(new RuleProblem(rule.file(), rule.groupLine() > 0 ? rule.groupLine() : rule.line(), 1,
                        "ruleflow-group \"" + rule.group() + "\" is not a phase, so this rule never runs"
                        + (close == null ? "" : ": did you mean \"" + close + "\"?") + " Phases, in order: "
                        + String.join(", ", WorkerRuleset.PHASES)));
            }
        }
        return found;
    }

    private static final Pattern JAVA_EXCEPTION = Pattern.compile(
            "^(?:.*?Exception executing consequence for rule \"[^\"]*\" in \\w+: )?(?:[\\w.]+(?:Exception|Error): )?");
    private static final Pattern QUOTED = Pattern.compile("'([^']+)'");

    /**
     * A rule that failed in the settings phase of a validation: the line of the rule that holds the value the failure
     * names (else the rule's first line), and the failure without the Java around it.
     */
    public RuleProblem ruleFailed(String ruleName, String message) {
        String words = JAVA_EXCEPTION.matcher(message).replaceFirst("");
        RuleText rule = rules.stream().filter(r -> r.name().equals(ruleName)).findFirst().orElse(null);
        if (rule == null) {
            return new RuleProblem("(ruleset)", 0, 0, words);
        }
        Matcher quoted = QUOTED.matcher(words);
        if (quoted.find()) {
            String[] lines = files.get(rule.file()).split("\n", -1);
            for (int i = rule.line(); i <= Math.min(rule.endLine(), lines.length); i++) {
                int at = withoutComment(lines[i - 1]).indexOf("\"" + quoted.group(1) + "\"");
                if (at >= 0) {
                    return new RuleProblem(rule.file(), i, at + 1, "the settings phase failed: " + words);
                }
            }
        }
        return new RuleProblem(rule.file(), rule.line(), 1, "the settings phase failed: " + words);
    }

    // ---- the structure of a file: quotes, parentheses, when/then/end ----

    /** What is wrong with a file's shape, found from its text alone: clearer than the parser's first complaint. */
    List<RuleProblem> structure(String file) {
        List<RuleProblem> found = new ArrayList<>();
        String[] lines = files.get(file).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = withoutComment(lines[i]);
            int quotes = 0;
            int lastQuote = -1;
            for (int c = 0; c < line.length(); c++) {
                if (line.charAt(c) == '"' && (c == 0 || line.charAt(c - 1) != '\\')) {
                    quotes++;
                    lastQuote = c;
                }
            }
            if (quotes % 2 == 1) {
                found.add(new RuleProblem(file, i + 1, lastQuote + 1, "a text in quotes is not closed on this line: "
                        + "add the closing quote (\")"));
                return found;
            }
        }
        int depth = 0;
        int openLine = 0;
        int openColumn = 0;
        int ruleLine = 0;
        boolean when = false;
        boolean then = false;
        for (int i = 0; i < lines.length; i++) {
            String line = withoutComment(lines[i]);
            String word = line.strip();
            if (word.startsWith("rule ") || word.startsWith("rule\"")) {
                if (ruleLine > 0) {
                    found.add(new RuleProblem(file, ruleLine, 1, "the rule that starts here has no 'end': add a line "
                            + "'end' after its actions, before the next rule"));
                    return found;
                }
                ruleLine = i + 1;
                when = false;
                then = false;
                continue;
            }
            if (ruleLine == 0) {
                continue;
            }
            if (word.equals("when")) {
                when = true;
                continue;
            }
            if (word.equals("then")) {
                if (depth > 0) {
                    found.add(new RuleProblem(file, openLine, openColumn, "this '(' is not closed: add the ')' that "
                            + "closes it before 'then'"));
                    return found;
                }
                then = true;
                continue;
            }
            if (when && !then && depth == 0 && word.endsWith(";")) {
                found.add(new RuleProblem(file, i + 1, 1, "this looks like an action, but the rule has no 'then' "
                        + "before it: add a line 'then' between the conditions and the actions"));
                return found;
            }
            if (word.equals("end")) {
                if (depth > 0) {
                    found.add(new RuleProblem(file, openLine, openColumn, "this '(' is not closed: add the ')' that "
                            + "closes it before 'end'"));
                    return found;
                }
                if (when && !then) {
                    found.add(new RuleProblem(file, ruleLine, 1, "the rule that starts here has no 'then': add a line "
                            + "'then' between its conditions and its actions"));
                    return found;
                }
                ruleLine = 0;
                continue;
            }
            boolean inText = false;
            for (int c = 0; c < line.length(); c++) {
                char ch = line.charAt(c);
                if (ch == '"') {
                    inText = !inText;
                } else if (!inText && ch == '(') {
                    if (depth++ == 0) {
                        openLine = i + 1;
                        openColumn = c + 1;
                    }
                } else if (!inText && ch == ')') {
                    if (depth-- == 0) {
                        found.add(new RuleProblem(file, i + 1, c + 1, "this ')' closes nothing: remove it or add the "
                                + "'(' it closes"));
                        return found;
                    }
                }
            }
        }
        if (ruleLine > 0) {
            found.add(new RuleProblem(file, ruleLine, 1, depth > 0 && then
                    ? "the rule that starts here does not end: a '(' at line " + openLine + " is not closed and "
                    + "there is no 'end'"
                    : "the rule that starts here has no 'end': add a line 'end' after its actions"));
        }
        return found;
    }

    // ---- messages about a rule file ----

    private RuleProblem inDrl(String file, int line, int column, String text) {
        Matcher parser = PARSER_ERROR.matcher(text);
        if (parser.find()) {
            int at = Integer.parseInt(parser.group(1));
            int col = Integer.parseInt(parser.group(2)) + 1;
            String input = parser.group(4);
            if (input.equals("=")) {
                return new RuleProblem(file, at, col, "a condition compares with '==', not '=': write == here");
            }
            if (input.equals("<eof>") || input.isEmpty()) {
                RuleText rule = ruleAround(file, at);
                return new RuleProblem(file, rule == null ? at : rule.line(), 1, "the file ends inside a rule: add a "
                        + "line 'end' after the rule's actions");
            }
            String keyword = closest(input, KEYWORDS, 2);
            if (keyword != null && !keyword.equals(input)) {
                return new RuleProblem(file, at, col, "'" + input + "' is not a word rules know here: did you mean '"
                        + keyword + "'?");
            }
            return new RuleProblem(file, at, col, "'" + input + "' is not expected here: check this line and the "
                    + "one before it for a missing or extra word, comma, quote or parenthesis");
        }
        Matcher consequence = CONSEQUENCE_ERROR.matcher(text);
        if (consequence.find()) {
            RuleText rule = ruleAt(file, line);
            int actionLine = (rule == null || rule.thenLine() <= 0 ? line : rule.thenLine())
                    + Integer.parseInt(consequence.group(1)) - 1;
            int col = Integer.parseInt(consequence.group(2));
            String found = consequence.group(3).strip();
            String expected = consequence.group(4);
            String words;
            if (found.equals(";") && expected.contains("\")\"")) {
                words = "a ')' is missing before the ';' at the end of this action: count the parentheses";
            } else if (expected.contains("\";\"")) {
                words = "a ';' is missing at the end of this action (found '" + found + "' after it)";
            } else if (expected.contains("\")\"")) {
                words = "a ')' is missing here: count the parentheses";
            } else {
                words = "the actions cannot be read here (found '" + found + "'): check this line for a missing or "
                        + "extra word, quote or parenthesis";
            }
            return new RuleProblem(file, actionLine, Math.max(col, 1), words);
        }
        Matcher unknownField = UNKNOWN_FIELD.matcher(text);
        if (unknownField.find()) {
            String type = unknownField.group(2).substring(unknownField.group(2).lastIndexOf('.') + 1);
            String value = unknownField.group(1);
            Class<?> enumType = factClass(type);
            String[] lines = files.get(file).split("\n", -1);
            Pattern written = Pattern.compile("\\b" + Pattern.quote(type + "." + value) + "\\b");
            for (int i = 0; i < lines.length; i++) {
                Matcher at = written.matcher(withoutComment(lines[i]));
                if (at.find()) {
                    return new RuleProblem(file, i + 1, at.start() + type.length() + 2, enumType != null
                            && enumType.isEnum() ? type + " has no value " + value + ": it has " + String.join(", ",
                            Arrays.stream(enumType.getEnumConstants()).map(String::valueOf).toList())
                            : type + " has no " + value);
                }
            }
        }
        if (text.startsWith("Duplicate rule name: ")) {
            String name = text.substring("Duplicate rule name: ".length()).strip();
            List<RuleText> same = rules.stream().filter(rule -> rule.name().equals(name)).toList();
            if (same.size() > 1) {
                RuleText first = same.get(0);
                RuleText last = same.get(same.size() - 1);
                return new RuleProblem(last.file(), last.line(), 1, "the rule name \"" + name + "\" is already used "
                        + "in " + first.file() + " line " + first.line() + ": every rule needs a name of its own");
            }
            return new RuleProblem(file, Math.max(line, 1), 1, "the rule name \"" + name + "\" is used twice: every "
                    + "rule needs a name of its own");
        }
        return new RuleProblem(file, Math.max(line, 0), Math.max(column, 0), text);
    }

    // ---- messages about the Java generated from a rule's actions ----

    private RuleProblem inGeneratedJava(BuildMessage message, String source) {
        String text = message.text().strip();
        String token = tokenAt(source, message.line(), message.column());
        String words = text;
        Matcher undefined = UNDEFINED_METHOD.matcher(text);
        Matcher notApplicable = NOT_APPLICABLE.matcher(text);
        Matcher notResolved = NOT_RESOLVED.matcher(text);
        Matcher mismatch = TYPE_MISMATCH.matcher(text);
        boolean typeMismatch = false;
        if (undefined.find()) {
            token = undefined.group(1);
            String type = undefined.group(3);
            if (type.startsWith("LambdaConsequence")) {
                String action = closest(token, ACTIONS);
                words = "'" + token + "' is not an action rules can take" + (action == null ? ""
                        : ": did you mean '" + action + "'?") + " Actions: " + String.join(", ", ACTIONS);
            } else {
                words = type + " has no " + token + "(" + undefined.group(2) + ")" + suggestion(type, token);
            }
        } else if (notApplicable.find()) {
            token = notApplicable.group(1);
            String owner = notApplicable.group(3) == null ? token : notApplicable.group(3) + "." + token;
            List<String> needed = arguments(notApplicable.group(2));
            List<String> given = arguments(notApplicable.group(4));
            words = owner + " needs " + needed.size() + " value(s) (" + String.join(", ", needed) + ") but is given "
                    + given.size() + " (" + String.join(", ", given) + ")";
        } else if (notResolved.find()) {
            token = notResolved.group(1);
            words = null;
        } else if (mismatch.find()) {
            typeMismatch = true;
            words = "this gives " + article(simple(mismatch.group(1))) + " where " + article(simple(mismatch.group(2)))
                    + " is needed";
        }
        Place place = token == null ? null : findInActions(token, source);
        // a mismatch has no word of its own to look for: the generated line it was found in tells the action
        if (place == null || typeMismatch) {
            Place line = lineOfGenerated(source, message.line());
            place = line != null ? line : place;
        }
        if (words == null) {
            words = unresolved(token, place);
        }
        if (place == null) {
            RuleText rule = ruleOfSource(source);
            return rule == null ? new RuleProblem("(ruleset)", 0, 0, words)
                    : new RuleProblem(rule.file(), rule.thenLine() > 0 ? rule.thenLine() : rule.line(), 1, words);
        }
        return new RuleProblem(place.rule().file(), place.line(), place.column(), words);
    }

    private record Place(RuleText rule, int line, int column) {
    }

    private String unresolved(String token, Place place) {
        if (token == null) {
            return "the actions of this rule cannot be compiled";
        }
        if (token.startsWith("$")) {
            List<String> bound = place == null ? List.of() : place.rule().bound();
            return token + " is not bound in this rule's conditions" + (bound.isEmpty() ? ""
                    : ": bound are " + String.join(", ", bound));
        }
        if (place != null) {
            String line = files.get(place.rule().file()).split("\n", -1)[place.line() - 1];
            Matcher qualified = QUALIFIED.matcher(line);
            while (qualified.find()) {
                if (qualified.group(2).equals(token)) {
                    Class<?> type = factClass(qualified.group(1));
                    if (type != null && type.isEnum()) {
                        return qualified.group(1) + " has no value " + token + ": it has "
                                + String.join(", ", Arrays.stream(type.getEnumConstants()).map(String::valueOf)
                                .toList());
                    }
                    if (type != null) {
                        return qualified.group(1) + " has no " + token + suggestion(qualified.group(1), token);
                    }
                }
            }
        }
        return "'" + token + "' is not known here: it is neither a fact, a value bound in the conditions, nor part "
                + "of the fact vocabulary";
    }

    /** The first place, in the actions of the rule the generated source came from, where the token is written. */
    private Place findInActions(String token, String source) {
        RuleText preferred = ruleOfSource(source);
        List<RuleText> candidates = new ArrayList<>();
        if (preferred != null) {
            candidates.add(preferred);
        }
        candidates.addAll(rules);
        Pattern word = Pattern.compile("(?<![\\w$])" + Pattern.quote(token) + "(?![\\w$])");
        for (RuleText rule : candidates) {
            if (rule.thenLine() <= 0) {
                continue;
            }
            String[] lines = files.get(rule.file()).split("\n", -1);
            for (int i = rule.thenLine(); i < Math.min(rule.endLine(), lines.length + 1); i++) {
                Matcher matcher = word.matcher(withoutComment(lines[i - 1]));
                if (matcher.find()) {
                    return new Place(rule, i, matcher.start() + 1);
                }
            }
        }
        return null;
    }

    /** The line of a rule's actions that a line of the generated source was made from: the one sharing most words. */
    private Place lineOfGenerated(String source, int line) {
        if (source == null || line <= 0) {
            return null;
        }
        String[] generatedLines = source.split("\n", -1);
        if (line > generatedLines.length) {
            return null;
        }
        Set<String> generatedWords = new java.util.HashSet<>(Arrays.asList(generatedLines[line - 1]
                .split("[^\\w$]+")));
        RuleText rule = ruleOfSource(source);
        if (rule == null || rule.thenLine() <= 0) {
            return null;
        }
        String[] lines = files.get(rule.file()).split("\n", -1);
        Place best = null;
        int bestScore = 0;
        for (int i = rule.thenLine() + 1; i < Math.min(rule.endLine(), lines.length + 1); i++) {
            String text = withoutComment(lines[i - 1]);
            int score = 0;
            for (String part : text.split("[^\\w$]+")) {
                if (part.length() > 1 && generatedWords.contains(part)) {
                    score += part.length();
                }
            }
            if (score > bestScore) {
                bestScore = score;
                best = new Place(rule, i, text.length() - text.stripLeading().length() + 1);
            }
        }
        return best;
    }

    /** The rule whose actions the generated source holds: the one sharing the most words with it. */
    private RuleText ruleOfSource(String source) {
        if (source == null) {
            return null;
        }
        RuleText best = null;
        int bestScore = 0;
        for (RuleText rule : rules) {
            if (rule.thenLine() <= 0) {
                continue;
            }
            String[] lines = files.get(rule.file()).split("\n", -1);
            int score = 0;
            for (int i = rule.thenLine() + 1; i < Math.min(rule.endLine(), lines.length + 1); i++) {
                String line = withoutComment(lines[i - 1]).strip();
                if (line.length() > 3 && source.contains(line.replace("insert(", ""))) {
                    score += line.length();
                }
                for (String part : line.split("[^\\w$\"]+")) {
                    if (part.length() > 3 && source.contains(part)) {
                        score++;
                    }
                }
            }
            if (score > bestScore) {
                bestScore = score;
                best = rule;
            }
        }
        return best;
    }

    private static String tokenAt(String source, int line, int column) {
        if (source == null || line <= 0) {
            return null;
        }
        String[] lines = source.split("\n", -1);
        if (line > lines.length) {
            return null;
        }
        String text = lines[line - 1];
        int at = Math.min(Math.max(column - 1, 0), text.length());
        int start = at;
        while (start > 0 && isWordChar(text.charAt(start - 1))) {
            start--;
        }
        int end = at;
        while (end < text.length() && isWordChar(text.charAt(end))) {
            end++;
        }
        return end > start ? text.substring(start, end) : null;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    // ---- what a fact or helper offers ----

    private static String suggestion(String type, String token) {
        Class<?> fact = factClass(type);
        if (fact == null) {
            return "";
        }
        Set<String> members = new TreeSet<>();
        boolean helper = Arrays.stream(fact.getDeclaredConstructors()).noneMatch(c -> Modifier.isPublic(c.getModifiers()))
                && Arrays.stream(fact.getMethods()).anyMatch(m -> Modifier.isStatic(m.getModifiers())
                && m.getDeclaringClass() == fact);
        for (Method method : fact.getMethods()) {
            if (method.getDeclaringClass() == Object.class || method.getName().equals("getClass")
                    || method.getName().startsWith("lambda$")) {
                continue;
            }
            if (helper ? Modifier.isStatic(method.getModifiers()) : !Modifier.isStatic(method.getModifiers())) {
                members.add(method.getName());
            }
        }
        String close = closest(token, List.copyOf(members));
        return (close == null ? "" : ": did you mean " + close + "?") + " " + type + " has: "
                + String.join(", ", members);
    }

    public static Class<?> factClass(String simpleName) {
        try {
            return Class.forName(FACT_PACKAGE + simpleName);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** The properties rules can use on a fact type: its getters. */
    public static Set<String> fieldsOf(String simpleName) {
        Class<?> type = factClass(simpleName);
        Set<String> fields = new TreeSet<>();
        if (type == null) {
            return fields;
        }
        for (Method method : type.getMethods()) {
            if (method.getParameterCount() == 0 && !Modifier.isStatic(method.getModifiers())
                    && method.getDeclaringClass() != Object.class && !method.getName().equals("getClass")) {
                String name = method.getName();
                if (name.startsWith("get") && name.length() > 3) {
                    fields.add(Introspector.decapitalize(name.substring(3)));
                } else if (name.startsWith("is") && name.length() > 2) {
                    fields.add(Introspector.decapitalize(name.substring(2)));
                }
            }
        }
        return fields;
    }

    // ---- small text helpers ----

    private RuleText ruleAt(String file, int line) {
        return rules.stream().filter(rule -> rule.file().equals(file) && rule.line() == line).findFirst()
                .orElseGet(() -> ruleAround(file, line));
    }

    private RuleText ruleAround(String file, int line) {
        RuleText found = null;
        for (RuleText rule : rules) {
            if (rule.file().equals(file) && rule.line() <= line) {
                found = rule;
            }
        }
        if (found == null) {
            // the parser did not get as far as the rule: find its first line in the text
            String[] lines = files.get(file).split("\n", -1);
            for (int i = Math.min(line, lines.length) - 1; i >= 0; i--) {
                if (lines[i].strip().startsWith("rule ")) {
                    return new RuleText(file, lines[i].strip(), i + 1, line, 0, List.of(), null, 0);
                }
            }
        }
        return found;
    }

    private static int thenLine(String[] lines, int from, int to) {
        for (int i = from; i <= Math.min(to, lines.length); i++) {
            if (withoutComment(lines[i - 1]).strip().equals("then")) {
                return i;
            }
        }
        return 0;
    }

    static String withoutComment(String line) {
        int comment = line.indexOf("//");
        return comment >= 0 && line.lastIndexOf('"', comment) < 0 ? line.substring(0, comment) : line;
    }

    /** The word nearest to a misspelt one, when it is near enough to be a typo. */
    static String closest(String word, List<String> words) {
        return closest(word, words, Math.max(1, Math.min(2, word.length() / 3)));
    }

    /** The word nearest to a misspelt one, when at most this many letters differ. */
    public static String closest(String word, List<String> words, int maxDistance) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : words) {
            int distance = distance(word.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        return bestDistance <= maxDistance ? best : null;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static List<String> arguments(String list) {
        return list.isBlank() ? List.of() : Arrays.stream(list.split(",")).map(String::strip).map(AuthorsWords::simple)
                .toList();
    }

    private static String simple(String type) {
        return switch (type.substring(type.lastIndexOf('.') + 1)) {
            case "BigDecimal", "int", "Integer", "long", "Long", "double", "Double" -> "number";
            case "String" -> "text";
            case "boolean", "Boolean" -> "yes/no value";
            default -> type.substring(type.lastIndexOf('.') + 1);
        };
    }

    private static String article(String noun) {
        return ("aeiou".indexOf(Character.toLowerCase(noun.charAt(0))) >= 0 ? "an " : "a ") + noun;
    }

    private static List<RuleProblem> dedupe(List<RuleProblem> problems) {
        return List.copyOf(new LinkedHashSet<>(problems));
    }
}
