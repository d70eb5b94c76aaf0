package io.territoryscorecard.measurement.imports;

/** Receives a file's rows as a reader streams them: the header first, then every data row, then the end. */
public interface TableVisitor {

    /** The header row (its values are the column names); false when the data rows cannot be checked at all. */
    boolean header(TableRow header);

    /** The column names of the header as the reader should use them in problems, by position. */
    String columnName(int position);

    void row(TableRow row);

    /** The file has been read to the end (also after {@link #header} answered false). */
    void end();
}
