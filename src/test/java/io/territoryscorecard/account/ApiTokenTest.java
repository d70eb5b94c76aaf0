package io.territoryscorecard.account;

import static io.territoryscorecard.DemoAccount.HAMBURG_MANAGER;
import static io.territoryscorecard.DemoAccount.SALES_OPS;
import static io.territoryscorecard.DemoAccount.SOUTH_VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import io.territoryscorecard.ApiClient;
import io.territoryscorecard.DemoAccount;
import io.territoryscorecard.HttpAnswer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Personal API tokens: shown once, acting with the owner's role and scope, dead once revoked, and stored only as a
 * SHA-256, so a copy of the database does not hand out working tokens.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:api-token-test;MODE=MySQL;"
                + "CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1",
        "scorecard.demo.evaluate-on-start=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiTokenTest {

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

    @Test
    void aNewTokenIsShownOnceAndActsWithTheOwnersRoleAndScope() {
        HttpAnswer created = api.as(HAMBURG_MANAGER).post("/api/me/tokens", "{\"name\":\"laptop\"}");

        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String token = created.json().path("token").asString();
        long id = created.json().path("id").asLong();
        assertThat(token).startsWith("tsc_").hasSizeGreaterThan(40);
        assertThat(created.location()).endsWith("/api/me/tokens/" + id);
        HttpAnswer listed = api.as(HAMBURG_MANAGER).get("/api/me/tokens");
        assertThat(listed.body()).contains("laptop").doesNotContain(token, token.substring(4));

        ApiClient withToken = api.bearer(token);
        HttpAnswer me = withToken.get("/api/me");
        assertThat(me.status()).as("%s", me).isEqualTo(200);
        assertThat(me.json().path("username").asString()).isEqualTo("hamburg.manager");
        assertThat(territories(withToken.get("/api/scorecards"))).containsExactly("NORTH-01", "NORTH-02");
        assertThat(withToken.get("/api/scorecards/NORTH-03").status()).isEqualTo(404);
        assertThat(withToken.get("/api/accounts").status()).isEqualTo(403);
        assertThat(withToken.get("/api/evaluations").status()).isEqualTo(403);
    }

    @Test
    void aRevokedTokenIsRefusedAtOnce() {
        JsonNode created = createToken(SOUTH_VIEWER, "to revoke");
        ApiClient withToken = api.bearer(created.path("token").asString());
        assertThat(withToken.get("/api/me").status()).isEqualTo(200);

        HttpAnswer revoked = api.as(SOUTH_VIEWER).delete("/api/me/tokens/" + created.path("id").asLong());

        assertThat(revoked.status()).as("%s", revoked).isEqualTo(204);
        assertUnauthorized(withToken.get("/api/me"));
        assertUnauthorized(withToken.get("/api/scorecards"));
        assertThat(api.as(SOUTH_VIEWER).delete("/api/me/tokens/" + created.path("id").asLong()).status())
                .as("revoking twice").isEqualTo(404);
        assertThat(api.as(SOUTH_VIEWER).get("/api/me/tokens").json().findValuesAsString("revokedAt"))
                .doesNotContainNull();
    }

    @Test
    void aTokenCanRevokeItself() {
        JsonNode created = createToken(HAMBURG_MANAGER, "self-revoking");
        ApiClient withToken = api.bearer(created.path("token").asString());

        assertThat(withToken.delete("/api/me/tokens/" + created.path("id").asLong()).status()).isEqualTo(204);

        assertUnauthorized(withToken.get("/api/me"));
    }

    @Test
    void madeUpTokensAreRefused() {
        String real = createToken(HAMBURG_MANAGER, "real").path("token").asString();
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String last = real.substring(real.length() - 1);
        List<String> madeUp = List.of(
                "tsc_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random),
                real.substring(0, real.length() - 1) + (last.equals("A") ? "B" : "A"),
                real.substring(4),
                real + "x",
                "tsc_",
                "tsc_' OR '1'='1",
                sha256(real));

        for (String token : madeUp) {
            assertUnauthorized(api.bearer(token).get("/api/me"));
        }
        assertThat(api.bearer(real).get("/api/me").status()).isEqualTo(200);
    }

    @Test
    void theDatabaseHoldsOnlyTheSha256OfAToken() {
        JsonNode created = createToken(SOUTH_VIEWER, "stored");
        String token = created.path("token").asString();

        String stored = jdbc.sql("SELECT token_hash FROM api_token WHERE id = :id")
                .param("id", created.path("id").asLong()).query(String.class).single();
        assertThat(stored).matches("[0-9a-f]{64}").isEqualTo(sha256(token));
        for (String table : List.of("api_token", "audit_event", "account")) {
            List<String> cells = allCells(table);
            assertThat(cells).as("cells of %s", table).isNotEmpty()
                    .noneMatch(cell -> cell.contains(token.substring(4)));
        }
    }

    private JsonNode createToken(DemoAccount owner, String name) {
        HttpAnswer created = api.as(owner).post("/api/me/tokens", "{\"name\":\"" + name + "\"}");
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.json();
    }

    private List<String> allCells(String table) {
        List<String> cells = new ArrayList<>();
        for (Map<String, Object> row : jdbc.sql("SELECT * FROM " + table).query().listOfRows()) {
            row.values().forEach(value -> cells.add(String.valueOf(value)));
        }
        return cells;
    }

    private static void assertUnauthorized(HttpAnswer answer) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(401);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.header("WWW-Authenticate")).isPresent();
        assertThat(answer.json().path("detail").asString()).isNotBlank();
    }

    private static List<String> territories(HttpAnswer overview) {
        assertThat(overview.status()).as("%s", overview).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        overview.json().path("territories").forEach(line -> codes.add(line.path("territory").asString()));
        return codes;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
