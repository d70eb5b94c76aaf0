package io.territoryscorecard.territory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Reads territories with their region and manager. */
@Service
public class Territories {

    private static final String SELECT = """
            SELECT t.id, t.code, t.name, r.code AS region_code, r.name AS region_name,
                   p.name AS manager_name, p.email AS manager_email
              FROM territory t
              JOIN region r ON r.id = t.region_id
              LEFT JOIN person p ON p.id = t.manager_id
            """;

    private final JdbcClient jdbc;

    Territories(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** All territories in id order (the order evaluations process them in). */
    public List<Territory> all() {
        return jdbc.sql(SELECT + " ORDER BY t.id").query(Territories::territory).list();
    }

    public Optional<Territory> byCode(String code) {
        return jdbc.sql(SELECT + " WHERE t.code = :code").param("code", code).query(Territories::territory).optional();
    }

    /**
     * Mapped by position: the record mapper looks up each column under several names, and every failed look-up
     * costs an exception (several per row, noticeable when an evaluation reads 100,000 territories).
     */
    private static Territory territory(ResultSet rs, int row) throws SQLException {
        return new Territory(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7));
    }
}
