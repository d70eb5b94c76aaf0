package io.territoryscorecard.territory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Writes an organisation (people, regions, territories) as upserts: people by e-mail, regions and territories by code,
 * without regard to case. Nothing is deleted. Runs in the caller's transaction; the caller has checked the input.
 *
 * <p>A region manager is named by e-mail only. When no person has that e-mail (in the database or as a territory
 * manager given), the person is created with the e-mail as name.
 */
@Service
public class Organisation {

    private final JdbcTemplate jdbc;

    Organisation(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A region with its manager's e-mail in lower case ("" for none). */
    public record RegionLine(String code, String name, String managerEmail) {
    }

    /** A territory with its region's code and its manager ("" name and e-mail for none), e-mail in lower case. */
    public record TerritoryLine(String code, String name, String regionCode, String managerName, String managerEmail) {
    }

    /** Territories inserted, updated (it, its region or a manager it names changed), and left as they were. */
    public record Written(long inserted, long updated, long unchanged) {
    }

    private record StoredPerson(long id, String name) {
    }

    private record StoredRegion(long id, String name, Long managerId) {
    }

    private record StoredTerritory(long id, String name, long regionId, Long managerId) {
    }

    /**
     * Writes the organisation.
     *
     * @param managers territory managers: e-mail (lower case) to name
     * @param regions each region once
     * @param territories each territory once
     */
    public Written write(Map<String, String> managers, List<RegionLine> regions, List<TerritoryLine> territories) {
        Set<String> changedPeople = writePeople(managers, regions);
        Map<String, Long> people = ids("SELECT LOWER(email), id FROM person");
        Set<String> changedRegions = writeRegions(regions, people);
        Map<String, Long> regionIds = ids("SELECT UPPER(code), id FROM region");
        return writeTerritories(territories, people, regionIds, changedPeople, changedRegions);
    }

    /** Inserts new people and renames those whose name changed; answers the e-mails of both. */
    private Set<String> writePeople(Map<String, String> managers, List<RegionLine> regions) {
        Map<String, StoredPerson> existing = new HashMap<>();
        jdbc.query("SELECT id, email, name FROM person", rs -> {
            existing.put(rs.getString(2).toLowerCase(Locale.ROOT), new StoredPerson(rs.getLong(1), rs.getString(3)));
        });
        Set<String> changed = new HashSet<>();
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> renames = new ArrayList<>();
        for (Map.Entry<String, String> manager : managers.entrySet()) {
            StoredPerson before = existing.get(manager.getKey());
            String name = manager.getValue();
            if (before == null) {
                inserts.add(new Object[] {name, manager.getKey()});
                changed.add(manager.getKey());
            } else if (!before.name().equals(name)) {
                renames.add(new Object[] {name, before.id()});
                changed.add(manager.getKey());
            }
        }
        for (RegionLine region : regions) {
            String email = region.managerEmail();
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
    private Set<String> writeRegions(List<RegionLine> regions, Map<String, Long> people) {
        Map<String, StoredRegion> existing = new HashMap<>();
        jdbc.query("SELECT id, code, name, manager_id FROM region", rs -> {
            existing.put(key(rs.getString(2)), new StoredRegion(rs.getLong(1), rs.getString(3),
                    rs.getObject(4, Long.class)));
        });
        Set<String> changed = new HashSet<>();
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        for (RegionLine region : regions) {
            Long manager = region.managerEmail().isEmpty() ? null : people.get(region.managerEmail());
            StoredRegion before = existing.get(key(region.code()));
            if (before == null) {
                inserts.add(new Object[] {region.code(), region.name(), manager});
                changed.add(key(region.code()));
            } else if (!before.name().equals(region.name()) || !Objects.equals(before.managerId(), manager)) {
                updates.add(new Object[] {region.name(), manager, before.id()});
                changed.add(key(region.code()));
            }
        }
        jdbc.batchUpdate("INSERT INTO region (code, name, manager_id) VALUES (?, ?, ?)", inserts);
        jdbc.batchUpdate("UPDATE region SET name = ?, manager_id = ? WHERE id = ?", updates);
        return changed;
    }

    /**
     * Inserts and updates territories. A territory counts as updated when it changed, or its region or a manager it
     * names did.
     */
    private Written writeTerritories(List<TerritoryLine> territories, Map<String, Long> people,
            Map<String, Long> regionIds, Set<String> changedPeople, Set<String> changedRegions) {
        Map<String, StoredTerritory> existing = new HashMap<>();
        jdbc.query("SELECT id, code, name, region_id, manager_id FROM territory", rs -> {
            existing.put(key(rs.getString(2)), new StoredTerritory(rs.getLong(1), rs.getString(3), rs.getLong(4),
                    rs.getObject(5, Long.class)));
        });
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        long updated = 0;
        long unchanged = 0;
        for (TerritoryLine line : territories) {
            long region = regionIds.get(key(line.regionCode()));
            Long manager = line.managerEmail().isEmpty() ? null : people.get(line.managerEmail());
            StoredTerritory before = existing.get(key(line.code()));
            if (before == null) {
                inserts.add(new Object[] {line.code(), line.name(), region, manager});
                continue;
            }
            boolean territoryChanged = !before.name().equals(line.name()) || before.regionId() != region
                    || !Objects.equals(before.managerId(), manager);
            if (territoryChanged) {
                updates.add(new Object[] {line.name(), region, manager, before.id()});
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
        return new Written(inserts.size(), updated, unchanged);
    }

    private Map<String, Long> ids(String sql) {
        Map<String, Long> ids = new HashMap<>();
        jdbc.query(sql, rs -> {
            ids.put(rs.getString(1), rs.getLong(2));
        });
        return ids;
    }

    private static String key(String code) {
        return code.toUpperCase(Locale.ROOT);
    }
}
