package io.territoryscorecard.measurement.imports;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code docs/examples/measurements.xlsx} from {@code docs/examples/measurements.csv}: the same rows, numbers
 * as number cells. Run after changing the CSV example:
 * {@code java -cp "target/test-classes:$(mvn -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
 * io.territoryscorecard.measurement.imports.ExampleWorkbook}. DataFormatExamplesTest checks that both import alike.
 */
public final class ExampleWorkbook {

    private ExampleWorkbook() {
    }

    public static void main(String[] args) throws IOException {
        Path csv = Path.of("docs/examples/measurements.csv");
        List<List<Object>> rows = new ArrayList<>();
        for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
            String[] values = line.split(",", -1);
            List<Object> row = new ArrayList<>();
            for (int column = 0; column < values.length; column++) {
                boolean number = !rows.isEmpty() && column >= 3 && !values[column].isEmpty();
                row.add(number ? (Object) new BigDecimal(values[column]).doubleValue()
                        : values[column].isEmpty() ? null : values[column]);
            }
            rows.add(row);
        }
        Files.write(Path.of("docs/examples/measurements.xlsx"), XlsxFiles.workbook(rows));
    }
}
