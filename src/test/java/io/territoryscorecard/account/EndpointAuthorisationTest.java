package io.territoryscorecard.account;

import static io.territoryscorecard.DemoAccount.ADMIN;
import static io.territoryscorecard.DemoAccount.HAMBURG_MANAGER;
import static io.territoryscorecard.DemoAccount.SALES_OPS;
import static org.assertj.core.api.Assertions.assertThat;

import io.territoryscorecard.ApiClient;
import io.territoryscorecard.DemoAccount;
import io.territoryscorecard.HttpAnswer;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * Who may call which API endpoint: every endpoint refuses anonymous callers with 401, and each demo account gets
 * the answer its role allows. A refused call changes nothing (no audit entry). The matrix must name every
 * {@code /api/**} mapping, so a new endpoint cannot slip in without a decision on who may call it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:endpoint-authorisation-test;MODE=MySQL;"
                + "CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1",
        "scorecard.demo.evaluate-on-start=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointAuthorisationTest {

    /**
     * Columns: admin, salesops, north.manager, hamburg.manager, south.viewer; {territory} is NORTH-01, {alert} an
     * alert of NORTH-01, open again before every call.
     */
    private static final List<DemoAccount> CALLERS = List.of(DemoAccount.values());

    private static final List<Row> MATRIX = List.of(
            row("GET", "/api/scorecards", null, 200, 200, 200, 200, 200),
            row("GET", "/api/scorecards/{territory}", null, 200, 200, 200, 200, 404),
            row("GET", "/api/scorecards/{territory}/trend", null, 200, 200, 200, 200, 404),
            row("GET", "/api/rollups", null, 200, 200, 200, 200, 200),
            row("POST", "/api/evaluations", "{\"period\":\"2026-09\"}", 403, 202, 403, 403, 403),
            row("GET", "/api/evaluations", null, 200, 200, 403, 403, 403),
            row("GET", "/api/evaluations/{run}", null, 200, 200, 403, 403, 403),
            row("GET", "/api/accounts", null, 200, 403, 403, 403, 403),
            row("POST", "/api/accounts", """
                    {"username":"matrix.{caller}","password":"a-long-enough-password","role":"VIEWER"}""",
                    201, 403, 403, 403, 403),
            row("PATCH", "/api/accounts/{account}", "{\"displayName\":\"Changed by {caller}\"}",
                    204, 403, 403, 403, 403),
            row("GET", "/api/audit", null, 200, 403, 403, 403, 403),
            row("GET", "/api/audit/export.csv", null, 200, 403, 403, 403, 403),
            row("GET", "/api/me", null, 200, 200, 200, 200, 200),
            row("GET", "/api/me/tokens", null, 200, 200, 200, 200, 200),
            row("POST", "/api/me/tokens", "{\"name\":\"matrix\"}", 201, 201, 201, 201, 201),
            row("DELETE", "/api/me/tokens/{token}", null, 204, 204, 204, 204, 204),
            row("GET", "/api/rulesets", null, 200, 200, 403, 403, 403),
            row("GET", "/api/rulesets/active", null, 200, 200, 403, 403, 403),
            row("GET", "/api/rulesets/activations", null, 200, 200, 403, 403, 403),
            row("GET", "/api/rulesets/{version}", null, 200, 200, 403, 403, 403),
            row("GET", "/api/rulesets/{version}/diff/{version}", null, 200, 200, 403, 403, 403),
            row("POST", "/api/rulesets/{version}/activate", "{\"note\":\"matrix\"}", 403, 200, 403, 403, 403),
            // one version only: there is nothing to roll back to
            row("POST", "/api/rulesets/rollback", "{}", 403, 409, 403, 403, 403),
            // a JSON body where rule files belong: a bad request for sales ops, refused for everyone else
            row("POST", "/api/rulesets/validate", "{}", 403, 400, 403, 403, 403),
            row("POST", "/api/rulesets/scenarios", "{}", 403, 400, 403, 403, 403),
            row("POST", "/api/rulesets", "{}", 403, 400, 403, 403, 403),
            // drafts: {draft} is a new draft of salesops for each call, so each call finds it as it was started
            row("GET", "/api/rulesets/drafts", null, 200, 200, 403, 403, 403),
            row("POST", "/api/rulesets/drafts", "{}", 403, 201, 403, 403, 403),
            row("GET", "/api/rulesets/drafts/{draft}", null, 200, 200, 403, 403, 403),
            row("DELETE", "/api/rulesets/drafts/{draft}", null, 403, 204, 403, 403, 403),
            row("PUT", "/api/rulesets/drafts/{draft}/file?path=16-matrix.drl", "{\"content\":\"package scorecard;\"}",
                    403, 200, 403, 403, 403),
            row("DELETE", "/api/rulesets/drafts/{draft}/file?path=VERSION", null, 403, 204, 403, 403, 403),
            row("POST", "/api/rulesets/drafts/{draft}/rename",
                    "{\"from\":\"10-kpi-weights.drl\",\"to\":\"10-weights.drl\"}", 403, 200, 403, 403, 403),
            // a JSON body where files belong: a bad request for sales ops, refused for everyone else
            row("POST", "/api/rulesets/drafts/{draft}/upload", "{}", 403, 400, 403, 403, 403),
            row("POST", "/api/rulesets/drafts/{draft}/validate", null, 403, 200, 403, 403, 403),
            // the draft holds the active version's files: storing it gives that version
            row("POST", "/api/rulesets/drafts/{draft}/store", "{\"note\":\"matrix\"}", 403, 201, 403, 403, 403),
            // not stored yet, so there is nothing to activate
            row("POST", "/api/rulesets/drafts/{draft}/activate", "{}", 403, 409, 403, 403, 403),
            row("GET", "/api/scorecards/versions?period=2026-10", null, 200, 200, 200, 200, 200),
            // previews write nothing, so they are audited by the previewer only when they succeed
            row("POST", "/api/rulesets/{version}/preview?period=2026-10", null, 403, 200, 403, 403, 403),
            row("POST", "/api/rulesets/preview?period=2026-10", "{}", 403, 400, 403, 403, 403),
            // a JSON body where a multipart file belongs: a bad request for sales ops, refused for everyone else
            row("POST", "/api/imports/{kind}", "{}", 403, 400, 403, 403, 403),
            row("GET", "/api/imports/current", null, 403, 200, 403, 403, 403),
            row("GET", "/api/data-quality", null, 200, 200, 200, 200, 200),
            row("GET", "/api/data-quality/export.csv", null, 200, 200, 200, 200, 200),
            row("GET", "/api/alerts", null, 200, 200, 200, 200, 200),
            row("GET", "/api/alerts/{alert}", null, 200, 200, 200, 200, 404),
            row("POST", "/api/alerts/{alert}/acknowledge", "{\"note\":\"seen by {caller}\"}", 200, 200, 200, 200, 403),
            row("GET", "/api/alerts/export.csv", null, 200, 200, 200, 200, 200));

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    ApiClient api;
    long runId;
    long accountId;
    long adminTokenId;
    long alertId;
    String adminToken;
    long draftId;

    @BeforeAll
    void prepare() {
        api = ApiClient.anonymous(port);
        runId = api.as(SALES_OPS).evaluate("2026-10").path("id").asLong();
        HttpAnswer created = api.as(ADMIN).post("/api/accounts", """
                {"username":"matrix.target","password":"a-long-enough-password","role":"VIEWER"}""");
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        accountId = created.json().path("id").asLong();
        JsonNode token = api.as(ADMIN).post("/api/me/tokens", "{\"name\":\"kept\"}").json();
        adminTokenId = token.path("id").asLong();
        adminToken = token.path("token").asString();
        // An alert of its own, so the matrix does not depend on what the default alert rules raise for NORTH-01.
        jdbc.sql("""
                INSERT INTO alert (territory_id, period, code, alert_key, severity, message, rules, status, raised_at,
                                   raised_by_run_id, last_run_id)
                SELECT id, '2026-10', 'MATRIX', 'MATRIX//', 'HIGH', 'matrix alert', 'ALR-01', 'OPEN',
                       CURRENT_TIMESTAMP, :run, :run
                  FROM territory WHERE code = 'NORTH-01'""").param("run", runId).update();
        alertId = jdbc.sql("SELECT id FROM alert WHERE code = 'MATRIX'").query(Long.class).single();
        draftId = newDraft();
    }

    private long newDraft() {
        HttpAnswer draft = api.as(SALES_OPS).post("/api/rulesets/drafts", "{\"title\":\"matrix\"}");
        assertThat(draft.status()).as("%s", draft).isEqualTo(201);
        return draft.json().path("id").asLong();
    }

    static Stream<Arguments> endpoints() {
        return MATRIX.stream().map(row -> Arguments.of(row));
    }

    static Stream<Arguments> callsByRole() {
        return MATRIX.stream().flatMap(row -> CALLERS.stream()
                .map(caller -> Arguments.of(caller, row, row.expected()[caller.ordinal()])));
    }

    @ParameterizedTest(name = "anonymous {0} -> 401")
    @MethodSource("endpoints")
    void anonymousCallerIsAskedToSignInWithAProblemAndAChallenge(Row endpoint) {
        long auditBefore = auditRows();

        HttpAnswer answer = api.send(endpoint.method(), resolve(endpoint.path(), null), body(endpoint, "anonymous"));

        assertThat(answer.status()).as("%s", answer).isEqualTo(401);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("status").asInt()).isEqualTo(401);
        assertThat(answer.json().path("title").asString()).isEqualTo("Unauthorized");
        assertThat(answer.json().path("detail").asString()).isNotBlank();
        assertThat(answer.header("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).contains("Basic", "Bearer"));
        assertThat(auditRows()).isEqualTo(auditBefore);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("callsByRole")
    void eachRoleGetsWhatItMayDoAndNothingElse(DemoAccount caller, Row endpoint, int expected) {
        String path = resolve(endpoint.path(), caller);
        long auditBefore = auditRows(caller);

        HttpAnswer answer = api.as(caller).send(endpoint.method(), path, body(endpoint, caller.username()));

        assertThat(answer.status()).as("%s %s as %s: %s", endpoint.method(), path, caller, answer)
                .isEqualTo(expected);
        if (expected >= 400) {
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().path("status").asInt()).isEqualTo(expected);
            assertThat(auditRows(caller)).as("audit entries by %s after a refused call", caller)
                    .isEqualTo(auditBefore);
        }
        if (expected == 403) {
            assertThat(answer.json().path("title").asString()).isEqualTo("Forbidden");
        }
        if (expected < 300 && !endpoint.method().equals("GET")) {
            assertThat(auditRows(caller)).as("audit entries by %s after %s", caller, endpoint)
                    .isEqualTo(auditBefore + 1);
        }
    }

    @Test
    void theMatrixNamesEveryApiEndpoint() {
        Set<String> mapped = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(pattern -> pattern.startsWith("/api/"))
                .forEach(pattern -> info.getMethodsCondition().getMethods()
                        .forEach(method -> mapped.add(method + " " + normalised(pattern)))));
        Set<String> inMatrix = new TreeSet<>();
        MATRIX.forEach(row -> inMatrix.add(row.method() + " " + normalised(row.path())));

        assertThat(mapped).isNotEmpty().isEqualTo(inMatrix);
    }

    @Test
    void nobodyCanRevokeSomeoneElsesToken() {
        for (DemoAccount other : List.of(SALES_OPS, HAMBURG_MANAGER)) {
            HttpAnswer answer = api.as(other).delete("/api/me/tokens/" + adminTokenId);

            assertThat(answer.status()).as("%s: %s", other, answer).isEqualTo(404);
        }
        assertThat(api.anonymous().delete("/api/me/tokens/" + adminTokenId).status()).isEqualTo(401);
        HttpAnswer stillValid = api.bearer(adminToken).get("/api/me");
        assertThat(stillValid.status()).as("%s", stillValid).isEqualTo(200);
        assertThat(stillValid.json().path("username").asString()).isEqualTo("admin");
    }

    @Test
    void aRefusedAccountCreationCreatesNoAccount() {
        for (DemoAccount caller : List.of(SALES_OPS, DemoAccount.NORTH_MANAGER, DemoAccount.SOUTH_VIEWER)) {
            api.as(caller).post("/api/accounts", """
                    {"username":"sneaky.%s","password":"a-long-enough-password","role":"ADMIN"}"""
                    .formatted(caller.username()));
        }

        assertThat(jdbc.sql("SELECT COUNT(*) FROM account WHERE username LIKE 'sneaky.%'").query(Long.class)
                .single()).isZero();
    }

    private String resolve(String path, DemoAccount caller) {
        String resolved = path.replace("{territory}", "NORTH-01").replace("{run}", Long.toString(runId))
                .replace("{version}", Long.toString(jdbc.sql("SELECT id FROM ruleset_version WHERE active = TRUE")
                        .query(Long.class).single()))
                .replace("{account}", Long.toString(accountId)).replace("{kind}", "measurements")
                .replace("{alert}", Long.toString(alertId));
        if (path.contains("{alert}")) {
            jdbc.sql("""
                    UPDATE alert SET status = 'OPEN', acknowledged_at = NULL, acknowledged_by = NULL,
                                     acknowledgement_note = NULL
                     WHERE id = :id""").param("id", alertId).update();
        }
        if (resolved.contains("{draft}")) {
            long draft = caller == null ? draftId : newDraft();
            resolved = resolved.replace("{draft}", Long.toString(draft));
        }
        if (resolved.contains("{token}")) {
            long token = caller == null ? adminTokenId
                    : api.as(caller).post("/api/me/tokens", "{\"name\":\"to revoke\"}").json().path("id").asLong();
            resolved = resolved.replace("{token}", Long.toString(token));
        }
        return resolved;
    }

    private static String body(Row endpoint, String caller) {
        return endpoint.body() == null ? null : endpoint.body().replace("{caller}", caller);
    }

    private long auditRows() {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event").query(Long.class).single();
    }

    private long auditRows(DemoAccount actor) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE actor = :actor").param("actor", actor.username())
                .query(Long.class).single();
    }

    private static String normalised(String pattern) {
        int query = pattern.indexOf('?');
        return (query < 0 ? pattern : pattern.substring(0, query)).replaceAll("\\{[^}]*}", "{}");
    }

    private static Row row(String method, String path, String body, int... expected) {
        if (expected.length != CALLERS.size()) {
            throw new IllegalArgumentException(method + " " + path + ": one status per demo account");
        }
        return new Row(method, path, body, expected);
    }

    /** An endpoint and the status each demo account gets from it, in the order of {@link DemoAccount}. */
    record Row(String method, String path, String body, int[] expected) {

        @Override
        public String toString() {
            return method + " " + path;
        }
    }
}
