package io.territoryscorecard.scorecard;

import static io.territoryscorecard.DemoAccount.HAMBURG_MANAGER;
import static io.territoryscorecard.DemoAccount.NORTH_MANAGER;
import static io.territoryscorecard.DemoAccount.SALES_OPS;
import static org.assertj.core.api.Assertions.assertThat;

import io.territoryscorecard.ApiClient;
import io.territoryscorecard.Browser;
import io.territoryscorecard.HttpAnswer;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Hostile input to the scorecard API and pages: SQL in the territory or period finds nothing and breaks nothing,
 * path tricks are refused, and a name full of markup is shown as text.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:scorecard-hostile-input-test;MODE=MySQL;"
                + "CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1",
        "scorecard.demo.evaluate-on-start=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScorecardHostileInputTest {

    private static final String SCRIPT = "<script>alert(1)</script>";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;

    @BeforeAll
    void evaluateOnePeriod() {
        api = ApiClient.anonymous(port);
        api.as(SALES_OPS).evaluate("2026-10");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"NORTH-01' OR '1'='1", "NORTH-03' OR '1'='1", "NORTH-03' --", "SOUTH-01' OR 1=1 --",
            "x' UNION SELECT id, code, name, 'NORTH', 1, 'GREEN', '{}' FROM territory --",
            "NORTH-03'; DROP TABLE territory; --", "%", "NORTH-0_"})
    void sqlInTheTerritoryIsNotFoundAndBreaksNothing(String territory) {
        HttpAnswer answer = api.as(HAMBURG_MANAGER).get("/api/scorecards/" + ApiClient.encoded(territory));

        // Spring Security's firewall refuses ';' and an encoded '%' with 400 before the application sees them.
        assertThat(answer.status()).as("%s", answer).isIn(400, 404);
        if (answer.status() == 404) {
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
        assertThat(answer.body()).doesNotContain("\"overall\"", "SQL", "Exception");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM territory").query(Long.class).single()).isEqualTo(60);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2026-10' OR 1=1 --", "2026-10'; DROP TABLE period_result; --", "2026-10 OR 1=1"})
    void sqlInThePeriodIsABadRequestNamingThePeriod(String period) {
        for (String path : new String[] {"/api/scorecards", "/api/scorecards/NORTH-01"}) {
            HttpAnswer answer = api.as(HAMBURG_MANAGER).get(path + "?period=" + ApiClient.encoded(period));

            assertThat(answer.status()).as("%s: %s", path, answer).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().path("detail").asString()).startsWith("period");
        }
        assertThat(api.as(HAMBURG_MANAGER).get("/api/scorecards").json().path("territories").size()).isEqualTo(2);
    }

    @Test
    void aBadPeriodOnAScorecardPageIsABadRequest() {
        Browser browser = new Browser(port);
        browser.signIn(NORTH_MANAGER);

        for (String page : new String[] {"/scorecards", "/scorecards/NORTH-01"}) {
            HttpAnswer answer = browser.get(page + "?period=" + ApiClient.encoded("2026-10' OR 1=1 --"));

            assertThat(answer.status()).as("%s: %s", page, answer).isEqualTo(400);
        }
    }

    @Test
    void aBadPeriodOnAScorecardPageShowsNoScorecardsAndNoDetails() {
        Browser browser = new Browser(port);
        browser.signIn(NORTH_MANAGER);

        for (String page : new String[] {"/scorecards", "/scorecards/NORTH-01"}) {
            HttpAnswer answer = browser.get(page + "?period=" + ApiClient.encoded("2026-10' OR 1=1 --"));

            assertThat(answer.status()).as("%s: %s", page, answer).isGreaterThanOrEqualTo(400);
            assertThat(answer.body()).doesNotContain("SOUTH-", "at io.territoryscorecard", "Exception");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/scorecards/..%2F..%2Fetc%2Fpasswd", "/api/scorecards/..%252F..%252Fetc%252Fpasswd",
            "/api/scorecards/%2e%2e/accounts", "/api/scorecards/NORTH-01%00", "/api/scorecards/..;/accounts",
            "/scorecards/..%2F..%2Fetc%2Fpasswd", "/scorecards/%2e%2e/account/tokens"})
    void pathTricksAreRefusedWithoutAnError(String path) {
        HttpAnswer answer = api.as(HAMBURG_MANAGER).send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).GET());

        assertThat(answer.status()).as("%s", answer).isIn(400, 401, 404);
        assertThat(answer.body()).doesNotContain("root:", "\"username\"", "Exception");
    }

    @Test
    void aTerritoryNameWithMarkupIsShownAsTextOnThePages() {
        jdbc.sql("UPDATE territory SET name = :name WHERE code = 'NORTH-01'").param("name", SCRIPT).update();
        Browser browser = new Browser(port);
        browser.signIn(NORTH_MANAGER);

        HttpAnswer list = browser.get("/scorecards");
        HttpAnswer detail = browser.get("/scorecards/NORTH-01");

        for (HttpAnswer page : new HttpAnswer[] {list, detail}) {
            assertThat(page.status()).as("%s", page).isEqualTo(200);
            assertThat(page.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain(SCRIPT);
        }
        HttpAnswer json = api.as(NORTH_MANAGER).get("/api/scorecards/NORTH-01");
        assertThat(json.json().path("territoryName").asString()).isEqualTo(SCRIPT);
        assertThat(json.contentType()).startsWith("application/json");
        assertThat(json.header("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void markupInTheAddressIsNotReflectedIntoThePage() {
        Browser browser = new Browser(port);
        browser.signIn(NORTH_MANAGER);
        String markup = "<img src=x onerror=alert(1)>";

        HttpAnswer answer = browser.send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + port + "/scorecards/" + ApiClient.encoded(markup)))
                .header("Accept", "text/html").GET());

        assertThat(answer.status()).as("%s", answer).isEqualTo(404);
        assertThat(answer.body()).doesNotContain(markup);
    }
}
