package io.territoryscorecard.measurement.imports;

import io.territoryscorecard.measurement.ImportKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Checks an organisation file (one row per territory, with its region and managers) and, when every row is right,
 * writes people, regions and territories as upserts: by e-mail, region code and territory code, without regard to
 * case. Nothing is deleted. Files of this kind are small (one row per territory), so the rows are kept until the end.
 *
 * <p>A region manager is named by e-mail only. When no person has that e-mail (in the database or as a territory
 * manager in the file), the person is created with the e-mail as name.
 */
public final class OrganisationLoader extends TableLoader {

    private static final int REGION_CODE = 0;
    private static final int REGION_NAME = 1;
    private static final int REGION_MANAGER_EMAIL = 2;
    private static final int TERRITORY_CODE = 3;
    private static final int TERRITORY_NAME = 4;
    private static final int MANAGER_NAME = 5;
    private static final int MANAGER_EMAIL = 6;

    private final JdbcTemplate jdbc;
    private final List<Line> lines = new ArrayList<>();
    private final Map<String, Line> regions = new LinkedHashMap<>();
    private final Map<String, Integer> territories = new HashMap<>();
    /** Territory managers: e-mail to the first line naming them. */
    private final Map<String, Line> managers = new LinkedHashMap<>();
    private ImportCounts counts = new ImportCounts(0, 0, 0);

    public OrganisationLoader(JdbcTemplate jdbc, Problems problems, ImportMeter meter) {
        super(ImportKind.ORGANISATION.columns(), problems, meter);
        this.jdbc = jdbc;
    }

    private record Line(int row, String regionCode, String regionName, String regionManagerEmail, String territoryCode,
            String territoryName, String managerName, String managerEmail) {
    }

    public ImportCounts counts() {
        return counts;
    }

    @Override
    protected void check(TableRow row) {
        long before = problems.total();
        String regionCode = code(row, REGION_CODE, "region");
        String regionName = name(row, REGION_NAME, true);
        String regionManager = email(row, REGION_MANAGER_EMAIL);
        String territoryCode = code(row, TERRITORY_CODE, "territory");
        String territoryName = name(row, TERRITORY_NAME, true);
        String managerName = name(row, MANAGER_NAME, false);
        String managerEmail = email(row, MANAGER_EMAIL);
        if (managerName != null && managerEmail != null) {
            if (managerName.isEmpty() && !managerEmail.isEmpty()) {
                problem(row, MANAGER_NAME, "empty, but manager_email is given; give both or neither");
            } else if (!managerName.isEmpty() && managerEmail.isEmpty()) {
                problem(row, MANAGER_EMAIL, "empty, but manager_name is given; give both or neither");
            }
        }
        if (problems.total() != before || regionCode == null || regionName == null || regionManager == null
                || territoryCode == null || territoryName == null || managerName == null || managerEmail == null) {
            return;
        }
        Line line = new Line(row.number(), regionCode, regionName, regionManager, territoryCode, territoryName,
                managerName, managerEmail);
        Integer first = territories.putIfAbsent(key(territoryCode), row.number());
        if (first != null) {
            problem(row, TERRITORY_CODE, "territory " + territoryCode + " is in row " + first
                    + " already; each territory may appear only once");
        }
        Line region = regions.putIfAbsent(key(regionCode), line);
        if (region != null) {
            if (!region.regionName().equals(regionName)) {
                problem(row, REGION_NAME, "region " + regionCode + " is named '" + region.regionName() + "' in row "
                        + region.row() + "; every row of a region must give the same name");
            }
            if (!region.regionManagerEmail().equals(regionManager)) {
                problem(row, REGION_MANAGER_EMAIL, "region " + regionCode + " has manager '"
                        + region.regionManagerEmail() + "' in row " + region.row()
                        + "; every row of a region must give the same manager");
            }
        }
        if (!managerEmail.isEmpty()) {
            Line manager = managers.putIfAbsent(managerEmail, line);
            if (manager != null && !manager.managerName().equals(managerName)) {
                problem(row, MANAGER_NAME, managerEmail + " is named '" + manager.managerName() + "' in row "
                        + manager.row() + "; one person, one name");
            }
        }
        lines.add(line);
    }

    @Override
    protected void finish() {
        if (problems.any()) {
            return;
        }
        Set<String> changedPeople = writePeople();
        Map<String, Long> people = ids("SELECT LOWER(email), id FROM person");
        Set<String> changedRegions = writeRegions(people);
        Map<String, Long> regionIds = ids("SELECT UPPER(code), id FROM region");
        counts = writeTerritories(people, regionIds, changedPeople, changedRegions);
    }

    private record StoredPerson(long id, String name) {
    }

    private record StoredRegion(long id, String name, Long managerId) {
    }

    private record StoredTerritory(long id, String name, long regionId, Long managerId) {
    }

    /** Inserts new people and renames those whose name changed; answers the e-mails of both. */
    private Set<String> writePeople() {
        Map<String, StoredPerson> existing = new HashMap<>();
        jdbc.query("SELECT id, email, name FROM person", rs -> {
            existing.put(rs.getString(2).toLowerCase(Locale.ROOT), new StoredPerson(rs.getLong(1), rs.getString(3)));
        });
        Set<String> changed = new HashSet<>();
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> renames = new ArrayList<>();
        for (Map.Entry<String, Line> manager : managers.entrySet()) {
            StoredPerson before = existing.get(manager.getKey());
            String name = manager.getValue().managerName();
            if (before == null) {
                inserts.add(new Object[] {name, manager.getKey()});
                changed.add(manager.getKey());
            } else if (!before.name().equals(name)) {
                renames.add(new Object[] {name, before.id()});
                changed.add(manager.getKey());
            }
        }
        for (Line region : regions.values()) {
            String email = region.regionManagerEmail();
            if (!email.isEmpty() && !existing.containsKey(email) && !managers.containsKey(email)
                    && changed.add(email)) {
                inserts.add(new Object[] {email, email});
            }
        }
        jdbc.batchUpdate("INSERT INTO person (name, email) VALUES (?, ?)", inserts);
        jdbc.batchUpdate("UPDATE person SET name = ? WHERE id = ?", renames);
        return changed;
    }

    /** Inserts new regions and updates changed ones; answers the codes (upper case) of both. */
    private Set<String> writeRegions(Map<String, Long> people) {
        Map<String, StoredRegion> existing = new HashMap<>();
        jdbc.query("SELECT id, code, name, manager_id FROM region", rs -> {
            existing.put(key(rs.getString(2)), new StoredRegion(rs.getLong(1), rs.getString(3),
                    rs.getObject(4, Long.class)));
        });
        Set<String> changed = new HashSet<>();
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        for (Map.Entry<String, Line> region : regions.entrySet()) {
            Line line = region.getValue();
            Long manager = line.regionManagerEmail().isEmpty() ? null : people.get(line.regionManagerEmail());
            StoredRegion before = existing.get(region.getKey());
            if (before == null) {
                inserts.add(new Object[] {line.regionCode(), line.regionName(), manager});
                changed.add(region.getKey());
            } else if (!before.name().equals(line.regionName()) || !Objects.equals(before.managerId(), manager)) {
                updates.add(new Object[] {line.regionName(), manager, before.id()});
                changed.add(region.getKey());
            }
        }
        jdbc.batchUpdate("INSERT INTO region (code, name, manager_id) VALUES (?, ?, ?)", inserts);
        jdbc.batchUpdate("UPDATE region SET name = ?, manager_id = ? WHERE id = ?", updates);
        return changed;
    }

    /**
     * Inserts and updates territories. A row counts as updated when its territory changed, or its region or a
     * manager it names did.
     */
    private ImportCounts writeTerritories(Map<String, Long> people, Map<String, Long> regionIds,
            Set<String> changedPeople, Set<String> changedRegions) {
        Map<String, StoredTerritory> existing = new HashMap<>();
        jdbc.query("SELECT id, code, name, region_id, manager_id FROM territory", rs -> {
            existing.put(key(rs.getString(2)), new StoredTerritory(rs.getLong(1), rs.getString(3), rs.getLong(4),
                    rs.getObject(5, Long.class)));
        });
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        long updated = 0;
        long unchanged = 0;
        for (Line line : lines) {
            long region = regionIds.get(key(line.regionCode()));
            Long manager = line.managerEmail().isEmpty() ? null : people.get(line.managerEmail());
            StoredTerritory before = existing.get(key(line.territoryCode()));
            if (before == null) {
                inserts.add(new Object[] {line.territoryCode(), line.territoryName(), region, manager});
                continue;
            }
            boolean territoryChanged = !before.name().equals(line.territoryName()) || before.regionId() != region
                    || !Objects.equals(before.managerId(), manager);
            if (territoryChanged) {
                updates.add(new Object[] {line.territoryName(), region, manager, before.id()});
            }
            if (territoryChanged || changedRegions.contains(key(line.regionCode()))
                    || changedPeople.contains(line.managerEmail())) {
                updated++;
            } else {
                unchanged++;
            }
        }
        jdbc.batchUpdate("INSERT INTO territory (code, name, region_id, manager_id) VALUES (?, ?, ?, ?)", inserts);
        jdbc.batchUpdate("UPDATE territory SET name = ?, region_id = ?, manager_id = ? WHERE id = ?", updates);
        return new ImportCounts(inserts.size(), updated, unchanged);
    }

    private Map<String, Long> ids(String sql) {
        Map<String, Long> ids = new HashMap<>();
        jdbc.query(sql, rs -> {
            ids.put(rs.getString(1), rs.getLong(2));
        });
        return ids;
    }

    private String code(TableRow row, int column, String what) {
        String text = value(row, column);
        if (text == null) {
            return null;
        }
        if (text.isEmpty()) {
            problem(row, column, "empty; every row needs the code of its " + what);
            return null;
        }
        try {
            return Cells.code(text, 40);
        } catch (Cells.InvalidCell e) {
            problem(row, column, e.getMessage());
            return null;
        }
    }

    private String name(TableRow row, int column, boolean required) {
        String text = value(row, column);
        if (text == null) {
            return null;
        }
        if (text.isEmpty() && required) {
            problem(row, column, "empty; a name is needed");
            return null;
        }
        try {
            return Cells.text(text, 200);
        } catch (Cells.InvalidCell e) {
            problem(row, column, e.getMessage());
            return null;
        }
    }

    /** An e-mail in lower case, "" when empty, null when unusable. */
    private String email(TableRow row, int column) {
        String text = value(row, column);
        if (text == null || text.isEmpty()) {
            return text;
        }
        try {
            return Cells.email(text);
        } catch (Cells.InvalidCell e) {
            problem(row, column, e.getMessage());
            return null;
        }
    }

    private static String key(String code) {
        return code.toUpperCase(Locale.ROOT);
    }
}
