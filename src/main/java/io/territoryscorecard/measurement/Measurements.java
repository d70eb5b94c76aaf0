package io.territoryscorecard.measurement;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Reads the KPI catalogue and measurements. */
@Service
public class Measurements {

    private final JdbcClient jdbc;

    Measurements(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The KPI catalogue in display order. */
    public List<KpiDefinition> catalogue() {
        return jdbc.sql("""
                SELECT code, name, perspective, unit, direction, display_order
                  FROM kpi ORDER BY display_order, code
                """).query(KpiDefinition.class).list();
    }

    /**
     * The period's measurements of the territories with ids from {@code fromId} to {@code toId}, by territory. Mapped
     * by position: the record mapper looks each column up by its property name first ({@code territoryId}), and
     * Connector/J answers every miss with an exception, which cost an evaluation millions of them.
     */
    public List<MeasurementRow> forTerritories(Period period, long fromId, long toId) {
        return jdbc.sql("""
                SELECT territory_id, kpi_code, actual, target
                  FROM measurement
                 WHERE period = :period AND territory_id BETWEEN :fromId AND :toId
                 ORDER BY territory_id, kpi_code
                """)
                .param("period", period.toString()).param("fromId", fromId).param("toId", toId)
                .query((rs, row) -> new MeasurementRow(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3),
                        rs.getBigDecimal(4)))
                .list();
    }

    /** Whether the period has at least one measurement row (with or without an actual). */
    public boolean exist(Period period) {
        return jdbc.sql("SELECT 1 FROM measurement WHERE period = :period LIMIT 1").param("period", period.toString())
                .query(Integer.class).optional().isPresent();
    }

    /** Every period that has at least one measurement, oldest first. */
    public List<Period> periodsWithData() {
        return jdbc.sql("SELECT DISTINCT period FROM measurement ORDER BY period").query(String.class).list()
                .stream().map(Period::parse).toList();
    }
}
