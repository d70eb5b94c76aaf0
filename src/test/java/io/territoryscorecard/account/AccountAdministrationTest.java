package io.territoryscorecard.account;

import static io.territoryscorecard.DemoAccount.ADMIN;
import static io.territoryscorecard.DemoAccount.SALES_OPS;
import static org.assertj.core.api.Assertions.assertThat;

import io.territoryscorecard.ApiClient;
import io.territoryscorecard.Browser;
import io.territoryscorecard.HttpAnswer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Account administration over /api/accounts: a new account gets exactly the scope of the person it is linked to,
 * bad input is refused naming the field and leaves nothing behind, a disabled account is shut out, and every change
 * is in the audit log with the admin as actor.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:account-administration-test;MODE=MySQL;"
                + "CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1",
        "scorecard.demo.evaluate-on-start=false"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountAdministrationTest {

    private static final String PASSWORD = "a-long-enough-password";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    ApiClient admin;

    @BeforeAll
    void evaluateOnePeriod() {
        api = ApiClient.anonymous(port);
        admin = api.as(ADMIN);
        api.as(SALES_OPS).evaluate("2026-10");
    }

    @Test
    void aNewManagerSeesExactlyTheTerritoriesOfTheLinkedPerson() {
        long person = jdbc.sql("SELECT manager_id FROM territory WHERE code = 'SOUTH-05'").query(Long.class).single();
        String email = jdbc.sql("SELECT email FROM person WHERE id = :id").param("id", person).query(String.class)
                .single();
        List<String> managed = jdbc.sql("SELECT code FROM territory WHERE manager_id = :id ORDER BY code")
                .param("id", person).query(String.class).list();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM region WHERE manager_id = :id").param("id", person)
                .query(Long.class).single()).as("a territory manager, not a region manager").isZero();

        HttpAnswer created = admin.post("/api/accounts", """
                {"username":"new.manager","displayName":"New Manager","password":"%s","role":"MANAGER",
                 "personEmail":"%s"}""".formatted(PASSWORD, email));

        assertThat(created.status()).as("%s", created).isEqualTo(201);
        long id = created.json().path("id").asLong();
        assertThat(created.location()).endsWith("/api/accounts/" + id);
        ApiClient manager = api.basic("new.manager", PASSWORD);
        assertThat(territories(manager.get("/api/scorecards"))).isNotEmpty().hasSizeLessThan(60)
                .containsExactlyElementsOf(managed).contains("SOUTH-05");
        assertThat(manager.get("/api/scorecards/SOUTH-07").status()).isEqualTo(404);
        assertThat(manager.get("/api/accounts").status()).isEqualTo(403);
        JsonNode listed = account("new.manager");
        assertThat(listed.path("role").asString()).isEqualTo("MANAGER");
        assertThat(listed.path("personId").asLong()).isEqualTo(person);
        assertThat(listed.path("enabled").asBoolean()).isTrue();
        assertThat(audit("new.manager")).containsExactly("admin ACCOUNT_CREATED role MANAGER");
    }

    @Test
    void theAccountListNeverShowsPasswords() {
        HttpAnswer list = admin.get("/api/accounts");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().size()).isGreaterThanOrEqualTo(5);
        for (JsonNode account : list.json()) {
            assertThat(account.propertyNames()).as("%s", account)
                    .noneMatch(name -> name.toLowerCase().contains("password") || name.toLowerCase().contains("hash"));
        }
        assertThat(list.body()).doesNotContain("$2a$", "$2b$", "$2y$");
    }

    @ParameterizedTest(name = "password \"{0}\"")
    @ValueSource(strings = {"elevenchars", "short", "demo-manager", "demo-salesops", "demo-viewer", "demo-admin"})
    void aWeakOrPublicPasswordIsRefusedNamingTheField(String password) {
        String username = "weak." + Math.abs(password.hashCode());

        HttpAnswer refused = admin.post("/api/accounts", """
                {"username":"%s","password":"%s","role":"VIEWER"}""".formatted(username, password));

        assertBadRequestNaming(refused, "password");
        assertNoAccount(username);
    }

    @Test
    void aMissingPasswordIsRefusedNamingTheField() {
        assertBadRequestNaming(admin.post("/api/accounts", "{\"username\":\"no.password\",\"role\":\"VIEWER\"}"),
                "password");
        assertNoAccount("no.password");
    }

    @ParameterizedTest(name = "username \"{0}\"")
    @ValueSource(strings = {"north.manager", "North.Manager", "ADMIN"})
    void aTakenUsernameIsRefusedWhateverItsCase(String username) {
        HttpAnswer refused = admin.post("/api/accounts", """
                {"username":"%s","password":"%s","role":"ADMIN"}""".formatted(username, PASSWORD));

        assertBadRequestNaming(refused, "username");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM account WHERE LOWER(username) = LOWER(:u)").param("u", username)
                .query(Long.class).single()).isEqualTo(1);
    }

    @ParameterizedTest(name = "username \"{0}\"")
    @ValueSource(strings = {"ab", "with space", "<script>", "x' OR '1'='1", "-leading-dash"})
    void aMalformedUsernameIsRefusedNamingTheField(String username) {
        HttpAnswer refused = admin.post("/api/accounts", """
                {"username":"%s","password":"%s","role":"VIEWER"}""".formatted(username, PASSWORD));

        assertBadRequestNaming(refused, "username");
    }

    @ParameterizedTest(name = "role \"{0}\"")
    @ValueSource(strings = {"SUPERUSER", "ROLE_ADMIN", ""})
    void anUnknownRoleIsRefusedNamingTheField(String role) {
        HttpAnswer refused = admin.post("/api/accounts", """
                {"username":"unknown.role","password":"%s","role":"%s"}""".formatted(PASSWORD, role));

        assertBadRequestNaming(refused, "role");
        assertNoAccount("unknown.role");
    }

    @Test
    void anUnknownPersonOrRegionIsRefusedNamingTheField() {
        assertBadRequestNaming(admin.post("/api/accounts", """
                {"username":"nobody.linked","password":"%s","role":"MANAGER","personEmail":"nobody@example.com"}"""
                .formatted(PASSWORD)), "personEmail");
        assertBadRequestNaming(admin.post("/api/accounts", """
                {"username":"nobody.linked","password":"%s","role":"VIEWER","scopeRegion":"ATLANTIS"}"""
                .formatted(PASSWORD)), "scopeRegion");
        assertNoAccount("nobody.linked");
    }

    @Test
    void aDisabledAccountIsShutOutOfTheApiWithPasswordAndToken() {
        long id = create("to.disable", "VIEWER", "SOUTH");
        ApiClient basic = api.basic("to.disable", PASSWORD);
        String token = basic.post("/api/me/tokens", "{\"name\":\"before disabling\"}").json().path("token")
                .asString();
        assertThat(basic.get("/api/me").status()).isEqualTo(200);
        assertThat(api.bearer(token).get("/api/me").status()).isEqualTo(200);

        HttpAnswer disabled = admin.patch("/api/accounts/" + id, "{\"enabled\":false}");

        assertThat(disabled.status()).as("%s", disabled).isEqualTo(204);
        assertThat(basic.get("/api/me").status()).isEqualTo(401);
        assertThat(api.bearer(token).get("/api/me").status()).isEqualTo(401);
        assertThat(new Browser(port).signIn("to.disable", PASSWORD).location()).endsWith("/login?error");
        assertThat(changes("to.disable")).containsExactly("admin ACCOUNT_CHANGED disabled;",
                "to.disable TOKEN_CREATED before disabling", "admin ACCOUNT_CREATED role VIEWER");
        assertThat(audit("to.disable")).contains("to.disable SIGN_IN_FAILED account is disabled");

        assertThat(admin.patch("/api/accounts/" + id, "{\"enabled\":true}").status()).isEqualTo(204);
        assertThat(basic.get("/api/me").status()).as("enabled again").isEqualTo(200);
    }

    @Test
    void disablingAnAccountEndsItsOpenPageSessions() {
        long id = create("signed.in.then.disabled", "VIEWER", "SOUTH");
        Browser browser = new Browser(port);
        assertThat(browser.signIn("signed.in.then.disabled", PASSWORD).location()).doesNotContain("error");
        assertThat(browser.get("/scorecards").status()).isEqualTo(200);

        assertThat(admin.patch("/api/accounts/" + id, "{\"enabled\":false}").status()).isEqualTo(204);

        HttpAnswer page = browser.get("/scorecards");
        assertThat(page.status()).as("%s", page).isEqualTo(302);
        assertThat(page.location()).endsWith("/login?disabled");
    }

    @Test
    void aDisabledAccountAnswersAWrongPasswordLikeAnUnknownAccount() {
        long id = create("quietly.disabled", "VIEWER", "SOUTH");
        assertThat(admin.patch("/api/accounts/" + id, "{\"enabled\":false}").status()).isEqualTo(204);

        HttpAnswer disabled = api.basic("quietly.disabled", "not-the-password").get("/api/me");
        HttpAnswer unknown = api.basic("never.existed", "not-the-password").get("/api/me");

        assertThat(disabled.status()).isEqualTo(unknown.status()).isEqualTo(401);
        assertThat(disabled.body()).isEqualTo(unknown.body());
    }

    @Test
    void aRoleChangeAppliesToTheNextApiRequest() {
        long id = create("promoted", "VIEWER", "SOUTH");
        ApiClient promoted = api.basic("promoted", PASSWORD);
        assertThat(promoted.get("/api/evaluations").status()).isEqualTo(403);
        assertThat(territories(promoted.get("/api/scorecards"))).hasSize(10);

        assertThat(admin.patch("/api/accounts/" + id, "{\"role\":\"SALES_OPS\"}").status()).isEqualTo(204);

        assertThat(promoted.get("/api/evaluations").status()).isEqualTo(200);
        assertThat(territories(promoted.get("/api/scorecards"))).hasSize(60);
        assertThat(changes("promoted")).first().isEqualTo("admin ACCOUNT_CHANGED role SALES_OPS;");
    }

    @Test
    void aChangeWithAWeakPasswordChangesNothingAtAll() {
        long id = create("kept.as.is", "VIEWER", "SOUTH");

        HttpAnswer refused = admin.patch("/api/accounts/" + id, """
                {"displayName":"Renamed","role":"ADMIN","password":"demo-manager"}""");

        assertBadRequestNaming(refused, "password");
        JsonNode account = account("kept.as.is");
        assertThat(account.path("displayName").asString()).isEqualTo("kept.as.is");
        assertThat(account.path("role").asString()).isEqualTo("VIEWER");
        assertThat(api.basic("kept.as.is", PASSWORD).get("/api/me").status()).isEqualTo(200);
        assertThat(changes("kept.as.is")).containsExactly("admin ACCOUNT_CREATED role VIEWER");
    }

    @Test
    void aNewPasswordReplacesTheOldOne() {
        long id = create("new.password", "VIEWER", "SOUTH");

        assertThat(admin.patch("/api/accounts/" + id, "{\"password\":\"another-long-password\"}").status())
                .isEqualTo(204);

        assertThat(api.basic("new.password", PASSWORD).get("/api/me").status()).isEqualTo(401);
        assertThat(api.basic("new.password", "another-long-password").get("/api/me").status()).isEqualTo(200);
        assertThat(changes("new.password")).first().isEqualTo("admin ACCOUNT_CHANGED password changed;");
    }

    @Test
    void changingAnAccountThatDoesNotExistIsNotFound() {
        HttpAnswer answer = admin.patch("/api/accounts/987654", "{\"enabled\":false}");

        assertThat(answer.status()).as("%s", answer).isEqualTo(404);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    private long create(String username, String role, String region) {
        HttpAnswer created = admin.post("/api/accounts", """
                {"username":"%s","password":"%s","role":"%s","scopeRegion":"%s"}"""
                .formatted(username, PASSWORD, role, region));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    private JsonNode account(String username) {
        for (JsonNode account : admin.get("/api/accounts").json()) {
            if (account.path("username").asString().equals(username)) {
                return account;
            }
        }
        throw new AssertionError("no account " + username + " in /api/accounts");
    }

    /** "actor ACTION details" of the audit entries about the account, newest first, through the audit API. */
    private List<String> audit(String target) {
        List<String> lines = new ArrayList<>();
        for (JsonNode event : admin.get("/api/audit?limit=1000").json()) {
            if (event.path("target").asString().equals(target)) {
                lines.add(event.path("actor").asString() + " " + event.path("action").asString() + " "
                        + event.path("details").asString());
            }
        }
        return lines;
    }

    /** The audit entries about the account that are not sign-in attempts. */
    private List<String> changes(String target) {
        return audit(target).stream().filter(line -> !line.split(" ")[1].startsWith("SIGN_IN")).toList();
    }

    private void assertNoAccount(String username) {
        assertThat(jdbc.sql("SELECT COUNT(*) FROM account WHERE username = :u").param("u", username)
                .query(Long.class).single()).as("account %s", username).isZero();
        assertThat(audit(username)).as("audit of %s", username).isEmpty();
    }

    private static void assertBadRequestNaming(HttpAnswer answer, String field) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("detail").asString()).startsWith(field);
    }

    private static List<String> territories(HttpAnswer overview) {
        assertThat(overview.status()).as("%s", overview).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        overview.json().path("territories").forEach(line -> codes.add(line.path("territory").asString()));
        return codes;
    }
}
