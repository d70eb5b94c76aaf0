package io.territoryscorecard;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A database of its own on the real MariaDB server (127.0.0.1:3306, root without password), created afresh by the
 * test that owns it and dropped at its end. An unreachable server fails the test: it is never skipped. The name a test
 * gives gets this test run's process id appended ({@code scorecard_it_12345}), so two builds on one machine never
 * share a database.
 */
public final class ScratchDatabase {

    private static final String SERVER = "jdbc:mysql://127.0.0.1:3306/?connectTimeout=10000";
    private static final String RUN = "_" + ProcessHandle.current().pid();

    private ScratchDatabase() {
    }

    /** The JDBC URL of the database, with batch rewriting as production uses it. */
    public static String url(String name) {
        return "jdbc:mysql://127.0.0.1:3306/" + name + RUN + "?rewriteBatchedStatements=true";
    }

    /** Drops the database if it exists and creates it empty (utf8mb4). */
    public static void recreate(String name) throws SQLException {
        execute("DROP DATABASE IF EXISTS " + name + RUN,
                "CREATE DATABASE " + name + RUN + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    }

    public static void drop(String name) throws SQLException {
        execute("DROP DATABASE IF EXISTS " + name + RUN);
    }

    private static void execute(String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER, "root", "");
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
