/**
 * Inside the measurement module: reading import files (a strict RFC 4180 CSV reader and a streaming .xlsx reader),
 * checking every cell, and writing the rows. {@link io.territoryscorecard.measurement.Imports} uses all of it; the
 * readers and the cell checks are also the named interface "imports", through which the ruleset module reads its
 * decision tables, so that a spreadsheet is read and checked one way in the whole service.
 */
@org.springframework.modulith.NamedInterface("imports")
package io.territoryscorecard.measurement.imports;
