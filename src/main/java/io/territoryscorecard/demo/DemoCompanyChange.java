package io.territoryscorecard.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import liquibase.change.custom.CustomTaskChange;
import liquibase.database.Database;
import liquibase.database.DatabaseConnection;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.CustomChangeException;
import liquibase.exception.ValidationErrors;
import liquibase.resource.ResourceAccessor;

/**
 * Liquibase custom change ({@code db/changes/0006-demo-company.yaml}, context {@code demo}) that seeds a realistic demo
 * company: people, regions, territories and eighteen months of measurements. Everything comes from
 * {@link java.util.Random} with a fixed seed and fixed dates, so every database seeded by it holds exactly the same
 * rows, whatever day it runs on.
 *
 * <h2>Organisation</h2>
 * Six regions, {@code NORTH}, {@code SOUTH}, {@code EAST}, {@code WEST}, {@code CENTRAL} and {@code COAST}, each with a
 * region manager, and ten territories per region, {@code NORTH-01} .. {@code COAST-10}, named after German cities.
 * 40 territory managers (46 people in all, e-mail {@code firstname.lastname@example.com}): NORTH, SOUTH, EAST and WEST
 * have seven managers each, the first three of whom look after two neighbouring territories (01+02, 03+04, 05+06);
 * CENTRAL and COAST have six, the first four with two territories (01+02 .. 07+08).
 *
 * <h2>Measurements</h2>
 * All twelve catalogue KPIs for every territory and every month from {@link #FIRST_PERIOD 2025-05} to
 * {@link #LAST_PERIOD 2026-10}, with {@code updated_at} at 06:00:00 on the 3rd of the following month. Values are
 * rounded to two decimals, certifications to whole numbers. Targets per territory:
 * <ul>
 *   <li>REVENUE, EUR per month: 185k-455k, times seasonality (December +25 %, August -20 %) and +5 % plan growth in
 *       2026, so about 150k-600k.</li>
 *   <li>SALES_GROWTH, index against the same month a year earlier (100 = flat): 105.</li>
 *   <li>GROSS_MARGIN, %: 32-40.</li>
 *   <li>CUSTOMER_SATISFACTION, score 0-10: 8.0.</li>
 *   <li>RETENTION_RATE, %: 88-92.</li>
 *   <li>MARKET_SHARE, %: 10-25.</li>
 *   <li>SALES_CYCLE_DAYS, days, lower is better: 45-60.</li>
 *   <li>LEAD_CONVERSION, %: 18-25.</li>
 *   <li>REVENUE_PER_REP, EUR: 50k-61k with the same seasonality and growth as revenue, so about 40k-80k.</li>
 *   <li>TRAINING_COMPLETION, %: 90, 92.5 or 95.</li>
 *   <li>EMPLOYEE_ENGAGEMENT, score 0-100: 75.</li>
 *   <li>SKILL_CERTIFICATIONS, count: 3-8.</li>
 * </ul>
 * A typical territory performs at 90-110 % of target with noise (per territory, per KPI and per month), so statuses
 * are a mix of green, amber and red. "Performance" below means actual / target, or target / actual for the
 * lower-is-better sales cycle; percentages and scores never exceed their scale.
 *
 * <h2>Stories</h2>
 * <ul>
 *   <li>{@link #UNDERPERFORMING} (NORTH-03, EAST-07, WEST-02, COAST-05): clearly behind in all eighteen months.
 *       Revenue at 67-73 % of target, customer satisfaction at 75-81 %, retention at 77-83 %; sales growth, market
 *       share, lead conversion, sales cycle, revenue per rep and certifications also at 72-88 %; gross margin,
 *       training and engagement at 83-93 %.</li>
 *   <li>{@link #RECOVERING} (NORTH-08, SOUTH-02, CENTRAL-05): every KPI at 70-80 % from 2025-05 to 2026-02, then
 *       four points better each month, reaching about 103 % in 2026-09 and 107 % in 2026-10.</li>
 *   <li>{@link #DECLINING} (SOUTH-07, WEST-09): fine and slowly improving, from about 100 % in 2025-05 to 106 % in
 *       2026-05 and 107 % in 2026-06; then every KPI drops seven points each month: about 100 % in 2026-07, 93 % in
 *       2026-08, 86 % in 2026-09 and 79 % in 2026-10. So each of the last four months is clearly worse than the one
 *       before, and a "declining for three periods in a row" rule fires in 2026-09 and 2026-10 but not in
 *       2026-08.</li>
 * </ul>
 * Certifications are whole numbers, so for them the story percentages are only roughly met (e.g. 2 of 3 = 67 %),
 * and they, like KPIs at the top of their scale (100 % training), can stay level from one month to the next.
 *
 * <h2>Data quality gaps</h2>
 * Only in territories without a story:
 * <ul>
 *   <li>{@link #MISSING_ROWS} (territory, period, KPI) rows are missing (1 %), so 12,830 of 12,960 rows exist;</li>
 *   <li>{@link #EMPTY_ACTUALS} rows have an empty actual and a target (0.5 %);</li>
 *   <li>the two {@link #INVALID_TARGETS} have an actual and a target of 0: GROSS_MARGIN of SOUTH-04 in 2026-10 and
 *       TRAINING_COMPLETION of CENTRAL-08 in 2026-09.</li>
 * </ul>
 *
 * <p>Plain SQL with ids read back by code or e-mail keeps this portable across H2, MySQL and MariaDB. The change runs
 * in the transaction Liquibase opened for the change set, so it neither commits nor closes the connection.
 */
public class DemoCompanyChange implements CustomTaskChange {

    public static final YearMonth FIRST_PERIOD = YearMonth.of(2025, 5);
    public static final YearMonth LAST_PERIOD = YearMonth.of(2026, 10);

    public static final List<String> UNDERPERFORMING = List.of("NORTH-03", "EAST-07", "WEST-02", "COAST-05");
    public static final List<String> RECOVERING = List.of("NORTH-08", "SOUTH-02", "CENTRAL-05");
    public static final List<String> DECLINING = List.of("SOUTH-07", "WEST-09");

    public static final List<RowKey> INVALID_TARGETS = List.of(
            new RowKey("SOUTH-04", "2026-10", "GROSS_MARGIN"),
            new RowKey("CENTRAL-08", "2026-09", "TRAINING_COMPLETION"));
    public static final int MISSING_ROWS = 130;
    public static final int EMPTY_ACTUALS = 65;

    /** One measurement row: a territory's KPI in a period ({@code YYYY-MM}). */
    public record RowKey(String territoryCode, String period, String kpiCode) {
    }

    /** Changing the seed changes every generated number; only the documented stories and gaps are promised. */
    private static final long SEED = 20_250_501L;
    private static final int PERIODS = 18;
    private static final int BATCH_SIZE = 500;

    private String confirmationMessage = "Demo company not seeded";

    @Override
    public void execute(Database database) throws CustomChangeException {
        Connection connection = jdbcConnection(database);
        Company company;
        try {
            company = Company.generate(catalogue(connection));
            insert(connection, company);
        } catch (SQLException e) {
            throw new CustomChangeException("Could not seed the demo company: " + e.getMessage(), e);
        }
        confirmationMessage = String.format(Locale.ROOT,
                "Seeded the demo company: %d people, %d regions, %d territories, %d measurements from %s to %s",
                company.people().size(), company.regions().size(), company.territories().size(),
                company.measurements().size(), FIRST_PERIOD, LAST_PERIOD);
    }

    @Override
    public String getConfirmationMessage() {
        return confirmationMessage;
    }

    @Override
    public void setUp() {
        // nothing to set up: the change has no parameters
    }

    @Override
    public void setFileOpener(ResourceAccessor resourceAccessor) {
        // reads no files
    }

    @Override
    public ValidationErrors validate(Database database) {
        return new ValidationErrors();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Writing

    private static Connection jdbcConnection(Database database) throws CustomChangeException {
        DatabaseConnection connection = database.getConnection();
        if (connection instanceof JdbcConnection jdbc) {
            return jdbc.getUnderlyingConnection();
        }
        // e.g. update-sql in offline mode: the rows are generated in Java, there is no SQL to print
        throw new CustomChangeException("The demo company can only be seeded over a live JDBC connection, not "
                + (connection == null ? "none" : connection.getClass().getSimpleName()));
    }

    /**
     * The KPI catalogue in display order, each KPI with the demo's targets for it. Fails with a clear message when the
     * catalogue and {@link #TARGETS} do not name the same KPIs.
     */
    static List<Kpi> catalogue(Connection connection) throws SQLException, CustomChangeException {
        List<Kpi> kpis = new ArrayList<>();
        Set<String> withoutTargets = new LinkedHashSet<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select code, direction from kpi order by display_order, code");
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                String code = rs.getString(1);
                Targets targets = TARGETS.get(code);
                if (targets == null) {
                    withoutTargets.add(code);
                } else {
                    kpis.add(new Kpi(code, "LOWER".equalsIgnoreCase(rs.getString(2)), targets));
                }
            }
        }
        Set<String> notInCatalogue = new TreeSet<>(TARGETS.keySet());
        kpis.forEach(kpi -> notInCatalogue.remove(kpi.code()));
        if (!withoutTargets.isEmpty() || !notInCatalogue.isEmpty()) {
            throw new CustomChangeException("The KPI catalogue and the demo company disagree: the demo has no targets "
                    + "for " + withoutTargets + ", and the catalogue lacks " + notInCatalogue);
        }
        return List.copyOf(kpis);
    }

    private static void insert(Connection connection, Company company) throws SQLException {
        insertAll(connection, "insert into person (name, email) values (?, ?)", company.people(), (statement, person) -> {
            statement.setString(1, person.name());
            statement.setString(2, person.email());
        });
        Map<String, Long> personIds = idsByKey(connection, "select email, id from person");

        insertAll(connection, "insert into region (code, name, manager_id) values (?, ?, ?)", company.regions(),
                (statement, region) -> {
                    statement.setString(1, region.code());
                    statement.setString(2, region.name());
                    statement.setLong(3, idOf(personIds, region.manager().email()));
                });
        Map<String, Long> regionIds = idsByKey(connection, "select code, id from region");

        insertAll(connection, "insert into territory (code, name, region_id, manager_id) values (?, ?, ?, ?)",
                company.territories(), (statement, territory) -> {
                    statement.setString(1, territory.code());
                    statement.setString(2, territory.name());
                    statement.setLong(3, idOf(regionIds, territory.regionCode()));
                    statement.setLong(4, idOf(personIds, territory.manager().email()));
                });
        Map<String, Long> territoryIds = idsByKey(connection, "select code, id from territory");

        insertAll(connection, "insert into measurement (territory_id, period, kpi_code, actual, target, updated_at)"
                + " values (?, ?, ?, ?, ?, ?)", company.measurements(), (statement, measurement) -> {
                    statement.setLong(1, idOf(territoryIds, measurement.territoryCode()));
                    statement.setString(2, measurement.period().toString());
                    statement.setString(3, measurement.kpi().code());
                    setDecimal(statement, 4, measurement.actual());
                    setDecimal(statement, 5, measurement.target());
                    // LocalDateTime rather than Timestamp: no time zone conversion by the driver
                    statement.setObject(6, updatedAt(measurement.period()));
                });
    }

    /** Data for a period is complete on the 3rd of the following month, early in the morning. */
    private static LocalDateTime updatedAt(YearMonth period) {
        return period.plusMonths(1).atDay(3).atTime(6, 0);
    }

    @FunctionalInterface
    private interface Binder<T> {
        void bind(PreparedStatement statement, T row) throws SQLException;
    }

    private static <T> void insertAll(Connection connection, String sql, List<T> rows, Binder<T> binder)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int pending = 0;
            for (T row : rows) {
                binder.bind(statement, row);
                statement.addBatch();
                if (++pending == BATCH_SIZE) {
                    statement.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                statement.executeBatch();
            }
        }
    }

    /** Reads a two-column query (key, id) into a map. */
    private static Map<String, Long> idsByKey(Connection connection, String sql) throws SQLException {
        Map<String, Long> ids = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet resultSet = statement.executeQuery()) {
            while (resultSet.next()) {
                ids.put(resultSet.getString(1), resultSet.getLong(2));
            }
        }
        return ids;
    }

    private static long idOf(Map<String, Long> ids, String key) throws SQLException {
        Long id = ids.get(key);
        if (id == null) {
            throw new SQLException("Inserted row " + key + " could not be read back");
        }
        return id;
    }

    private static void setDecimal(PreparedStatement statement, int index, BigDecimal value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.DECIMAL);
        } else {
            statement.setBigDecimal(index, value);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The company

    record Person(String name, String email) {

        /** {@code Jürgen Weiß} becomes {@code juergen.weiss@example.com}. */
        static Person named(String name) {
            String local = name.toLowerCase(Locale.ROOT)
                    .replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
                    .replace(' ', '.');
            return new Person(name, local + "@example.com");
        }
    }

    record Region(String code, String name, Person manager) {
    }

    enum Story { TYPICAL, UNDERPERFORMING, RECOVERING, DECLINING }

    /**
     * A territory and what its numbers are made of: base targets, and for typical territories an overall level and a
     * per-KPI strength or weakness (both as a share of target, around 0).
     */
    record Territory(String code, String name, String regionCode, Person manager, Story story,
                     Map<String, Double> baseTargets, double level, Map<String, Double> offsets) {
    }

    record Measurement(String territoryCode, YearMonth period, Kpi kpi, BigDecimal actual, BigDecimal target) {

        RowKey key() {
            return new RowKey(territoryCode, period.toString(), kpi.code());
        }

        Measurement withoutActual() {
            return new Measurement(territoryCode, period, kpi, null, target);
        }

        Measurement withZeroTarget() {
            return new Measurement(territoryCode, period, kpi, actual, BigDecimal.ZERO.setScale(2));
        }
    }

    /** Region code, name and manager, its ten cities and its territory managers (see {@link #managerPerTerritory}). */
    private record RegionPlan(String code, String name, String manager, List<String> cities, List<String> managers) {
    }

    private static final List<RegionPlan> REGIONS = List.of(
            new RegionPlan("NORTH", "North", "Katharina Brandt",
                    List.of("Hamburg", "Bremen", "Hannover", "Oldenburg", "Osnabrück", "Braunschweig", "Wolfsburg",
                            "Göttingen", "Hildesheim", "Celle"),
                    List.of("Jonas Schmidt", "Lena Fischer", "Markus Weber", "Julia Meyer", "Stefan Wagner",
                            "Anna Schulz", "Tobias Hoffmann")),
            new RegionPlan("SOUTH", "South", "Florian Huber",
                    List.of("München", "Stuttgart", "Augsburg", "Nürnberg", "Regensburg", "Ingolstadt", "Ulm",
                            "Freiburg", "Würzburg", "Rosenheim"),
                    List.of("Laura Koch", "Daniel Richter", "Sarah Klein", "Michael Schröder", "Lisa Neumann",
                            "Alexander Schwarz", "Nina Zimmermann")),
            new RegionPlan("EAST", "East", "Sabine Krause",
                    List.of("Berlin", "Leipzig", "Dresden", "Potsdam", "Magdeburg", "Halle", "Chemnitz", "Erfurt",
                            "Jena", "Cottbus"),
                    List.of("Christian Braun", "Katrin Hofmann", "Sebastian Hartmann", "Jana Lange",
                            "Matthias Schmitt", "Melanie Werner", "Patrick Krüger")),
            new RegionPlan("WEST", "West", "Thomas Becker",
                    List.of("Köln", "Düsseldorf", "Dortmund", "Essen", "Duisburg", "Bochum", "Münster", "Bonn",
                            "Aachen", "Bielefeld"),
                    List.of("Stefanie Lehmann", "Benjamin Köhler", "Carina Maier", "Dominik Herrmann",
                            "Franziska König", "Philipp Walter", "Vanessa Mayer")),
            new RegionPlan("CENTRAL", "Central", "Andrea Wolf",
                    List.of("Frankfurt", "Kassel", "Wiesbaden", "Mainz", "Darmstadt", "Gießen", "Fulda", "Marburg",
                            "Mannheim", "Heidelberg"),
                    List.of("Jan Kaiser", "Miriam Fuchs", "Lukas Peters", "Hannah Scholz", "Felix Möller",
                            "Theresa Weiß")),
            new RegionPlan("COAST", "Coast", "Henrik Petersen",
                    List.of("Kiel", "Lübeck", "Rostock", "Flensburg", "Wilhelmshaven", "Cuxhaven", "Stralsund",
                            "Wismar", "Emden", "Greifswald"),
                    List.of("Niklas Jung", "Sophie Hahn", "Moritz Vogel", "Elena Friedrich", "Jürgen Keller",
                            "Claudia Günther")));

    record Company(List<Region> regions, List<Territory> territories, List<Measurement> measurements) {

        /** Region managers first, then territory managers in territory order, each once. */
        List<Person> people() {
            Set<Person> people = new LinkedHashSet<>();
            regions.forEach(region -> people.add(region.manager()));
            territories.forEach(territory -> people.add(territory.manager()));
            return List.copyOf(people);
        }

        /**
         * Separate generators for the plan, the monthly noise and the gaps, so that e.g. renaming a city or moving a
         * gap does not reshuffle every number.
         */
        static Company generate(List<Kpi> catalogue) {
            Random planRandom = new Random(SEED);
            Random noiseRandom = new Random(SEED + 1);
            Random gapRandom = new Random(SEED + 2);

            List<Region> regions = new ArrayList<>();
            List<Territory> territories = new ArrayList<>();
            for (RegionPlan plan : REGIONS) {
                regions.add(new Region(plan.code(), plan.name(), Person.named(plan.manager())));
                List<String> managers = managerPerTerritory(plan.managers(), plan.cities().size());
                for (int i = 0; i < plan.cities().size(); i++) {
                    String code = String.format(Locale.ROOT, "%s-%02d", plan.code(), i + 1);
                    territories.add(territory(code, plan.cities().get(i), plan.code(),
                            Person.named(managers.get(i)), catalogue, planRandom));
                }
            }

            List<Measurement> measurements = new ArrayList<>();
            for (Territory territory : territories) {
                for (int month = 0; month < PERIODS; month++) {
                    YearMonth period = FIRST_PERIOD.plusMonths(month);
                    for (Kpi kpi : catalogue) {
                        double target = kpi.targets().target(territory.baseTargets().get(kpi.code()), period);
                        double performance = performance(territory, kpi, month, noiseRandom.nextGaussian());
                        measurements.add(new Measurement(territory.code(), period, kpi,
                                kpi.actual(target, performance), kpi.targets().scale(target)));
                    }
                }
            }
            return new Company(List.copyOf(regions), List.copyOf(territories), withDataIssues(measurements, gapRandom));
        }
    }

    /** With fewer managers than territories, the first managers each look after two neighbouring territories. */
    static List<String> managerPerTerritory(List<String> managers, int territories) {
        int doubled = territories - managers.size();
        List<String> perTerritory = new ArrayList<>();
        for (int i = 0; i < managers.size(); i++) {
            perTerritory.add(managers.get(i));
            if (i < doubled) {
                perTerritory.add(managers.get(i));
            }
        }
        return perTerritory;
    }

    /** Draws the same random numbers for every territory, so that a story does not shift its neighbours' numbers. */
    private static Territory territory(String code, String name, String regionCode, Person manager, List<Kpi> catalogue,
            Random random) {
        Map<String, Double> baseTargets = new HashMap<>();
        Map<String, Double> offsets = new HashMap<>();
        for (Kpi kpi : catalogue) {
            baseTargets.put(kpi.code(), kpi.targets().drawBaseTarget(random));
            offsets.put(kpi.code(), random.nextGaussian() * 0.035);
        }
        double level = clamp(1.0 + random.nextGaussian() * 0.03, 0.94, 1.06);
        return new Territory(code, name, regionCode, manager, storyOf(code), baseTargets, level, offsets);
    }

    private static Story storyOf(String territoryCode) {
        if (UNDERPERFORMING.contains(territoryCode)) {
            return Story.UNDERPERFORMING;
        }
        if (RECOVERING.contains(territoryCode)) {
            return Story.RECOVERING;
        }
        if (DECLINING.contains(territoryCode)) {
            return Story.DECLINING;
        }
        return Story.TYPICAL;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Performance: actual / target (target / actual for lower-is-better), 1.0 = on target


    /**
     * @param month 0 for 2025-05 .. 17 for 2026-10
     * @param noise a standard normal draw; each story scales and bounds it so its documented ranges always hold
     */
    private static double performance(Territory territory, Kpi kpi, int month, double noise) {
        return switch (territory.story()) {
            case TYPICAL -> clamp(territory.level() + territory.offsets().get(kpi.code()) + noise * 0.035, 0.78, 1.20);
            case UNDERPERFORMING -> kpi.targets().underperformerLevel() + bounded(noise, 0.015, 0.03);
            case RECOVERING -> month < 10
                    ? 0.75 + bounded(noise, 0.02, 0.045)
                    // four points a month from 2026-03; noise smaller than the step keeps the climb steady
                    : 0.75 + (month - 9) * 0.04 + bounded(noise, 0.008, 0.015);
            // a fixed per-KPI profile; no noise from 2026-05, so 2026-06 is better than 2026-05 and each of the
            // four falls after it shows in every KPI that rounding and scale leave room for
            case DECLINING -> decliningTrend(month) + clamp(territory.offsets().get(kpi.code()), -0.03, 0.03)
                    + (month < 12 ? bounded(noise, 0.01, 0.02) : 0);
        };
    }

    /**
     * Half a point better each month from 100 % in 2025-05 to 106 % in 2026-05 and 107 % in 2026-06, then seven points
     * less each month down to 79 % in 2026-10. The early drift is larger than the averaged noise, so the fine phase
     * never looks like a decline of its own.
     */
    private static double decliningTrend(int month) {
        if (month <= 12) {
            return 1.00 + month * 0.005;
        }
        return 1.07 - (month - 13) * 0.07;
    }

    private static double bounded(double noise, double deviation, double limit) {
        return clamp(noise * deviation, -limit, limit);
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Gaps and invalid data

    /**
     * Zeroes the invalid targets, then drops {@link #MISSING_ROWS} rows and empties {@link #EMPTY_ACTUALS} actuals,
     * picked at random among the rows of territories without a story (a gap would blur a story).
     */
    private static List<Measurement> withDataIssues(List<Measurement> measurements, Random random) {
        List<Integer> candidates = new ArrayList<>();
        List<Measurement> rows = new ArrayList<>(measurements.size());
        for (Measurement measurement : measurements) {
            boolean invalid = INVALID_TARGETS.contains(measurement.key());
            if (!invalid && storyOf(measurement.territoryCode()) == Story.TYPICAL) {
                candidates.add(rows.size());
            }
            rows.add(invalid ? measurement.withZeroTarget() : measurement);
        }
        Collections.shuffle(candidates, random);
        Set<Integer> missing = new HashSet<>(candidates.subList(0, MISSING_ROWS));
        Set<Integer> empty = new HashSet<>(candidates.subList(MISSING_ROWS, MISSING_ROWS + EMPTY_ACTUALS));

        List<Measurement> result = new ArrayList<>(rows.size() - MISSING_ROWS);
        for (int i = 0; i < rows.size(); i++) {
            if (empty.contains(i)) {
                result.add(rows.get(i).withoutActual());
            } else if (!missing.contains(i)) {
                result.add(rows.get(i));
            }
        }
        return List.copyOf(result);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // KPIs


    /** Seasonal targets follow the sales calendar and the 2026 plan; flat ones are the same every month. */
    private enum Plan { FLAT, SEASONAL }

    private static final double NO_CEILING = Double.POSITIVE_INFINITY;

    /** Revenue by calendar month (January first), relative to an average month: strong December, weak August. */
    private static final double[] SEASONALITY =
            {0.90, 0.93, 1.02, 1.00, 1.03, 1.02, 0.95, 0.80, 1.02, 1.05, 1.08, 1.25};

    /** 2026 plans ask for 5 % more than 2025, matching the sales growth target of 105. */
    private static final double PLAN_GROWTH_2026 = 1.05;

    /**
     * A KPI of the catalogue ({@code 0002-kpi-catalogue.csv}): its code and direction from there, and how the demo draws
     * its targets.
     */
    record Kpi(String code, boolean lowerIsBetter, Targets targets) {

        BigDecimal actual(double target, double performance) {
            double actual = lowerIsBetter ? target / performance : target * performance;
            return targets.scale(Math.min(actual, targets.ceiling()));
        }
    }

    /**
     * How the demo draws a KPI's targets (range, step, decimals, ceiling, plan) and where an underperforming territory
     * stands on it (a share of target).
     */
    record Targets(double minTarget, double maxTarget, double step, int decimals, double ceiling, Plan plan,
            double underperformerLevel) {

        /** A round value in the target range, e.g. 36.5 % margin or 240,500 EUR revenue. */
        double drawBaseTarget(Random random) {
            int steps = (int) Math.round((maxTarget - minTarget) / step);
            return minTarget + step * random.nextInt(steps + 1);
        }

        double target(double baseTarget, YearMonth period) {
            if (plan == Plan.FLAT) {
                return baseTarget;
            }
            double growth = period.getYear() >= 2026 ? PLAN_GROWTH_2026 : 1.0;
            double target = baseTarget * SEASONALITY[period.getMonthValue() - 1] * growth;
            return Math.round(target / 100) * 100.0;
        }

        BigDecimal scale(double value) {
            return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP);
        }
    }

    /**
     * The demo's targets of every catalogue KPI. Underperforming territories are worst at the customer KPIs and
     * revenue.
     */
    private static final Map<String, Targets> TARGETS = Map.ofEntries(
            // KPI code: min and max target, step, decimals, ceiling, plan, underperformers' share of target
            Map.entry("REVENUE",               new Targets(185_000, 455_000, 500, 2, NO_CEILING, Plan.SEASONAL, 0.70)),
            Map.entry("SALES_GROWTH",          new Targets(105,     105,     1,   2, NO_CEILING, Plan.FLAT,     0.85)),
            Map.entry("GROSS_MARGIN",          new Targets(32,      40,      0.5, 2, 100,        Plan.FLAT,     0.90)),
            Map.entry("CUSTOMER_SATISFACTION", new Targets(8,       8,       1,   2, 10,         Plan.FLAT,     0.78)),
            Map.entry("RETENTION_RATE",        new Targets(88,      92,      0.5, 2, 99,         Plan.FLAT,     0.80)),
            Map.entry("MARKET_SHARE",          new Targets(10,      25,      0.5, 2, 100,        Plan.FLAT,     0.82)),
            Map.entry("SALES_CYCLE_DAYS",      new Targets(45,      60,      1,   2, NO_CEILING, Plan.FLAT,     0.80)),
            Map.entry("LEAD_CONVERSION",       new Targets(18,      25,      0.5, 2, 100,        Plan.FLAT,     0.80)),
            Map.entry("REVENUE_PER_REP",       new Targets(50_000,  61_000,  500, 2, NO_CEILING, Plan.SEASONAL, 0.75)),
            Map.entry("TRAINING_COMPLETION",   new Targets(90,      95,      2.5, 2, 100,        Plan.FLAT,     0.88)),
            Map.entry("EMPLOYEE_ENGAGEMENT",   new Targets(75,      75,      1,   2, 100,        Plan.FLAT,     0.86)),
            Map.entry("SKILL_CERTIFICATIONS",  new Targets(3,       8,       1,   0, NO_CEILING, Plan.FLAT,     0.78)));
}
