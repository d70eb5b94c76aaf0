package io.territoryscorecard.measurement;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The example files that docs/data-formats.md describes import as they are, CSV and .xlsx alike. */
@ImportTestApplication
class DataFormatExamplesTest {

    private static final Path EXAMPLES = Path.of("docs/examples");

    @Autowired
    Imports imports;

    private ImportReport importExample(ImportKind kind, String name) throws IOException {
        ImportReport report = imports.importFile(kind, EXAMPLES.resolve(name), "test");
        assertThat(report.problems()).as(name).isEmpty();
        return report;
    }

    @Test
    void theExamplesImportInTheDocumentedOrderAndTheWorkbookMatchesTheCsv() throws IOException {
        ImportReport organisation = importExample(ImportKind.ORGANISATION, "organisation.csv");
        ImportReport kpis = importExample(ImportKind.KPIS, "kpis.csv");
        ImportReport csv = importExample(ImportKind.MEASUREMENTS, "measurements.csv");
        ImportReport xlsx = importExample(ImportKind.MEASUREMENTS, "measurements.xlsx");

        assertThat(organisation.rows()).isEqualTo(5);
        assertThat(kpis.rows()).isEqualTo(2);
        assertThat(csv.rows()).isEqualTo(15);
        assertThat(List.of(xlsx.rows(), xlsx.inserted(), xlsx.updated(), xlsx.unchanged()))
                .containsExactly(15L, 0L, 0L, 15L);
    }
}
