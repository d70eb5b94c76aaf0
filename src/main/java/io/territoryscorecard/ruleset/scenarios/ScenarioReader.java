package io.territoryscorecard.ruleset.scenarios;

import io.territoryscorecard.ruleset.RuleProblem;

import io.territoryscorecard.ruleset.DataQuality;

import io.territoryscorecard.measurement.KpiDefinition;
import io.territoryscorecard.ruleset.scenarios.Scenario.Expectations;
import io.territoryscorecard.ruleset.scenarios.Scenario.Expected;
import io.territoryscorecard.ruleset.scenarios.Scenario.KpiExpectation;
import io.territoryscorecard.ruleset.scenarios.Scenario.Measured;
import io.territoryscorecard.ruleset.scenarios.Scenario.RaisedExpectation;
import io.territoryscorecard.ruleset.scenarios.Scenario.ResultExpectation;
import io.territoryscorecard.ruleset.fact.Perspective;
import io.territoryscorecard.ruleset.fact.Severity;
import io.territoryscorecard.ruleset.fact.Status;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads scenario files. Works on SnakeYAML's node tree rather than on Java objects, so that every error names its line,
 * numbers keep the digits as written (0.8999 stays exact), and no YAML tag can make it construct anything.
 */
public final class ScenarioReader {

    private final Set<String> kpis;
    private final Set<String> ruleIds;

    /**
     * @param kpis the catalogue's KPI codes: a scenario naming another KPI is invalid
     * @param ruleIds the ids of the ruleset's rules: a scenario naming another rule is invalid
     */
    public ScenarioReader(Set<String> kpis, Set<String> ruleIds) {
        this.kpis = Set.copyOf(kpis);
        this.ruleIds = Set.copyOf(ruleIds);
    }

    /** The scenarios of one file; throws with every problem at its line and column. */
    public List<Scenario> read(String file, String text) {
        Reading reading = new Reading(file);
        List<Scenario> scenarios = reading.file(text);
        if (!reading.problems.isEmpty()) {
            throw new InvalidScenarioException(reading.problems);
        }
        return scenarios;
    }

    /** A scenario file that cannot be used, with each problem at its line and column. */
    public static final class InvalidScenarioException extends RuntimeException {

        private final List<RuleProblem> problems;

        InvalidScenarioException(List<RuleProblem> problems) {
            super(problems.stream().map(RuleProblem::toString).collect(Collectors.joining("\n")));
            this.problems = List.copyOf(problems);
        }

        public List<RuleProblem> problems() {
            return problems;
        }
    }

    /** An error at a node, caught where the scenario or field can be skipped so that reading goes on. */
    private static final class Problem extends RuntimeException {

        private final RuleProblem problem;

        Problem(RuleProblem problem) {
            super(problem.toString(), null, false, false);
            this.problem = problem;
        }
    }

    private final class Reading {

        private final String file;
        private final List<RuleProblem> problems = new ArrayList<>();

        Reading(String file) {
            this.file = file;
        }

        List<Scenario> file(String text) {
            Node root;
            try {
                LoaderOptions options = new LoaderOptions();
                options.setMaxAliasesForCollections(20);
                root = new Yaml(options).compose(new StringReader(text));
            } catch (MarkedYAMLException e) {
                Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
                problems.add(new RuleProblem(file, mark == null ? 0 : mark.getLine() + 1,
                        mark == null ? 0 : mark.getColumn() + 1, "this is not valid YAML: " + e.getProblem()));
                return List.of();
            } catch (YAMLException e) {
                problems.add(new RuleProblem(file, 0, 0, "this is not valid YAML: " + e.getMessage()));
                return List.of();
            }
            if (root == null) {
                problems.add(new RuleProblem(file, 1, 1, "the file is empty: it needs a list 'scenarios:'"));
                return List.of();
            }
            List<Scenario> scenarios = new ArrayList<>();
            try {
                Map<String, Node> top = keys(root, "the file", Set.of("scenarios"));
                Node list = top.get("scenarios");
                if (list == null) {
                    throw problem(root, "the file needs a list 'scenarios:'");
                }
                Set<String> names = new HashSet<>();
                for (Node node : sequence(list, "scenarios")) {
                    try {
                        scenarios.add(scenario(node, names));
                    } catch (Problem e) {
                        problems.add(e.problem);
                    }
                }
            } catch (Problem e) {
                problems.add(e.problem);
            }
            return scenarios;
        }

        private Scenario scenario(Node node, Set<String> names) {
            Map<String, Node> keys = keys(node, "a scenario",
                    Set.of("name", "period", "measurements", "previousScores", "expect"));
            String name = required(keys, "name", node, "a scenario");
            if (!names.add(name)) {
                throw problem(node, "a second scenario named '" + name + "': give each scenario its own name");
            }
            String where = "scenario '" + name + "'";
            String period = keys.containsKey("period") ? period(keys.get("period")) : Scenario.DEFAULT_PERIOD;
            List<Measured> measurements = new ArrayList<>();
            if (keys.containsKey("measurements")) {
                Set<String> measured = new HashSet<>();
                for (Node item : sequence(keys.get("measurements"), "measurements")) {
                    Map<String, Node> m = keys(item, "a measurement", Set.of("kpi", "actual", "target"));
                    String kpi = kpi(m.get("kpi"), item);
                    if (!measured.add(kpi)) {
                        throw problem(item, kpi + " is measured twice in " + where);
                    }
                    measurements.add(new Measured(kpi, m.containsKey("actual") ? number(m.get("actual")) : null,
                            m.containsKey("target") ? number(m.get("target")) : null));
                }
            }
            Map<Integer, BigDecimal> previous = new TreeMap<>();
            if (keys.containsKey("previousScores")) {
                for (NodeTuple tuple : mapping(keys.get("previousScores"), "previousScores").getValue()) {
                    int back = periodsBack(tuple.getKeyNode());
                    BigDecimal score = number(tuple.getValueNode());
                    if (score == null) {
                        throw problem(tuple.getValueNode(), "a previous score needs a number");
                    }
                    if (previous.put(back, score) != null) {
                        throw problem(tuple.getKeyNode(), "periods back " + back + " appears twice");
                    }
                }
            }
            if (!keys.containsKey("expect")) {
                throw problem(node, where + " needs 'expect:', the results it checks");
            }
            return new Scenario(file, line(node), name, period, measurements, previous, expectations(keys.get("expect")));
        }

        private Expectations expectations(Node node) {
            Map<String, Node> keys = keys(node, "expect", Set.of("kpis", "perspectives", "overall", "flags", "noFlags",
                    "onlyFlags", "alerts", "noAlerts", "onlyAlerts", "firedRules", "notFiredRules"));
            Map<String, KpiExpectation> kpiExpectations = new LinkedHashMap<>();
            if (keys.containsKey("kpis")) {
                for (NodeTuple tuple : mapping(keys.get("kpis"), "kpis").getValue()) {
                    String kpi = kpi(tuple.getKeyNode(), tuple.getKeyNode());
                    kpiExpectations.put(kpi, kpiExpectation(tuple.getValueNode()));
                }
            }
            Map<Perspective, ResultExpectation> perspectives = new EnumMap<>(Perspective.class);
            if (keys.containsKey("perspectives")) {
                for (NodeTuple tuple : mapping(keys.get("perspectives"), "perspectives").getValue()) {
                    Perspective perspective = enumValue(Perspective.class, tuple.getKeyNode(), "perspective");
                    perspectives.put(perspective, result(tuple.getValueNode(), "a perspective"));
                }
            }
            return new Expectations(kpiExpectations, perspectives,
                    keys.containsKey("overall") ? result(keys.get("overall"), "overall") : null,
                    raised(keys.get("flags"), "flags", "a flag"), raised(keys.get("noFlags"), "noFlags", "a flag"),
                    keys.containsKey("onlyFlags") && bool(keys.get("onlyFlags")),
                    raised(keys.get("alerts"), "alerts", "an alert"),
                    raised(keys.get("noAlerts"), "noAlerts", "an alert"),
                    keys.containsKey("onlyAlerts") && bool(keys.get("onlyAlerts")),
                    ruleIds(keys.get("firedRules"), "firedRules"), ruleIds(keys.get("notFiredRules"), "notFiredRules"));
        }

        private KpiExpectation kpiExpectation(Node node) {
            Map<String, Node> keys = keys(node, "a KPI expectation",
                    Set.of("dataQuality", "status", "score", "attainment", "weight", "rules"));
            return new KpiExpectation(
                    expected(keys, "dataQuality", n -> enumValue(DataQuality.class, n, "data quality")),
                    expected(keys, "status", n -> enumValue(Status.class, n, "status")),
                    expected(keys, "score", this::number), expected(keys, "attainment", this::number),
                    expected(keys, "weight", this::number), keys.containsKey("rules")
                            ? ruleIds(keys.get("rules"), "rules") : null);
        }

        private ResultExpectation result(Node node, String what) {
            Map<String, Node> keys = keys(node, what, Set.of("status", "score", "rules"));
            return new ResultExpectation(expected(keys, "status", n -> enumValue(Status.class, n, "status")),
                    expected(keys, "score", this::number),
                    keys.containsKey("rules") ? ruleIds(keys.get("rules"), "rules") : null);
        }

        /** Flags or alerts, each named by its code, its key (code/perspective/kpi) or both. */
        private List<RaisedExpectation> raised(Node node, String what, String one) {
            if (node == null) {
                return List.of();
            }
            List<RaisedExpectation> expectations = new ArrayList<>();
            for (Node item : sequence(node, what)) {
                Map<String, Node> keys = keys(item, one,
                        Set.of("code", "key", "perspective", "kpi", "severity", "message", "rules"));
                String code = keys.containsKey("code") ? text(keys.get("code")) : null;
                String key = keys.containsKey("key") ? key(keys.get("key")) : null;
                if ((code == null || code.isBlank()) && key == null) {
                    throw problem(item, one + " needs 'code:' or 'key:' (code/perspective/kpi)");
                }
                expectations.add(new RaisedExpectation(code, key,
                        keys.containsKey("perspective")
                                ? enumValue(Perspective.class, keys.get("perspective"), "perspective") : null,
                        keys.containsKey("kpi") ? kpi(keys.get("kpi"), item) : null,
                        keys.containsKey("severity") ? enumValue(Severity.class, keys.get("severity"), "severity") : null,
                        keys.containsKey("message") ? text(keys.get("message")) : null,
                        keys.containsKey("rules") ? ruleIds(keys.get("rules"), "rules") : null));
            }
            return expectations;
        }

        /** A key as the rules make it: code/perspective/kpi, the last two empty when not about one. */
        private String key(Node node) {
            String text = text(node);
            String[] parts = text == null ? new String[0] : text.split("/", -1);
            if (parts.length != 3 || parts[0].isBlank()) {
                throw problem(node, "'" + text + "' is not a key: write code/perspective/kpi, such as "
                        + "REVENUE_SHORTFALL/FINANCIAL/REVENUE, CUSTOMER_AT_RISK/CUSTOMER/ or OVERALL_RED//");
            }
            if (!parts[1].isEmpty()) {
                enumValue(Perspective.class, node, parts[1], "perspective");
            }
            if (!parts[2].isEmpty() && !kpis.contains(parts[2])) {
                throw problem(node, "in key '" + text + "': " + KpiDefinition.unknown(parts[2], kpis.stream()
                        .sorted().toList()));
            }
            return text;
        }

        private List<String> ruleIds(Node node, String what) {
            if (node == null) {
                return List.of();
            }
            List<String> ids = new ArrayList<>();
            for (Node item : sequence(node, what)) {
                String id = text(item);
                if (id == null || !ruleIds.contains(id)) {
                    throw problem(item, "unknown rule id '" + id + "'; the ruleset's rules are "
                            + String.join(", ", ruleIds.stream().sorted().toList()));
                }
                ids.add(id);
            }
            return ids;
        }

        private <T> Expected<T> expected(Map<String, Node> keys, String key, Function<Node, T> convert) {
            Node node = keys.get(key);
            if (node == null) {
                return null;
            }
            return new Expected<>(isNull(node) ? null : convert.apply(node));
        }

        // ---- YAML nodes --------------------------------------------------------------------------------------------

        private Map<String, Node> keys(Node node, String what, Set<String> allowed) {
            Map<String, Node> keys = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping(node, what).getValue()) {
                String key = text(tuple.getKeyNode());
                if (!allowed.contains(key)) {
                    throw problem(tuple.getKeyNode(), "unknown key '" + key + "' in " + what + "; the keys are "
                            + String.join(", ", allowed.stream().sorted().toList()));
                }
                if (keys.put(key, tuple.getValueNode()) != null) {
                    throw problem(tuple.getKeyNode(), "key '" + key + "' appears twice in " + what);
                }
            }
            return keys;
        }

        private MappingNode mapping(Node node, String what) {
            if (node instanceof MappingNode mapping) {
                return mapping;
            }
            throw problem(node, what + " must be a mapping ('key: value' lines)");
        }

        private List<Node> sequence(Node node, String what) {
            if (node instanceof SequenceNode sequence) {
                return sequence.getValue();
            }
            throw problem(node, what + " must be a list ('- ' lines)");
        }

        private String required(Map<String, Node> keys, String key, Node owner, String what) {
            String value = keys.containsKey(key) ? text(keys.get(key)) : null;
            if (value == null || value.isBlank()) {
                throw problem(owner, what + " needs '" + key + ":'");
            }
            return value;
        }

        private String text(Node node) {
            if (node instanceof ScalarNode scalar) {
                return isNull(scalar) ? null : scalar.getValue();
            }
            throw problem(node, "expected a single value here, not a list or mapping");
        }

        private boolean isNull(Node node) {
            return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
        }

        private BigDecimal number(Node node) {
            String text = text(node);
            if (text == null) {
                return null;
            }
            try {
                return new BigDecimal(text.strip());
            } catch (NumberFormatException e) {
                throw problem(node, "'" + text + "' is not a number");
            }
        }

        private boolean bool(Node node) {
            String text = text(node);
            if ("true".equals(text) || "false".equals(text)) {
                return Boolean.parseBoolean(text);
            }
            throw problem(node, "'" + text + "' is not true or false");
        }

        private String kpi(Node node, Node owner) {
            String kpi = node == null ? null : text(node);
            if (kpi == null) {
                throw problem(owner, "a KPI code is needed ('kpi: REVENUE')");
            }
            if (!kpis.contains(kpi)) {
                throw problem(node, KpiDefinition.unknown(kpi, kpis.stream().sorted().toList()));
            }
            return kpi;
        }

        private String period(Node node) {
            String text = text(node);
            try {
                return YearMonth.parse(String.valueOf(text)).toString();
            } catch (DateTimeParseException e) {
                throw problem(node, "'" + text + "' is not a period: write it like 2026-10");
            }
        }

        private int periodsBack(Node node) {
            String text = text(node);
            try {
                int back = Integer.parseInt(String.valueOf(text));
                if (back >= 1) {
                    return back;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw problem(node, "'" + text + "' is not a number of periods back (1 is the period before)");
        }

        private <E extends Enum<E>> E enumValue(Class<E> type, Node node, String what) {
            return enumValue(type, node, text(node), what);
        }

        private <E extends Enum<E>> E enumValue(Class<E> type, Node node, String text, String what) {
            for (E value : type.getEnumConstants()) {
                if (value.name().equals(text)) {
                    return value;
                }
            }
            throw problem(node, "'" + text + "' is not a " + what + ": write "
                    + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
        }

        private Problem problem(Node node, String message) {
            return new Problem(new RuleProblem(file, line(node), column(node), message));
        }

        private int line(Node node) {
            return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
        }

        private int column(Node node) {
            return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getColumn() + 1;
        }
    }
}
