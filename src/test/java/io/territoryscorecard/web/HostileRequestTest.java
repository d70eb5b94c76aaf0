package io.territoryscorecard.web;

import static io.territoryscorecard.DemoAccount.ADMIN;
import static io.territoryscorecard.DemoAccount.NORTH_MANAGER;
import static io.territoryscorecard.DemoAccount.SALES_OPS;
import static io.territoryscorecard.DemoAccount.SOUTH_VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import io.territoryscorecard.ApiClient;
import io.territoryscorecard.Browser;
import io.territoryscorecard.HttpAnswer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Requests a careless or hostile client sends: broken or oversized JSON, SQL in JSON fields. Each gets a problem
 * answer that says what is wrong, never a 500, and changes nothing. Every answer, page or API, carries the strict
 * security headers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:hostile-request-test;MODE=MySQL;"
                + "CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1",
        "scorecard.demo.evaluate-on-start=false"})
class HostileRequestTest {

    private static final int TWO_MB = 2 * 1024 * 1024;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;

    @BeforeEach
    void connect() {
        api = ApiClient.anonymous(port);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"period\": \"2026-10\"", "{period: 2026-10}", "not json", "[\"2026-10\"]",
            "{\"period\": [\"2026-10\"]}", "{\"period\": {\"$gt\": \"\"}}", "", "null", "{}"})
    void malformedJsonForAnEvaluationIsABadRequestProblem(String body) {
        long runs = count("evaluation_run");

        HttpAnswer answer = api.as(SALES_OPS).post("/api/evaluations", body);

        assertProblem(answer, 400);
        assertThat(count("evaluation_run")).isEqualTo(runs);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"username\": \"broken\"", "{\"username\": [\"a\"], \"password\": 1}", "[]", "",
            "{\"username\":\"x\",\"password\":\"a-long-enough-password\",\"role\":{\"name\":\"ADMIN\"}}"})
    void malformedJsonForAnAccountIsABadRequestProblem(String body) {
        long accounts = count("account");

        HttpAnswer answer = api.as(ADMIN).post("/api/accounts", body);

        assertProblem(answer, 400);
        assertThat(count("account")).isEqualTo(accounts);
    }

    @Test
    void jsonSentAsPlainTextIsRefusedWithAProblem() {
        HttpAnswer answer = api.as(SALES_OPS).send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/evaluations"))
                .header("Content-Type", "text/plain").POST(BodyPublishers.ofString("{\"period\":\"2026-10\"}")));

        assertProblem(answer, 415);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"personEmail", "scopeRegion"})
    void sqlInAnAccountFieldIsAnUnknownValue(String field) {
        HttpAnswer answer = api.as(ADMIN).post("/api/accounts", """
                {"username":"sql.%s","password":"a-long-enough-password","role":"MANAGER","%s":"x' OR '1'='1"}"""
                .formatted(field.toLowerCase(), field));

        assertProblem(answer, 400);
        assertThat(answer.json().path("detail").asString()).startsWith(field);
    }

    /** Below the body limit (1 MB), a long value is a bad request naming its field. */
    @Test
    void anOversizedPeriodIsABadRequest() {
        String period = "2026-10" + "x".repeat(100_000);
        long runs = count("evaluation_run");

        HttpAnswer answer = api.as(SALES_OPS).post("/api/evaluations", "{\"period\":\"" + period + "\"}");

        assertThat(answer.status()).as("status").isEqualTo(400);
        assertThat(answer.json().path("detail").asString()).startsWith("period");
        assertThat(count("evaluation_run")).isEqualTo(runs);
    }

    @Test
    void anOversizedPeriodIsNotEchoedBack() {
        String period = "2026-10" + "x".repeat(TWO_MB);

        HttpAnswer answer = api.as(SALES_OPS).post("/api/evaluations", "{\"period\":\"" + period + "\"}");

        assertThat(answer.body().length()).as("answer length").isLessThan(10_000);
    }

    @Test
    void anOversizedEvaluationRequestIsRefused() {
        String body = "{\"period\":\"2026-09\",\"comment\":\"" + "x".repeat(TWO_MB) + "\"}";

        HttpAnswer answer = api.as(SALES_OPS).post("/api/evaluations", body);

        assertThat(answer.status()).as("%s", answer.status()).isIn(400, 413);
    }

    @Test
    void anOversizedTokenRequestIsRefused() {
        String body = "{\"name\":\"big\",\"comment\":\"" + "x".repeat(TWO_MB) + "\"}";

        HttpAnswer answer = api.as(SOUTH_VIEWER).post("/api/me/tokens", body);

        assertThat(answer.status()).as("%s", answer.status()).isIn(400, 413);
    }

    @Test
    void anOversizedDisplayNameIsRefusedNamingTheField() {
        HttpAnswer answer = api.as(ADMIN).post("/api/accounts", """
                {"username":"big.name","password":"a-long-enough-password","role":"VIEWER","displayName":"%s"}"""
                .formatted("x".repeat(100_000)));

        assertProblem(answer, 400);
        assertThat(answer.json().path("detail").asString()).startsWith("displayName");
        assertThat(answer.body().length()).isLessThan(10_000);
    }

    /** The body limit applies before anything else reads the body, sign-in included. */
    @Test
    void anOversizedBodyFromAnAnonymousCallerIsRefusedBeforeItIsRead() {
        HttpAnswer answer = api.post("/api/evaluations", "{\"period\":\"" + "x".repeat(TWO_MB) + "\"}");

        assertThat(answer.status()).isEqualTo(413);
    }

    @Test
    void apiAnswersCarryTheSecurityHeaders() {
        Map<String, HttpAnswer> answers = new LinkedHashMap<>();
        answers.put("200", api.as(NORTH_MANAGER).get("/api/me"));
        answers.put("401", api.get("/api/me"));
        answers.put("401 bad token", api.bearer("tsc_nothing").get("/api/me"));
        answers.put("403", api.as(NORTH_MANAGER).get("/api/accounts"));
        answers.put("404", api.as(ADMIN).patch("/api/accounts/999999", "{}"));
        answers.put("400", api.as(SALES_OPS).post("/api/evaluations", "{\"period\":\"2026-13\"}"));
        answers.put("csv", api.as(ADMIN).get("/api/audit/export.csv"));

        answers.forEach((name, answer) -> assertSecurityHeaders(name, answer));
    }

    @Test
    void pagesCarryTheSecurityHeaders() {
        Browser browser = new Browser(port);
        Map<String, HttpAnswer> answers = new LinkedHashMap<>();
        answers.put("anonymous redirect", browser.get("/scorecards"));
        answers.put("sign-in page", browser.get("/login"));
        answers.put("stylesheet", browser.get("/css/app.css"));
        answers.put("sign-in", browser.signIn(NORTH_MANAGER.username(), NORTH_MANAGER.password()));
        answers.put("scorecards", browser.get("/scorecards"));
        answers.put("tokens", browser.get("/account/tokens"));
        answers.put("not found", browser.get("/scorecards/NOWHERE-99"));

        answers.forEach((name, answer) -> assertSecurityHeaders(name, answer));
    }

    @Test
    void theSessionCookieIsHiddenFromScriptsAndOtherSites() {
        Browser browser = new Browser(port);

        HttpAnswer page = browser.get("/login");

        assertThat(page.headers("Set-Cookie")).filteredOn(cookie -> cookie.startsWith("JSESSIONID="))
                .singleElement().satisfies(cookie -> assertThat(cookie).contains("HttpOnly", "SameSite=Lax"));
    }

    private static void assertSecurityHeaders(String name, HttpAnswer answer) {
        assertThat(answer.header("Content-Security-Policy")).as("%s: %s", name, answer).hasValueSatisfying(
                csp -> assertThat(csp).contains("default-src 'self'", "script-src 'self'", "object-src 'none'",
                        "frame-ancestors 'none'").doesNotContain("unsafe-inline", "unsafe-eval"));
        assertThat(answer.header("X-Frame-Options")).as("%s", name).hasValue("DENY");
        assertThat(answer.header("X-Content-Type-Options")).as("%s", name).hasValue("nosniff");
        assertThat(answer.header("Referrer-Policy")).as("%s", name).hasValue("same-origin");
    }

    private static void assertProblem(HttpAnswer answer, int status) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(status);
        assertThat(answer.contentType()).as("%s", answer).startsWith("application/problem+json");
        assertThat(answer.json().path("status").asInt()).isEqualTo(status);
        assertThat(answer.json().path("detail").asString()).isNotBlank();
        assertThat(answer.body()).doesNotContain("Exception", "at io.", "at org.");
    }

    private long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }
}
