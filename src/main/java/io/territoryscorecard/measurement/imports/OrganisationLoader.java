package io.territoryscorecard.measurement.imports;

import io.territoryscorecard.measurement.ImportKind;
import io.territoryscorecard.territory.Organisation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks an organisation file (one row per territory, with its region and managers) and, when every row is right,
 * has the territory module write people, regions and territories ({@link Organisation}). Files of this kind are small
 * (one row per territory), so the rows are kept until the end.
 */
public final class OrganisationLoader extends TableLoader {

    private static final int REGION_CODE = 0;
    private static final int REGION_NAME = 1;
    private static final int REGION_MANAGER_EMAIL = 2;
    private static final int TERRITORY_CODE = 3;
    private static final int TERRITORY_NAME = 4;
    private static final int MANAGER_NAME = 5;
    private static final int MANAGER_EMAIL = 6;

    private final Organisation organisation;
    private final List<Line> lines = new ArrayList<>();
    private final Map<String, Line> regions = new LinkedHashMap<>();
    private final Map<String, Integer> territories = new HashMap<>();
    /** Territory managers: e-mail to the first line naming them. */
    private final Map<String, Line> managers = new LinkedHashMap<>();
    private ImportCounts counts = new ImportCounts(0, 0, 0);

    public OrganisationLoader(Organisation organisation, Problems problems, ImportMeter meter) {
        super(ImportKind.ORGANISATION.columns(), problems, meter);
        this.organisation = organisation;
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
        Map<String, String> managerNames = new LinkedHashMap<>();
        managers.forEach((email, line) -> managerNames.put(email, line.managerName()));
        List<Organisation.RegionLine> regionLines = regions.values().stream()
                .map(line -> new Organisation.RegionLine(line.regionCode(), line.regionName(),
                        line.regionManagerEmail()))
                .toList();
        List<Organisation.TerritoryLine> territoryLines = lines.stream()
                .map(line -> new Organisation.TerritoryLine(line.territoryCode(), line.territoryName(),
                        line.regionCode(), line.managerName(), line.managerEmail()))
                .toList();
        Organisation.Written written = organisation.write(managerNames, regionLines, territoryLines);
        counts = new ImportCounts(written.inserted(), written.updated(), written.unchanged());
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
