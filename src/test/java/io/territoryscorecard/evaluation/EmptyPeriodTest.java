package io.territoryscorecard.evaluation;

import static io.territoryscorecard.DemoAccount.NORTH_MANAGER;
import static io.territoryscorecard.DemoAccount.SALES_OPS;
import static org.assertj.core.api.Assertions.assertThat;

import io.territoryscorecard.ApiClient;
import io.territoryscorecard.Browser;
import io.territoryscorecard.HttpAnswer;
import io.territoryscorecard.Launcher;
import io.territoryscorecard.MultipartForm;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A period without measurements is not evaluated, whichever way the evaluation is asked for (API, command line, page,
 * restatement), and the message says what to do first; nothing is recorded. A period that an older version did
 * evaluate without measurements does not become the default period.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmptyPeriodTest {

    private static final String DATABASE = "jdbc:h2:mem:empty-period-" + UUID.randomUUID()
            + ";MODE=MySQL;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";
    private static final String EMPTY = "2030-01";
    private static final String MESSAGE = EMPTY + " has no measurements: import them first (Imports page or `import`), "
            + "then evaluate";

    static ConfigurableApplicationContext server;
    static int port;
    static ApiClient api;
    static JdbcClient jdbc;

    @BeforeAll
    static void start() {
        server = Launcher.startServer("--spring.datasource.url=" + DATABASE,
                "--scorecard.demo.evaluate-on-start=false");
        port = Launcher.port(server);
        api = ApiClient.anonymous(port).as(SALES_OPS);
        jdbc = server.getBean(JdbcClient.class);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anEvaluationOfAPeriodWithoutMeasurementsIsRefusedWith422NamingThePeriod() {
        HttpAnswer refused = api.post("/api/evaluations", "{\"period\":\"" + EMPTY + "\"}");

        assertThat(refused.status()).as("%s", refused).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        JsonNode problem = refused.json();
        assertThat(problem.path("detail").asString()).isEqualTo(MESSAGE);
        assertThat(problem.path("period").asString()).isEqualTo(EMPTY);
        assertThat(problem.path("title").asString()).isEqualTo("Period has no measurements");
        assertThat(runsOf(EMPTY)).isZero();
    }

    @Test
    void aRestatementOfAPeriodWithoutMeasurementsIsRefusedToo() {
        // the period is checked before the version is looked up: any version gets the same answer
        HttpAnswer refused = api.post("/api/evaluations", "{\"period\":\"" + EMPTY + "\",\"rulesetVersionId\":1}");

        assertThat(refused.status()).as("%s", refused).isEqualTo(422);
        assertThat(refused.json().path("period").asString()).isEqualTo(EMPTY);
        assertThat(runsOf(EMPTY)).isZero();
    }

    @Test
    void theEvaluateCommandEndsWithExitCode1AndTheMessage(CapturedOutput output) {
        int exit = Launcher.runCommand("evaluate", "--period=" + EMPTY, "--spring.datasource.url=" + DATABASE,
                "--scorecard.demo.evaluate-on-start=false");

        assertThat(exit).isEqualTo(1);
        assertThat(output.getErr()).contains(MESSAGE).contains("Nothing was started.");
        assertThat(runsOf(EMPTY)).isZero();
    }

    @Test
    void theEvaluationsPageShowsTheMessageAndStartsNothing() {
        Browser browser = new Browser(port);
        browser.signIn(SALES_OPS);
        String csrf = browser.csrfTokenOf("/evaluations");

        HttpAnswer posted = browser.postForm("/evaluations", Map.of("period", EMPTY, "_csrf", csrf));

        assertThat(posted.status()).isEqualTo(302);
        assertThat(posted.location()).endsWith("/evaluations");
        String page = browser.get("/evaluations").body();
        assertThat(page).contains("<p class=\"error\">" + MESSAGE + "</p>");
        assertThat(runsOf(EMPTY)).isZero();
    }

    @Test
    void theDefaultPeriodPassesOverAPeriodEvaluatedWithoutMeasurements() {
        api.evaluate("2026-10");
        // How an older version left such a period: evaluated while it had no measured value at all. Today the only
        // way there is a period whose one row has no actual, its row removed after the evaluation.
        HttpAnswer imported = api.post("/api/imports/measurements", new MultipartForm().file("file", "empty.csv",
                "territory_code,period,kpi_code,actual,target\nNORTH-01,2031-06,REVENUE,,1000\n"));
        assertThat(imported.status()).as("%s", imported).isEqualTo(200);
        api.evaluate("2031-06");
        jdbc.sql("DELETE FROM measurement WHERE period = '2031-06'").update();
        assertThat(api.get("/api/scorecards?period=2031-06").json().path("territories").size()).isEqualTo(60);

        assertThat(api.get("/api/scorecards").json().path("period").asString()).isEqualTo("2026-10");
        assertThat(api.get("/api/scorecards/NORTH-03").json().path("period").asString()).isEqualTo("2026-10");
        assertThat(api.get("/api/scorecards/NORTH-03/trend").json().path("to").asString()).isEqualTo("2026-10");
        assertThat(api.get("/api/scorecards/versions").json().path("period").asString()).isEqualTo("2026-10");
        Browser manager = new Browser(port);
        manager.signIn(NORTH_MANAGER);
        assertThat(manager.get("/scorecards").body()).contains("<h1>Scorecards <span>2026-10</span></h1>");
        assertThat(manager.get("/scorecards/NORTH-03").body()).contains("<span>2026-10</span></h1>");
    }

    private static int runsOf(String period) {
        return jdbc.sql("SELECT COUNT(*) FROM evaluation_run WHERE period = :period").param("period", period)
                .query(Integer.class).single();
    }
}
