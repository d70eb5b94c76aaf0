package io.territoryscorecard.evaluation;

import io.territoryscorecard.ScratchDatabase;
import static org.assertj.core.api.Assertions.assertThat;

import io.territoryscorecard.Launcher;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Restatements on the real MariaDB server (schema change 0012, the pointer update or insert), through the command line
 * as {@code java -jar} runs it. The test owns database {@code scorecard_restatement_it}: it creates it afresh and
 * drops it at the end.
 */
class MariaDbRestatementTest {

    private static final String DATABASE =
            ScratchDatabase.url("scorecard_restatement_it");

    static JdbcClient jdbc;

    @BeforeAll
    static void createDatabase() throws SQLException {
        ScratchDatabase.recreate("scorecard_restatement_it");
        jdbc = JdbcClient.create(new DriverManagerDataSource(DATABASE, "root", ""));
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        ScratchDatabase.drop("scorecard_restatement_it");
    }

    @Test
    void restatingTwiceKeepsOneRestatementPerVersionAndNeverTouchesTheCurrentResults() {
        assertThat(command("rules", "store", "rules", "--activate")).isZero();
        assertThat(command("evaluate", "--period=2026-06")).isZero();
        List<Map<String, Object>> current = jdbc.sql("SELECT * FROM period_result").query().listOfRows();
        long version = jdbc.sql("SELECT id FROM ruleset_version WHERE active = TRUE").query(Long.class).single();

        assertThat(command("evaluate", "--period=2026-06", "--version=" + version)).isZero();
        long first = restatement(version);
        assertThat(command("evaluate", "--period=2026-06", "--version=" + version)).isZero();
        long second = restatement(version);

        assertThat(second).isNotEqualTo(first);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM period_restatement").query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT purpose FROM evaluation_run WHERE id IN (:runs)").param("runs", List.of(first, second))
                .query(String.class).list()).containsOnly("RESTATEMENT");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM territory_score WHERE evaluation_run_id = :run").param("run", first)
                .query(Integer.class).single()).isEqualTo(60);
        assertThat(jdbc.sql("SELECT * FROM period_result").query().listOfRows()).isEqualTo(current);
        assertThat(jdbc.sql("SELECT purpose FROM evaluation_run WHERE id = :run")
                .param("run", current.get(0).get("evaluation_run_id")).query(String.class).single()).isEqualTo("CURRENT");
    }

    private static long restatement(long version) {
        return jdbc.sql("SELECT evaluation_run_id FROM period_restatement WHERE period = '2026-06'"
                + " AND ruleset_version_id = :version").param("version", version).query(Long.class).single();
    }

    private static int command(String... args) {
        return Launcher.runCommand(Stream.concat(Stream.of(args), Stream.of(
                "--spring.profiles.active=mysql",
                "--spring.datasource.url=" + DATABASE,
                "--spring.datasource.username=root",
                "--spring.datasource.password=",
                "--spring.liquibase.contexts=demo",
                "--scorecard.demo.evaluate-on-start=false",
                "--scorecard.security.allow-demo-passwords=true")).toArray(String[]::new));
    }
}
