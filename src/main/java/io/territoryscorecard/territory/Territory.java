package io.territoryscorecard.territory;

/** A sales territory with its region and manager (manager fields are null when nobody is assigned). */
public record Territory(long id, String code, String name, String regionCode, String regionName, String managerName,
        String managerEmail) {
}
