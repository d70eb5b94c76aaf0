package io.territoryscorecard.measurement.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Runs the importer's upsert statement itself (not through the import, which skips unchanged rows before they reach
 * it) and checks that {@code updated_at} changes only with actual or target, NULLs included. Shared by the H2 and
 * MariaDB tests.
 */
final class UpsertStatement {

    private static final LocalDateTime FIRST = LocalDateTime.of(2020, 1, 1, 0, 0);
    private static final LocalDateTime LATER = LocalDateTime.of(2021, 6, 1, 12, 30);

    private UpsertStatement() {
    }

    static void changesUpdatedAtOnlyWithTheValues(DataSource dataSource, JdbcClient jdbc, long territoryId,
            String period) throws SQLException {
        upsert(dataSource, territoryId, period, "1.5", null, FIRST);
        assertThat(row(jdbc, territoryId, period)).isEqualTo("1.500000|-|" + FIRST);

        upsert(dataSource, territoryId, period, "1.500", null, LATER);
        assertThat(row(jdbc, territoryId, period)).as("same values, NULL target").isEqualTo("1.500000|-|" + FIRST);

        upsert(dataSource, territoryId, period, "1.5", "2", LATER);
        assertThat(row(jdbc, territoryId, period)).as("target set").isEqualTo("1.500000|2.000000|" + LATER);

        upsert(dataSource, territoryId, period, "1.5", "2", FIRST);
        assertThat(row(jdbc, territoryId, period)).as("unchanged again").isEqualTo("1.500000|2.000000|" + LATER);

        upsert(dataSource, territoryId, period, null, "2", FIRST);
        assertThat(row(jdbc, territoryId, period)).as("actual emptied").isEqualTo("-|2.000000|" + FIRST);

        upsert(dataSource, territoryId, period, null, "2.0", LATER);
        assertThat(row(jdbc, territoryId, period)).as("same values, NULL actual").isEqualTo("-|2.000000|" + FIRST);

        upsert(dataSource, territoryId, period, "3", null, LATER);
        assertThat(row(jdbc, territoryId, period)).as("actual set, target emptied").isEqualTo("3.000000|-|" + LATER);

        upsert(dataSource, territoryId, period, "99999999999999.999999", null, FIRST);
        upsert(dataSource, territoryId, period, "99999999999999.999998", null, LATER);
        assertThat(row(jdbc, territoryId, period)).as("a change in the last of 20 digits")
                .isEqualTo("99999999999999.999998|-|" + LATER);
    }

    private static void upsert(DataSource dataSource, long territoryId, String period, String actual, String target,
            LocalDateTime now) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(MeasurementWriter.UPSERT)) {
            statement.setLong(1, territoryId);
            statement.setString(2, period);
            statement.setString(3, "REVENUE");
            setDecimal(statement, 4, actual);
            setDecimal(statement, 5, target);
            statement.setObject(6, now);
            statement.addBatch();
            statement.executeBatch();
        }
    }

    private static void setDecimal(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.DECIMAL);
        } else {
            statement.setBigDecimal(index, new BigDecimal(value));
        }
    }

    private static String row(JdbcClient jdbc, long territoryId, String period) {
        return jdbc.sql("SELECT actual, target, updated_at FROM measurement WHERE territory_id = :t AND period = :p "
                + "AND kpi_code = 'REVENUE'").param("t", territoryId).param("p", period)
                .query((rs, n) -> (rs.getBigDecimal(1) == null ? "-" : rs.getBigDecimal(1).toPlainString()) + "|"
                        + (rs.getBigDecimal(2) == null ? "-" : rs.getBigDecimal(2).toPlainString()) + "|"
                        + rs.getObject(3, LocalDateTime.class))
                .single();
    }
}
