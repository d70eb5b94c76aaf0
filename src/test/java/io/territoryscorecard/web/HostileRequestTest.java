package io.territoryscorecard.web;

import static io.territoryscorecard.DemoAccount.ADMIN;
import static io.territoryscorecard.DemoAccount.NORTH_MANAGER;
import static io.territoryscorecard.DemoAccount.SALES_OPS;
import static io.territoryscorecard.DemoAccount.SOUTH_VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import io.territoryscorecard.ApiClient;
import io.territoryscorecard.Browser;
import io.territoryscorecard.HttpAnswer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Requests a careless or hostile client sends: broken or oversized JSON (declared or chunked), SQL in JSON fields,
 * addresses the firewall or Tomcat refuses, oversized headers. Each gets a problem answer that says what is wrong,
 * never a 500 or a container's default error body, and changes nothing. Every answer, page or API, carries the strict
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

        assertProblem(answer, 413);
    }

    @Test
    void anOversizedTokenRequestIsRefused() {
        String body = "{\"name\":\"big\",\"comment\":\"" + "x".repeat(TWO_MB) + "\"}";

        HttpAnswer answer = api.as(SOUTH_VIEWER).post("/api/me/tokens", body);

        assertProblem(answer, 413);
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

    /** A chunked body has no length to refuse up front: it is refused when reading passes the limit. */
    @Test
    void anOversizedChunkedBodyIsRefusedAsTooLarge() throws IOException {
        long runs = count("evaluation_run");
        String json = "{\"period\":\"2026-09\",\"comment\":\"" + "x".repeat(TWO_MB) + "\"}";
        byte[] body = (Integer.toHexString(json.length()) + "\r\n" + json + "\r\n0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);

        HttpAnswer answer = raw("POST /api/evaluations", List.of("Content-Type: application/json",
                "Transfer-Encoding: chunked", authorization(SALES_OPS)), body);

        assertProblem(answer, 413);
        assertThat(answer.json().path("detail").asString()).contains("larger than 1048576 bytes");
        assertThat(count("evaluation_run")).isEqualTo(runs);
    }

    @Test
    void aChunkedBodyBelowTheLimitIsRead() throws IOException {
        String json = "{\"period\":\"2026-13\"}";
        byte[] body = (Integer.toHexString(json.length()) + "\r\n" + json + "\r\n0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);

        HttpAnswer answer = raw("POST /api/evaluations", List.of("Content-Type: application/json",
                "Transfer-Encoding: chunked", authorization(SALES_OPS)), body);

        assertProblem(answer, 400);
        assertThat(answer.json().path("detail").asString()).startsWith("period");
    }

    /** Addresses Spring Security's firewall (first group) or Tomcat itself (second group) refuses. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "/api/me%3B | \"%3B\"", "/api/me;x=1 | \";\"", "/api/%2e%2e/accounts | \"%2e\"",
        "/api//me | \"//\"", "/api/me%25 | \"%25\"", "/api/me/./x | not normalized", "/nowhere%3b | \"%3b\"",
        "/api/me%2F | encoded '/'", "/api/me%2f | encoded '/'", "/api/me%5C | %5C", "/api/me%00 | %00",
        "/api/me\\x | percent-encoded", "/api/caf\u00e9 | percent-encoded"})
    void aRefusedAddressIsABadRequestProblem(String path, String named) throws IOException {
        HttpAnswer answer = raw("GET " + path, List.of(authorization(SALES_OPS)), null);

        assertProblem(answer, 400);
        assertThat(answer.json().path("detail").asString()).contains(named);
    }

    @Test
    void aRefusedAddressStillShowsTheErrorPageToABrowser() throws IOException {
        HttpAnswer answer = raw("GET /scorecards%3B", List.of("Accept: text/html"), null);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("text/html");
        assertThat(answer.body()).contains("This request cannot be handled.").doesNotContain("Whitelabel");
    }

    @Test
    void anOverlongAddressIsUriTooLong() throws IOException {
        HttpAnswer answer = raw("GET /api/me?q=" + "x".repeat(20_000), List.of(authorization(SALES_OPS)), null);

        assertProblem(answer, 414);
    }

    @Test
    void anOversizedHeaderIsRequestHeaderFieldsTooLarge() throws IOException {
        HttpAnswer answer = raw("GET /api/me", List.of(authorization(SALES_OPS), "X-Padding: " + "x".repeat(20_000)),
                null);

        assertProblem(answer, 431);
        assertThat(answer.body()).doesNotContain("xxxx");
    }

    @Test
    void anAddressWithoutAnEndpointOrMethodIsAProblem() {
        assertProblem(api.as(SALES_OPS).get("/api/nowhere"), 404);
        assertProblem(api.as(SALES_OPS).delete("/api/me"), 405);
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

    private static String authorization(io.territoryscorecard.DemoAccount account) {
        String pair = account.username() + ":" + account.password();
        return "Authorization: Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A request as written ("GET /path", headers, a body already framed), sent over a plain socket: what an HTTP
     * client library would refuse to send or would encode.
     */
    private HttpAnswer raw(String requestLine, List<String> headers, byte[] body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder(requestLine).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            head.append("Connection: close\r\n");
            headers.forEach(header -> head.append(header).append("\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                try {
                    out.write(body);
                } catch (IOException e) {
                    // the server may answer and close before it has read the whole body
                }
            }
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        }
    }

    /** Status, headers and body (chunks joined) of an answer read to its end; ISO-8859-1 keeps bytes and chars 1:1. */
    private static HttpAnswer parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end).split("\r\n");
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String line : List.of(lines).subList(1, lines.length)) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon), name -> new ArrayList<>())
                    .add(line.substring(colon + 1).strip());
        }
        String body = text.substring(end + 4);
        if (headers.getOrDefault("Transfer-Encoding", List.of()).contains("chunked")) {
            StringBuilder joined = new StringBuilder();
            int at = 0;
            for (int size; (size = Integer.parseInt(body.substring(at, body.indexOf("\r\n", at)).strip(), 16)) > 0;) {
                int start = body.indexOf("\r\n", at) + 2;
                joined.append(body, start, start + size);
                at = start + size + 2;
            }
            body = joined.toString();
        }
        return new HttpAnswer(Integer.parseInt(lines[0].split(" ")[1]), HttpHeaders.of(headers, (n, v) -> true),
                new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    private long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }
}
