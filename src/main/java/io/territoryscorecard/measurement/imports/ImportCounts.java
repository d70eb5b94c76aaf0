package io.territoryscorecard.measurement.imports;

/** What an applied import did with the file's data rows. */
public record ImportCounts(long inserted, long updated, long unchanged) {
}
