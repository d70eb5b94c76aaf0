package io.territoryscorecard.measurement.imports;

import java.io.IOException;

/** A file of rows (CSV or .xlsx) that streams itself to a visitor, reporting what it cannot read. */
public interface TableSource {

    void read(TableVisitor visitor, Problems problems) throws IOException;
}
