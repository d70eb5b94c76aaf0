package io.territoryscorecard.ruleset;

import io.territoryscorecard.ruleset.engine.AuthorsWords;
import io.territoryscorecard.ruleset.tables.DecisionTable;

import io.territoryscorecard.measurement.KpiDefinition;
import io.territoryscorecard.measurement.Measurements;
import io.territoryscorecard.ruleset.fact.AttainmentLimit;
import io.territoryscorecard.ruleset.fact.KpiWeight;
import io.territoryscorecard.ruleset.fact.Perspective;
import io.territoryscorecard.ruleset.fact.PerspectiveWeight;
import io.territoryscorecard.ruleset.fact.RollupSetting;
import io.territoryscorecard.ruleset.fact.ScoreBreakpoint;
import io.territoryscorecard.ruleset.fact.ScoreLimit;
import io.territoryscorecard.ruleset.fact.Status;
import io.territoryscorecard.ruleset.fact.StatusLimit;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
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

    private static final Pattern LEFT_PART = Pattern.compile("parse left part of expression:(.*)");
    private static final Pattern QUALIFIED = Pattern.compile("\\b([A-Z]\\w*)\\.(\\w+)");
    /** The field an expression starts with, after a binding such as {@code $value :}. */
    private static final Pattern FIELD = Pattern.compile("^\\s*(?:\\$\\w+\\s*:\\s*)?([a-zA-Z_]\\w*)");

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
            warnings.addAll(new AuthorsWords(source.ruleFiles()).warnings());
            warnings.addAll(kpiCodeWarnings(source, catalogue));
            warnings.addAll(DecisionTable.unknownKpis(source, Set.copyOf(catalogue)));
            warnings.addAll(settingsWarnings(compiled.settings(), catalogue));
        } catch (RulesetCompilationException e) {
            e.problems().forEach(problem -> errors.add(explain(problem, source)));
        } catch (RuleFailure e) {
            // The settings phase ran (in a rule worker, within the budget) and a rule failed there.
            errors.add(new AuthorsWords(source.ruleFiles()).ruleFailed(e.rule(), e.getMessage()));
        }
        return new ValidationReport(source.label(), source.sha256(), rules, errors, warnings);
    }

    /** Adds what the author can do about a compile error: the fields a fact has, the values an enum has, the facts. */
    private RuleProblem explain(RuleProblem problem, RulesetSource source) {
        String message = problem.message();
        Matcher unknownType = UNKNOWN_TYPE.matcher(message);
        if (unknownType.find()) {
            String type = unknownType.group(1);
            String close = AuthorsWords.closest(type, factTypes(), 2);
            return withMessage(problem, "there is no fact " + type + (close == null ? "" : " (did you mean " + close
                    + "?)") + ". Facts rules can use: " + String.join(", ", factTypes()));
        }
        Matcher expression = LEFT_PART.matcher(message);
        boolean leftPart = expression.find();
        if (leftPart || message.contains("Unknown property") || message.contains("cannot be resolved")) {
            String written = leftPart ? expression.group(1).strip() : "";
            Matcher qualified = QUALIFIED.matcher(written);
            while (qualified.find()) {
                Class<?> enumType = AuthorsWords.factClass(qualified.group(1));
                if (enumType != null && enumType.isEnum() && Arrays.stream(enumType.getEnumConstants())
                        .noneMatch(value -> value.toString().equals(qualified.group(2)))) {
                    return withMessage(problem, qualified.group(1) + " has no value " + qualified.group(2) + ": it has "
                            + Arrays.stream(enumType.getEnumConstants()).map(String::valueOf)
                            .collect(Collectors.joining(", ")));
                }
            }
            String type = patternTypeAt(source.files().get(problem.file()), problem.line(), problem.column());
            if (type != null) {
                Set<String> fields = AuthorsWords.fieldsOf(type);
                if (!fields.isEmpty()) {
                    Matcher field = FIELD.matcher(written);
                    String name = field.find() ? field.group(1) : written;
                    String close = AuthorsWords.closest(name, List.copyOf(fields), 2);
                    return withMessage(problem, type + " has no field " + name + (close == null ? ""
                            : " (did you mean " + close + "?)") + " in \"" + written + "\". " + type
                            + " has the fields: " + String.join(", ", fields));
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

    private static List<String> factTypes() {
        return List.of("Kpi", "EvaluatedTerritory", "Measurement", "PreviousScore", "KpiWeight", "PerspectiveWeight",
                "AttainmentLimit", "ScoreLimit", "ScoreBreakpoint", "AttainmentCap", "FlagLimit", "RollupSetting", "ValidMeasurement",
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
                        String closest = AuthorsWords.closest(code, catalogue, Math.max(2, code.length() / 3));
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

    /** Checks the numbers the settings rules insert: status limits, score lines, weights for every KPI. */
    private static List<RuleProblem> settingsWarnings(List<Object> settings, List<String> catalogue) {
        List<RuleProblem> warnings = new ArrayList<>();
        // A KPI's own limits and score line (kpi set) are a set of their own, checked apart from those for all KPIs.
        settings.stream().filter(AttainmentLimit.class::isInstance).map(AttainmentLimit.class::cast)
                .collect(Collectors.groupingBy(limit -> Objects.toString(limit.getKpi(), ""), TreeMap::new,
                        Collectors.toList()))
                .forEach((kpi, limits) -> warnings.addAll(limitWarnings("KPI status limits (attainment)"
                        + (kpi.isEmpty() ? "" : " of " + kpi), List.copyOf(limits))));
        if (settings.stream().noneMatch(AttainmentLimit.class::isInstance)) {
            warnings.addAll(limitWarnings("KPI status limits (attainment)", List.of()));
        }
        warnings.addAll(limitWarnings("perspective and overall status limits (score)",
                settings.stream().filter(ScoreLimit.class::isInstance).map(StatusLimit.class::cast).toList()));
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
        if (settings.stream().filter(RollupSetting.class::isInstance).count() > 1) {
            warnings.add(setting("there is more than one roll-up method (RollupSetting): keep one, or every "
                    + "evaluation fails when it completes"));
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

    /**
     * One set of status limits. Each limit is one number, so a set has no gaps or overlaps; what can still go wrong is
     * no limits at all, a status with two limits, and an AMBER limit at or above the GREEN limit.
     */
    private static List<RuleProblem> limitWarnings(String what, List<StatusLimit> limits) {
        List<RuleProblem> warnings = new ArrayList<>();
        if (limits.isEmpty()) {
            warnings.add(setting("there are no " + what + ": nothing gets a status"));
            return warnings;
        }
        Map<Status, List<BigDecimal>> byStatus = limits.stream().collect(Collectors.groupingBy(StatusLimit::getStatus,
                () -> new EnumMap<>(Status.class), Collectors.mapping(StatusLimit::getFrom, Collectors.toList())));
        byStatus.forEach((status, froms) -> {
            if (froms.size() > 1) {
                warnings.add(setting(what + ": " + status + " has " + froms.size() + " limits ("
                        + froms.stream().sorted().map(BigDecimal::toPlainString).collect(Collectors.joining(", "))
                        + "): keep one, or the evaluation fails"));
            }
        });
        List<BigDecimal> green = byStatus.getOrDefault(Status.GREEN, List.of());
        List<BigDecimal> amber = byStatus.getOrDefault(Status.AMBER, List.of());
        if (green.size() == 1 && amber.size() == 1 && amber.get(0).compareTo(green.get(0)) >= 0) {
            warnings.add(setting(what + ": the AMBER limit " + amber.get(0).toPlainString() + " is not below the "
                    + "GREEN limit " + green.get(0).toPlainString() + ", so nothing is AMBER"));
        }
        return warnings;
    }

    private static RuleProblem setting(String message) {
        return new RuleProblem("(settings)", 0, 0, message);
    }
}
