package io.territoryscorecard.measurement.imports;

import io.territoryscorecard.measurement.ImportTestApplication;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The upsert on H2 in MySQL mode (MariaDbImportTest runs the same on MariaDB). */
@ImportTestApplication
class UpsertStatementTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Test
    void changesUpdatedAtOnlyWhenActualOrTargetChange() throws SQLException {
        long territory = jdbc.sql("SELECT id FROM territory WHERE code = 'COAST-10'").query(Long.class).single();

        UpsertStatement.changesUpdatedAtOnlyWithTheValues(dataSource, jdbc, territory, "2031-01");
    }
}
