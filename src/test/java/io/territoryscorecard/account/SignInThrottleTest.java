package io.territoryscorecard.account;

import static io.territoryscorecard.DemoAccount.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.territoryscorecard.ApiClient;
import io.territoryscorecard.Browser;
import io.territoryscorecard.HttpAnswer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Password guessing: after five wrong passwords an account is refused for 15 minutes even with the right one, over
 * HTTP Basic and on the sign-in page alike, and the audit log shows both the failures and the refusals. Every test
 * signs in from 127.0.0.1 with its own account; together they stay below the 20 failures that would lock the
 * address for everyone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:sign-in-throttle-test;MODE=MySQL;"
                + "CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1",
        "scorecard.demo.evaluate-on-start=false"})
class SignInThrottleTest {

    private static final String PASSWORD = "the-right-password";

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void connect() {
        api = ApiClient.anonymous(port);
    }

    @Test
    void afterFiveWrongPasswordsTheRightOneIsRefusedOverBasic() {
        String username = createAccount("guessed.basic");
        for (int attempt = 1; attempt <= 5; attempt++) {
            HttpAnswer wrong = api.basic(username, "wrong-password-" + attempt).get("/api/me");
            assertThat(wrong.status()).as("attempt %d: %s", attempt, wrong).isEqualTo(401);
            assertThat(wrong.json().path("detail").asString()).isEqualTo("Wrong username or password.");
        }

        HttpAnswer refused = api.basic(username, PASSWORD).get("/api/me");

        assertThat(refused.status()).as("%s", refused).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("detail").asString()).startsWith("Too many failed sign-ins")
                .contains("15 minutes");
        assertThat(actions(username)).containsExactly("SIGN_IN_REFUSED", "SIGN_IN_FAILED", "SIGN_IN_FAILED",
                "SIGN_IN_FAILED", "SIGN_IN_FAILED", "SIGN_IN_FAILED", "ACCOUNT_CREATED");
        assertThat(api.as(ADMIN).get("/api/me").status()).as("other accounts").isEqualTo(200);

        Browser browser = new Browser(port);
        HttpAnswer form = browser.signIn(username, PASSWORD);
        assertThat(form.location()).as("form sign-in while locked: %s", form).endsWith("/login?error");
        assertThat(browser.get("/scorecards").status()).isEqualTo(302);
    }

    @Test
    void afterFiveWrongPasswordsTheSignInPageRefusesTheRightOneAndSaysWhy() {
        String username = createAccount("guessed.form");
        Browser browser = new Browser(port);
        for (int attempt = 1; attempt <= 5; attempt++) {
            HttpAnswer wrong = browser.signIn(username, "wrong-password-" + attempt);
            assertThat(wrong.location()).as("attempt %d: %s", attempt, wrong).endsWith("/login?error");
        }

        HttpAnswer refused = browser.signIn(username, PASSWORD);

        assertThat(refused.location()).as("%s", refused).endsWith("/login?error");
        assertThat(browser.get("/login?error").body()).contains("Too many failed sign-ins");
        HttpAnswer page = browser.get("/scorecards");
        assertThat(page.status()).as("%s", page).isEqualTo(302);
        assertThat(page.location()).endsWith("/login");
        assertThat(actions(username)).startsWith("SIGN_IN_REFUSED", "SIGN_IN_FAILED").doesNotContain("SIGN_IN");
        assertThat(api.basic(username, PASSWORD).get("/api/me").status()).as("Basic while locked").isEqualTo(401);
    }

    @Test
    void fourWrongPasswordsStillLetTheRightOneIn() {
        String username = createAccount("almost.guessed");
        for (int attempt = 1; attempt <= 4; attempt++) {
            assertThat(api.basic(username, "wrong-password-" + attempt).get("/api/me").status()).isEqualTo(401);
        }

        HttpAnswer me = api.basic(username, PASSWORD).get("/api/me");

        assertThat(me.status()).as("%s", me).isEqualTo(200);
        assertThat(me.json().path("username").asString()).isEqualTo(username);
    }

    private String createAccount(String username) {
        HttpAnswer created = api.as(ADMIN).post("/api/accounts", """
                {"username":"%s","password":"%s","role":"VIEWER","scopeRegion":"SOUTH"}"""
                .formatted(username, PASSWORD));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return username;
    }

    /** The audit actions whose target is the account, newest first, read through the audit API. */
    private List<String> actions(String username) {
        HttpAnswer audit = api.as(ADMIN).get("/api/audit?limit=1000");
        assertThat(audit.status()).as("%s", audit).isEqualTo(200);
        List<String> actions = new ArrayList<>();
        audit.json().forEach(event -> {
            if (username.equals(event.path("target").asString())) {
                actions.add(event.path("action").asString());
            }
        });
        return actions;
    }
}
