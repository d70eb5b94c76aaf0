package io.territoryscorecard.ruleset;

import io.territoryscorecard.measurement.KpiDefinition;
import io.territoryscorecard.measurement.Measurements;
import io.territoryscorecard.ruleset.fact.AttainmentBand;
import io.territoryscorecard.ruleset.fact.AttainmentCap;
import io.territoryscorecard.ruleset.fact.Band;
import io.territoryscorecard.ruleset.fact.KpiWeight;
import io.territoryscorecard.ruleset.fact.Perspective;
import io.territoryscorecard.ruleset.fact.PerspectiveWeight;
import io.territoryscorecard.ruleset.fact.ScoreBand;
import io.territoryscorecard.ruleset.fact.ScoreBreakpoint;
import java.beans.Introspector;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Checks a set of rule files without activating it: every compile and sandbox error in words a sales-ops author can
 * act on, and warnings for rules that compile but cannot work as meant.
 */
@Service
public class RulesetValidator {

    private static final String FACT_PACKAGE = "io.territoryscorecard.ruleset.fact.";
    private static final Pattern KPI_CODE = Pattern.compile(
            "\\b(?:kpi|code)\\s*==\\s*\"([^\"]*)\"|(?:new\\s+KpiWeight|\\.forKpi)\\s*\\(\\s*\"([^\"]*)\"");
    private static final Pattern PATTERN_TYPE = Pattern.compile("\\b([A-Z][A-Za-z0-9]*)\\s*\\(");
    // Drools words it "Unable to find class: Alert" or "Unable to resolve ObjectType 'Alert'"
    private static final Pattern UNKNOWN_TYPE = Pattern.compile(
            "(?:resolve ObjectType|find class|resolve class):?\\s*'?\"?([A-Za-z0-9_.]+)");

    private final RulesetCompiler compiler;
    private final Measurements measurements;

    RulesetValidator(RulesetCompiler compiler, Measurements measurements) {
        this.compiler = compiler;
        this.measurements = measurements;
    }

    public ValidationReport validate(RulesetSource source) {
        List<RuleProblem> errors = new ArrayList<>();
        List<RuleProblem> warnings = new ArrayList<>();
        int rules = 0;
        try {
            CompiledRuleset compiled = compiler.compile(source);
            rules = compiled.ruleNames().size();
            List<String> catalogue = measurements.catalogue().stream().map(KpiDefinition::code).toList();
            warnings.addAll(kpiCodeWarnings(source, catalogue));
            warnings.addAll(settingsWarnings(compiled.settings(), catalogue));
        } catch (RulesetCompilationException e) {
            e.problems().forEach(problem -> errors.add(explain(problem, source)));
        } catch (RuleFailure e) {
            // The settings phase ran (in a rule worker, within the budget) and a rule failed there.
            errors.add(new RuleLocator(source.ruleFiles()).locate(e.rule(), "the settings phase failed: "
                    + e.getMessage()));
        }
        return new ValidationReport(source.label(), source.sha256(), rules, errors, warnings);
    }

    /** Adds what the author can do about a compile error: the fields a fact has, the facts there are. */
    private RuleProblem explain(RuleProblem problem, RulesetSource source) {
        String message = problem.message();
        Matcher unknownType = UNKNOWN_TYPE.matcher(message);
        if (unknownType.find()) {
            return withMessage(problem, message + ". Facts rules can use: " + String.join(", ", factTypes()));
        }
        if (message.contains("parse left part of expression") || message.contains("Unknown property")
                || message.contains("cannot be resolved")) {
            String type = patternTypeAt(source.files().get(problem.file()), problem.line(), problem.column());
            if (type != null) {
                Set<String> fields = fieldsOf(type);
                if (!fields.isEmpty()) {
                    return withMessage(problem, message + ". " + type + " has the fields: "
                            + String.join(", ", fields));
                }
            }
        }
        return problem;
    }

    private static RuleProblem withMessage(RuleProblem problem, String message) {
        return new RuleProblem(problem.file(), problem.line(), problem.column(), message);
    }

    /** The fact type of the pattern around a position: the last "Type(" before the column, else the first. */
    private static String patternTypeAt(String text, int line, int column) {
        String[] lines = text == null ? new String[0] : text.split("\n", -1);
        if (line <= 0 || line > lines.length) {
            return null;
        }
        String type = null;
        Matcher matcher = PATTERN_TYPE.matcher(lines[line - 1]);
        while (matcher.find()) {
            if (type == null || matcher.start() < column) {
                type = matcher.group(1);
            }
        }
        return type;
    }

    /** The properties rules can use on a fact type: its getters. */
    static Set<String> fieldsOf(String simpleName) {
        try {
            Class<?> type = Class.forName(FACT_PACKAGE + simpleName);
            Set<String> fields = new TreeSet<>();
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
        } catch (ClassNotFoundException e) {
            return Set.of();
        }
    }

    private static List<String> factTypes() {
        return List.of("Kpi", "EvaluatedTerritory", "Measurement", "PreviousScore", "KpiWeight", "PerspectiveWeight",
                "AttainmentBand", "ScoreBand", "ScoreBreakpoint", "AttainmentCap", "FlagLimit", "ValidMeasurement",
                "Attainment", "KpiStatus", "KpiScore", "PerspectiveScore", "PerspectiveStatus", "TerritoryScore",
                "TerritoryStatus", "ImprovementFlag", "AlertRequest");
    }

    /** KPI codes written in the rules that the catalogue does not have: such a rule never matches. */
    private static List<RuleProblem> kpiCodeWarnings(RulesetSource source, List<String> catalogue) {
        List<RuleProblem> warnings = new ArrayList<>();
        source.ruleFiles().forEach((file, text) -> {
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = withoutComment(lines[i]);
                Matcher matcher = KPI_CODE.matcher(line);
                while (matcher.find()) {
                    String code = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
                    int column = (matcher.group(1) != null ? matcher.start(1) : matcher.start(2)) + 1;
                    if (isFlagOrAlertCode(lines[i], matcher, column)) {
                        continue;
                    }
                    if (!catalogue.contains(code)) {
                        String closest = closest(code, catalogue);
                        warnings.add(new RuleProblem(file, i + 1, column, "KPI code \"" + code + "\" is not in the "
                                + "catalogue, so this never matches" + (closest == null ? "" : " (did you mean \""
                                + closest + "\"?)") + ". KPI codes: " + String.join(", ", catalogue)));
                    }
                }
            }
        });
        return warnings;
    }

    /** {@code code == "DECLINING_TREND"} in a flag or alert pattern names a flag or alert, not a KPI. */
    private static boolean isFlagOrAlertCode(String line, Matcher matcher, int column) {
        if (matcher.group(1) == null || !matcher.group().startsWith("code")) {
            return false;
        }
        String type = patternTypeAt(line, 1, column);
        return "ImprovementFlag".equals(type) || "AlertRequest".equals(type);
    }

    private static String withoutComment(String line) {
        int comment = line.indexOf("//");
        return comment >= 0 && line.lastIndexOf('"', comment) < 0 ? line.substring(0, comment) : line;
    }

    /** The catalogue code nearest to a misspelt one, when it is near enough to be a typo. */
    private static String closest(String code, List<String> catalogue) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : catalogue) {
            int distance = distance(code.toUpperCase(java.util.Locale.ROOT), candidate);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        return bestDistance <= Math.max(2, code.length() / 3) ? best : null;
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

    /** Checks the numbers the settings rules insert: bands without gaps or overlaps, weights for every KPI. */
    private static List<RuleProblem> settingsWarnings(List<Object> settings, List<String> catalogue) {
        List<RuleProblem> warnings = new ArrayList<>();
        BigDecimal cap = settings.stream().filter(AttainmentCap.class::isInstance).map(AttainmentCap.class::cast)
                .map(AttainmentCap::getMaximum).findFirst().orElse(null);
        // A KPI's own bands and score line (kpi set) are a set of their own, checked apart from those for all KPIs.
        settings.stream().filter(AttainmentBand.class::isInstance).map(AttainmentBand.class::cast)
                .collect(Collectors.groupingBy(band -> Objects.toString(band.getKpi(), ""), TreeMap::new,
                        Collectors.toList()))
                .forEach((kpi, bands) -> warnings.addAll(bandWarnings("KPI status bands (attainment)"
                        + (kpi.isEmpty() ? "" : " of " + kpi), List.copyOf(bands), BigDecimal.ZERO, cap)));
        if (settings.stream().noneMatch(AttainmentBand.class::isInstance)) {
            warnings.addAll(bandWarnings("KPI status bands (attainment)", List.of(), BigDecimal.ZERO, cap));
        }
        warnings.addAll(bandWarnings("perspective and overall status bands (score)",
                settings.stream().filter(ScoreBand.class::isInstance).map(Band.class::cast).toList(),
                BigDecimal.ZERO, BigDecimal.valueOf(100)));
        List<ScoreBreakpoint> allPoints = settings.stream().filter(ScoreBreakpoint.class::isInstance)
                .map(ScoreBreakpoint.class::cast).sorted(Comparator.comparing(ScoreBreakpoint::getAttainment)).toList();
        if (allPoints.isEmpty()) {
            warnings.add(setting("there are no score breakpoints: no KPI gets a score"));
        }
        for (List<ScoreBreakpoint> points : allPoints.stream().collect(Collectors.groupingBy(
                point -> Objects.toString(point.getKpi(), ""), TreeMap::new, Collectors.toList())).values()) {
            warnings.addAll(breakpointWarnings(points));
        }
        Set<String> weighted = settings.stream().filter(KpiWeight.class::isInstance).map(KpiWeight.class::cast)
                .map(KpiWeight::getKpi).collect(Collectors.toSet());
        for (String kpi : catalogue) {
            if (!weighted.contains(kpi)) {
                warnings.add(setting("KPI " + kpi + " has no weight, so it is never scored"));
            }
        }
        Set<Perspective> perspectives = EnumSet.noneOf(Perspective.class);
        settings.stream().filter(PerspectiveWeight.class::isInstance).map(PerspectiveWeight.class::cast)
                .forEach(weight -> perspectives.add(weight.getPerspective()));
        for (Perspective perspective : Perspective.values()) {
            if (!perspectives.contains(perspective)) {
                warnings.add(setting("perspective " + perspective + " has no weight, so it is never scored"));
            }
        }
        return warnings;
    }

    /** One score line (all KPIs', or one KPI's own), in attainment order. */
    private static List<RuleProblem> breakpointWarnings(List<ScoreBreakpoint> points) {
        List<RuleProblem> warnings = new ArrayList<>();
        for (int i = 1; i < points.size(); i++) {
            if (points.get(i).getAttainment().compareTo(points.get(i - 1).getAttainment()) == 0) {
                warnings.add(setting("two score breakpoints at attainment " + points.get(i).getAttainment()
                        .toPlainString() + ": KPIs there get two scores and the evaluation fails"));
            } else if (points.get(i).getScore().compareTo(points.get(i - 1).getScore()) < 0) {
                warnings.add(setting("the score line falls from " + points.get(i - 1).getScore().toPlainString()
                        + " to " + points.get(i).getScore().toPlainString() + " between attainment "
                        + points.get(i - 1).getAttainment().toPlainString() + " and "
                        + points.get(i).getAttainment().toPlainString() + ": a better result scores lower"));
            }
        }
        return warnings;
    }

    private static List<RuleProblem> bandWarnings(String what, List<Band> bands, BigDecimal lowest, BigDecimal highest) {
        List<RuleProblem> warnings = new ArrayList<>();
        if (bands.isEmpty()) {
            warnings.add(setting("there are no " + what + ": nothing gets a status"));
            return warnings;
        }
        List<Band> sorted = bands.stream().sorted(Comparator.comparing(Band::getFrom,
                Comparator.nullsFirst(Comparator.naturalOrder()))).toList();
        Band first = sorted.get(0);
        if (first.getFrom() != null && first.getFrom().compareTo(lowest) > 0) {
            warnings.add(setting(what + ": values below " + first.getFrom().toPlainString() + " get no status"));
        }
        for (int i = 1; i < sorted.size(); i++) {
            Band previous = sorted.get(i - 1);
            Band next = sorted.get(i);
            if (previous.getTo() == null || next.getFrom() == null || previous.getTo().compareTo(next.getFrom()) > 0) {
                warnings.add(setting(what + ": " + previous.getStatus() + " (" + previous.describe("value") + ") and "
                        + next.getStatus() + " (" + next.describe("value") + ") overlap: a value there gets two "
                        + "statuses and the evaluation fails"));
            } else if (previous.getTo().compareTo(next.getFrom()) < 0) {
                warnings.add(setting(what + ": values from " + previous.getTo().toPlainString() + " up to "
                        + next.getFrom().toPlainString() + " get no status (gap between " + previous.getStatus()
                        + " and " + next.getStatus() + ")"));
            }
        }
        Band last = sorted.get(sorted.size() - 1);
        if (last.getTo() != null && (highest == null || last.getTo().compareTo(highest) <= 0)) {
            warnings.add(setting(what + ": values from " + last.getTo().toPlainString() + " get no status"));
        }
        return warnings;
    }

    private static RuleProblem setting(String message) {
        return new RuleProblem("(settings)", 0, 0, message);
    }
}
