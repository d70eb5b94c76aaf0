package io.territoryscorecard.measurement.imports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Keeps what a reader delivers, for asserting on it. */
class RecordingVisitor implements TableVisitor {

    final List<String> header = new ArrayList<>();
    final List<Integer> numbers = new ArrayList<>();
    final List<List<String>> rows = new ArrayList<>();
    final List<Boolean> broken = new ArrayList<>();
    int headerRow;
    boolean ended;

    @Override
    public boolean header(TableRow row) {
        headerRow = row.number();
        for (int i = 0; i < row.size(); i++) {
            header.add(row.value(i));
        }
        return true;
    }

    @Override
    public String columnName(int position) {
        return position < header.size() ? header.get(position) : "column " + (position + 1);
    }

    @Override
    public void row(TableRow row) {
        numbers.add(row.number());
        String[] values = new String[row.size()];
        boolean any = row.rowBroken();
        for (int i = 0; i < row.size(); i++) {
            values[i] = row.value(i);
            any |= row.broken(i);
        }
        rows.add(Arrays.asList(values));
        broken.add(any);
    }

    @Override
    public void end() {
        ended = true;
    }
}
