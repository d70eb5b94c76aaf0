package io.territoryscorecard.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.territoryscorecard.ApiClient;
import io.territoryscorecard.DemoAccount;
import io.territoryscorecard.HttpAnswer;
import io.territoryscorecard.ScorecardApplication;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The checks at start, before anyone can sign in: outside the embedded demo an enabled demo account with its public
 * password refuses the start, and the first administrator comes from the settings, with a real password. Each test
 * starts the whole application on its own in-memory database.
 */
class AccountSetupTest {

    private static final String H2 = "jdbc:h2:mem:%s;MODE=MySQL;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";
    private static final String ADMIN_PASSWORD = "sixteen-chars-ok";

    @Test
    void aDemoAccountWithItsPublicPasswordRefusesTheStartNamingTheAccount() {
        assertThatThrownBy(() -> start("setup-demo-refused", "--scorecard.security.allow-demo-passwords=false"))
                .rootCause().isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Account 'admin'")
                .hasMessageContaining("demo password");
    }

    @Test
    void withoutDemoDataTheFirstAdminComesFromTheSettingsAndCanSignIn() {
        try (ConfigurableApplicationContext app = start("setup-initial-admin", "--spring.liquibase.contexts=production",
                "--scorecard.security.allow-demo-passwords=false",
                "--scorecard.security.initial-admin-username=root-admin",
                "--scorecard.security.initial-admin-password=" + ADMIN_PASSWORD)) {
            ApiClient api = ApiClient.anonymous(port(app));

            HttpAnswer me = api.basic("root-admin", ADMIN_PASSWORD).get("/api/me");

            assertThat(me.status()).as("%s", me).isEqualTo(200);
            assertThat(me.json().path("role").asString()).isEqualTo("ADMIN");
            assertThat(api.basic("root-admin", ADMIN_PASSWORD).get("/api/accounts").json().size()).isEqualTo(1);
            assertThat(api.as(DemoAccount.ADMIN).get("/api/me").status()).as("no demo accounts").isEqualTo(401);
            HttpAnswer audit = api.basic("root-admin", ADMIN_PASSWORD).get("/api/audit?action=ACCOUNT_CREATED");
            assertThat(audit.json().get(0).path("actor").asString()).isEqualTo("setup");
            assertThat(audit.json().get(0).path("target").asString()).isEqualTo("root-admin");
        }
    }

    @Test
    void aShortFirstAdminPasswordRefusesTheStartNamingThePassword() {
        assertThatThrownBy(() -> start("setup-short-password", "--spring.liquibase.contexts=production",
                "--scorecard.security.allow-demo-passwords=false",
                "--scorecard.security.initial-admin-username=root-admin",
                "--scorecard.security.initial-admin-password=8-chars!"))
                .rootCause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("password");

        assertThat(jdbc("setup-short-password").sql("SELECT COUNT(*) FROM account").query(Long.class).single())
                .isZero();
    }

    @Test
    void aDemoPasswordAsFirstAdminPasswordRefusesTheStart() {
        assertThatThrownBy(() -> start("setup-demo-password", "--spring.liquibase.contexts=production",
                "--scorecard.security.allow-demo-passwords=false",
                "--scorecard.security.initial-admin-username=root-admin",
                "--scorecard.security.initial-admin-password=demo-salesops"))
                .rootCause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("password");
    }

    @Test
    void theStartGoesOnOnceEveryDemoAccountIsDisabled() {
        String database = "setup-demo-disabled";
        assertThatThrownBy(() -> start(database, "--scorecard.security.allow-demo-passwords=false"))
                .rootCause().hasMessageContaining("demo password");
        jdbc(database).sql("UPDATE account SET enabled = FALSE").update();

        try (ConfigurableApplicationContext app = start(database, "--scorecard.security.allow-demo-passwords=false",
                "--scorecard.security.initial-admin-username=root-admin",
                "--scorecard.security.initial-admin-password=" + ADMIN_PASSWORD)) {
            ApiClient api = ApiClient.anonymous(port(app));

            assertThat(api.basic("root-admin", ADMIN_PASSWORD).get("/api/me").status()).isEqualTo(200);
            for (DemoAccount demo : DemoAccount.values()) {
                assertThat(api.as(demo).get("/api/me").status()).as("%s", demo).isEqualTo(401);
            }
        }
    }

    @Test
    void reEnablingADemoAccountWithItsPublicPasswordIsRefused() {
        String database = "setup-demo-reenabled";
        assertThatThrownBy(() -> start(database, "--scorecard.security.allow-demo-passwords=false"));
        jdbc(database).sql("UPDATE account SET enabled = FALSE").update();
        long viewer = jdbc(database).sql("SELECT id FROM account WHERE username = 'south.viewer'").query(Long.class)
                .single();

        try (ConfigurableApplicationContext app = start(database, "--scorecard.security.allow-demo-passwords=false",
                "--scorecard.security.initial-admin-username=root-admin",
                "--scorecard.security.initial-admin-password=" + ADMIN_PASSWORD)) {
            ApiClient api = ApiClient.anonymous(port(app));

            api.basic("root-admin", ADMIN_PASSWORD).patch("/api/accounts/" + viewer, "{\"enabled\":true}");

            assertThat(api.as(DemoAccount.SOUTH_VIEWER).get("/api/me").status()).isEqualTo(401);
        }
    }

    private static ConfigurableApplicationContext start(String database, String... settings) {
        List<String> arguments = new ArrayList<>(List.of("--spring.datasource.url=" + H2.formatted(database),
                "--server.port=0", "--scorecard.demo.evaluate-on-start=false"));
        arguments.addAll(List.of(settings));
        return new SpringApplicationBuilder(ScorecardApplication.class).run(arguments.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    private static JdbcClient jdbc(String database) {
        return JdbcClient.create(new DriverManagerDataSource(H2.formatted(database), "sa", ""));
    }
}
