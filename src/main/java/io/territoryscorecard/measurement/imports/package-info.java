/**
 * Inside the measurement module: reading import files (a strict RFC 4180 CSV reader and a streaming .xlsx reader),
 * checking every cell, and writing the rows. Only {@link io.territoryscorecard.measurement.Imports} uses this package.
 */
package io.territoryscorecard.measurement.imports;
