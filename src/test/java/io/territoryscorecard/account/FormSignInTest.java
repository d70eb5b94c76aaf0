package io.territoryscorecard.account;

import static io.territoryscorecard.DemoAccount.HAMBURG_MANAGER;
import static io.territoryscorecard.DemoAccount.NORTH_MANAGER;
import static io.territoryscorecard.DemoAccount.SOUTH_VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import io.territoryscorecard.Browser;
import io.territoryscorecard.DemoAccount;
import io.territoryscorecard.HttpAnswer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.Session;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Signing in and out on the pages: the form needs its CSRF token, the session id changes at sign-in (so a session
 * id planted before cannot be taken over), every form post needs the CSRF token, and a session that has ended
 * cannot be used to change anything.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:form-sign-in-test;MODE=MySQL;"
                + "CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1",
        "scorecard.demo.evaluate-on-start=false"})
class FormSignInTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WebServerApplicationContext server;

    @Test
    void signingInWithTheFormsCsrfTokenRedirectsHomeWithANewSessionId() {
        Browser browser = new Browser(port);
        String csrf = browser.csrfTokenOf("/login");
        String sessionBefore = browser.sessionId();
        assertThat(sessionBefore).as("session holding the CSRF token of the sign-in page").isNotNull();

        HttpAnswer signedIn = browser.postForm("/login", Map.of("username", NORTH_MANAGER.username(),
                "password", NORTH_MANAGER.password(), "_csrf", csrf));

        assertThat(signedIn.status()).as("%s", signedIn).isEqualTo(302);
        assertThat(signedIn.location()).isEqualTo("http://127.0.0.1:" + port + "/");
        assertThat(browser.sessionId()).isNotNull().isNotEqualTo(sessionBefore);
        HttpAnswer page = browser.get("/scorecards");
        assertThat(page.status()).as("%s", page).isEqualTo(200);
        assertThat(page.body()).contains("Signed in as <span>north.manager</span>");
        assertThat(audited("SIGN_IN", NORTH_MANAGER)).isPositive();

        Browser attacker = new Browser(port);
        attacker.useSessionId(sessionBefore);
        assertRedirectedToSignIn(attacker.get("/scorecards"));
    }

    @Test
    void signingInWithoutCsrfTokenIsForbiddenAndStartsNoSignedInSession() {
        long signInsBefore = audited("SIGN_IN", SOUTH_VIEWER);
        Browser browser = new Browser(port);

        HttpAnswer refused = browser.postForm("/login", Map.of("username", SOUTH_VIEWER.username(),
                "password", SOUTH_VIEWER.password()));

        assertThat(refused.status()).as("%s", refused).isEqualTo(403);
        // Spring Security answers with a fresh CSRF token in a new anonymous session; it must hold no sign-in.
        if (browser.sessionId() != null) {
            assertThat(sessionAttributes(browser.sessionId())).noneMatch(name -> name.contains("SECURITY_CONTEXT"));
        }
        assertRedirectedToSignIn(browser.get("/scorecards"));
        assertThat(audited("SIGN_IN", SOUTH_VIEWER)).isEqualTo(signInsBefore);
    }

    @Test
    void signingInWithTheCsrfTokenOfAnotherSessionIsForbidden() {
        String othersToken = new Browser(port).csrfTokenOf("/login");
        Browser browser = new Browser(port);
        browser.csrfTokenOf("/login");

        HttpAnswer refused = browser.postForm("/login", Map.of("username", SOUTH_VIEWER.username(),
                "password", SOUTH_VIEWER.password(), "_csrf", othersToken));

        assertThat(refused.status()).as("%s", refused).isEqualTo(403);
        assertRedirectedToSignIn(browser.get("/scorecards"));
    }

    @Test
    void aTamperedCsrfTokenDoesNotSignIn() {
        Browser browser = new Browser(port);
        String csrf = browser.csrfTokenOf("/login");

        HttpAnswer refused = browser.postForm("/login", Map.of("username", SOUTH_VIEWER.username(),
                "password", SOUTH_VIEWER.password(), "_csrf", tampered(csrf)));

        assertThat(refused.status()).as("%s", refused).isGreaterThanOrEqualTo(400);
        assertRedirectedToSignIn(browser.get("/scorecards"));
    }

    @Test
    void aTamperedCsrfTokenIsForbiddenNotAnError() {
        Browser browser = new Browser(port);
        String csrf = browser.csrfTokenOf("/login");

        HttpAnswer refused = browser.postForm("/login", Map.of("username", SOUTH_VIEWER.username(),
                "password", SOUTH_VIEWER.password(), "_csrf", tampered(csrf)));

        assertThat(refused.status()).as("%s", refused).isEqualTo(403);
    }

    @Test
    void theTokenFormCreatesATokenOnlyWithItsCsrfToken() {
        Browser browser = signedIn(HAMBURG_MANAGER);
        long before = tokensOf(HAMBURG_MANAGER);

        HttpAnswer withoutCsrf = browser.postForm("/account/tokens", Map.of("name", "forged"));
        HttpAnswer wrongCsrf = browser.postForm("/account/tokens", Map.of("name", "forged", "_csrf", "made-up"));

        assertThat(withoutCsrf.status()).as("%s", withoutCsrf).isEqualTo(403);
        assertThat(wrongCsrf.status()).as("%s", wrongCsrf).isEqualTo(403);
        assertThat(tokensOf(HAMBURG_MANAGER)).isEqualTo(before);

        String csrf = browser.csrfTokenOf("/account/tokens");
        HttpAnswer created = browser.postForm("/account/tokens", Map.of("name", "from the page", "_csrf", csrf));
        // post, redirect, get: the token is shown once on the page the redirect leads to
        assertThat(created.status()).as("%s", created).isEqualTo(302);
        HttpAnswer shown = browser.get("/account/tokens");
        assertThat(shown.body()).containsPattern("class=\"token\">tsc_[A-Za-z0-9_-]{43}<");
        assertThat(browser.get("/account/tokens").body()).doesNotContain("class=\"token\">tsc_");
        assertThat(tokensOf(HAMBURG_MANAGER)).isEqualTo(before + 1);
    }

    @Test
    void afterSigningOutTheOldSessionCookieLeadsToSignIn() {
        Browser browser = signedIn(NORTH_MANAGER);
        String session = browser.sessionId();
        String csrf = browser.csrfTokenOf("/scorecards");

        HttpAnswer signedOut = browser.postForm("/logout", Map.of("_csrf", csrf));

        assertThat(signedOut.status()).as("%s", signedOut).isEqualTo(302);
        assertThat(signedOut.location()).endsWith("/login?signedout");
        Browser oldCookie = new Browser(port);
        oldCookie.useSessionId(session);
        assertRedirectedToSignIn(oldCookie.get("/scorecards"));
        assertRedirectedToSignIn(oldCookie.get("/account/tokens"));
        assertThat(audited("SIGN_OUT", NORTH_MANAGER)).isPositive();
    }

    @Test
    void signingOutNeedsTheCsrfToken() {
        Browser browser = signedIn(NORTH_MANAGER);

        HttpAnswer refused = browser.postForm("/logout", Map.of());

        assertThat(refused.status()).as("%s", refused).isEqualTo(403);
        assertThat(browser.get("/scorecards").status()).as("still signed in").isEqualTo(200);
    }

    @Test
    void anExpiredSessionCannotCreateATokenThroughTheForm() {
        Browser browser = signedIn(HAMBURG_MANAGER);
        String csrf = browser.csrfTokenOf("/account/tokens");
        long before = tokensOf(HAMBURG_MANAGER);
        expire(browser.sessionId());

        HttpAnswer answer = browser.postForm("/account/tokens", Map.of("name", "after expiry", "_csrf", csrf));

        assertThat(answer.status()).as("%s", answer).isIn(302, 403);
        assertThat(answer.body()).doesNotContain("tsc_");
        assertThat(tokensOf(HAMBURG_MANAGER)).isEqualTo(before);
    }

    @Test
    void aSignedOutSessionCannotCreateATokenThroughTheForm() {
        Browser browser = signedIn(SOUTH_VIEWER);
        String session = browser.sessionId();
        String csrf = browser.csrfTokenOf("/account/tokens");
        browser.postForm("/logout", Map.of("_csrf", csrf));
        long before = tokensOf(SOUTH_VIEWER);
        Browser oldCookie = new Browser(port);
        oldCookie.useSessionId(session);

        HttpAnswer answer = oldCookie.postForm("/account/tokens", Map.of("name", "after sign-out", "_csrf", csrf));

        assertThat(answer.status()).as("%s", answer).isIn(302, 403);
        assertThat(answer.body()).doesNotContain("tsc_");
        assertThat(tokensOf(SOUTH_VIEWER)).isEqualTo(before);
    }

    @Test
    void anExpiredSessionPostingAFormIsSentToSignIn() {
        Browser browser = signedIn(HAMBURG_MANAGER);
        String csrf = browser.csrfTokenOf("/account/tokens");
        expire(browser.sessionId());

        HttpAnswer answer = browser.postForm("/account/tokens", Map.of("name", "after expiry", "_csrf", csrf));

        assertThat(answer.status()).as("%s", answer).isEqualTo(302);
        assertThat(answer.location()).contains("/login");
    }

    private Browser signedIn(DemoAccount account) {
        Browser browser = new Browser(port);
        browser.signIn(account);
        return browser;
    }

    /** Ends the session on the server exactly as its timeout would. */
    private void expire(String sessionId) {
        session(sessionId).expire();
    }

    private Session session(String sessionId) {
        Context context = (Context) ((TomcatWebServer) server.getWebServer()).getTomcat().getHost().findChildren()[0];
        try {
            Session session = context.getManager().findSession(sessionId);
            assertThat(session).as("session %s", sessionId).isNotNull();
            return session;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> sessionAttributes(String sessionId) {
        Session session = session(sessionId);
        return Collections.list(session.getSession().getAttributeNames());
    }

    /**
     * The token with one byte changed so that it still has the right length but its first character decodes to the
     * byte 0xFF (the form token is random bytes followed by the real token XOR those bytes).
     */
    private static String tampered(String token) {
        byte[] bytes = Base64.getUrlDecoder().decode(token);
        int half = bytes.length / 2;
        bytes[half] = (byte) (bytes[0] ^ 0xFF);
        return Base64.getUrlEncoder().encodeToString(bytes);
    }

    private long tokensOf(DemoAccount account) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM api_token t JOIN account a ON a.id = t.account_id WHERE a.username = :username
                """).param("username", account.username()).query(Long.class).single();
    }

    private long audited(String action, DemoAccount account) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = :action AND actor = :actor")
                .param("action", action).param("actor", account.username()).query(Long.class).single();
    }

    private void assertRedirectedToSignIn(HttpAnswer answer) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(302);
        assertThat(answer.location()).isEqualTo("http://127.0.0.1:" + port + "/login");
    }
}
