package io.territoryscorecard.ruleset;

import io.territoryscorecard.ruleset.TerritoryAssessment.KpiResult;
import io.territoryscorecard.ruleset.fact.Direction;
import io.territoryscorecard.ruleset.fact.Kpi;
import io.territoryscorecard.ruleset.fact.Measurement;
import io.territoryscorecard.ruleset.fact.Perspective;
import io.territoryscorecard.ruleset.fact.PreviousScore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a ruleset over one territory built in a test: the KPI catalogue is the one the database ships
 * (db/changes/0002-kpi-catalogue.csv); KPIs a test does not measure are missing.
 */
public final class RuleHarness {

    static final String TERRITORY = "T-01";
    public static final String PERIOD = "2026-10";
    public static final List<Kpi> CATALOGUE = readCatalogue();

    private static CompiledRuleset defaultRules;

    private final CompiledRuleset rules;
    private final Map<String, Measurement> measurements = new LinkedHashMap<>();
    private final List<PreviousScore> previous = new ArrayList<>();

    private RuleHarness(CompiledRuleset rules) {
        this.rules = rules;
    }

    /** The default ruleset in rules/, compiled once per test run. */
    static synchronized RuleHarness defaultRules() {
        if (defaultRules == null) {
            defaultRules = compile(Path.of("rules"));
        }
        return new RuleHarness(defaultRules);
    }

    /** A harness for another ruleset. */
    public static RuleHarness with(CompiledRuleset rules) {
        return new RuleHarness(rules);
    }

    /** The default ruleset compiled once, for tests that compare other rulesets with it. */
    public static synchronized CompiledRuleset defaultRuleset() {
        defaultRules();
        return defaultRules;
    }

    /**
     * The default ruleset with some files added (or replaced, same name) and some removed, compiled from a temporary
     * folder.
     */
    public static CompiledRuleset compileDefaultChanged(Map<String, byte[]> added, List<String> removed) {
        Path folder = null;
        try {
            folder = Files.createTempDirectory("ruleset");
            try (var files = Files.list(Path.of("rules"))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    if (!removed.contains(file.getFileName().toString())) {
                        Files.copy(file, folder.resolve(file.getFileName()));
                    }
                }
            }
            for (Map.Entry<String, byte[]> file : added.entrySet()) {
                Files.write(folder.resolve(file.getKey()), file.getValue());
            }
            return compile(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(folder);
        }
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (var files = Files.walk(folder)) {
            for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }

    public static CompiledRuleset compile(Path folder) {
        return new RulesetCompiler(new RulesetSettings(folder.toString(), 500, null, null)).compile(RulesetSource.fromFolder(folder));
    }

    /** A measurement; null text means an empty value. */
    RuleHarness measure(String kpi, String actual, String target) {
        measurements.put(kpi, new Measurement(TERRITORY, kpi(kpi), number(actual), number(target)));
        return this;
    }

    /** A higher-is-better KPI measured at exactly the given attainment (target 1). */
    public RuleHarness attainment(String kpi, String attainment) {
        return measure(kpi, attainment, "1");
    }

    /** The stored overall score of the period this many months back. */
    RuleHarness previousScore(int periodsBack, String score) {
        String period = java.time.YearMonth.parse(PERIOD).minusMonths(periodsBack).toString();
        previous.add(new PreviousScore(TERRITORY, period, periodsBack, new BigDecimal(score)));
        return this;
    }

    public Result assess() {
        TerritoryFacts facts = new TerritoryFacts(TERRITORY, List.copyOf(measurements.values()), List.copyOf(previous));
        CompiledRuleset.Traced traced = rules.assessTraced(PERIOD, CATALOGUE, List.of(facts));
        return new Result(traced.assessments().get(0), traced.firedRules());
    }

    public static Kpi kpi(String code) {
        return CATALOGUE.stream().filter(k -> k.getCode().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no KPI " + code));
    }

    private static BigDecimal number(String text) {
        return text == null ? null : new BigDecimal(text);
    }

    private static List<Kpi> readCatalogue() {
        try {
            List<String> lines = Files.readAllLines(Path.of("db/changes/0002-kpi-catalogue.csv"));
            List<Kpi> catalogue = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",");
                catalogue.add(new Kpi(cells[0], cells[1], Perspective.valueOf(cells[2]), Direction.valueOf(cells[4]),
                        cells[3]));
            }
            return catalogue;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the rules derived for the territory and the ids of the rules that fired. */
    public record Result(TerritoryAssessment assessment, Set<String> firedRules) {

        public KpiResult kpi(String code) {
            return assessment.kpis().stream().filter(k -> k.kpi().equals(code)).findFirst().orElseThrow();
        }
    }
}
