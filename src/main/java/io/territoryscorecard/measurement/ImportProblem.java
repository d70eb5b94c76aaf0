package io.territoryscorecard.measurement;

/**
 * One reason an import file was rejected. {@code row} is the row a spreadsheet shows (the header is row 1);
 * {@code column} is the header name, or null when the problem concerns the whole row or file.
 */
public record ImportProblem(int row, String column, String message) {
}
