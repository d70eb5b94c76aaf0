/**
 * Writing CSV for the exports of the feature modules (alerts, data quality, audit log): one writer that escapes what
 * a spreadsheet would run as a formula and sets the download's type, encoding and file name.
 */
@org.springframework.modulith.ApplicationModule(displayName = "CSV exports", allowedDependencies = {})
package io.territoryscorecard.csv;
