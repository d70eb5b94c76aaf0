package io.territoryscorecard.web;

import static io.territoryscorecard.DemoAccount.NORTH_MANAGER;
import static io.territoryscorecard.DemoAccount.SALES_OPS;
import static org.assertj.core.api.Assertions.assertThat;

import io.territoryscorecard.ApiClient;
import io.territoryscorecard.DemoAccount;
import io.territoryscorecard.HeadlessChromium;
import io.territoryscorecard.HttpAnswer;
import io.territoryscorecard.Launcher;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The pages as a person uses them, in headless Chromium against the running service with the demo company and
 * 2026-10 evaluated: signing in and out, the scorecard list and a territory's scorecard within the account's scope,
 * markup in data shown as text, and API tokens. One server and one browser for the class; every test starts signed
 * out. After a failure the page is kept under target/browser-failures/.
 */
class PagesInBrowserTest {

    private static final String DATABASE = "jdbc:h2:mem:pages-in-browser-" + UUID.randomUUID()
            + ";MODE=MySQL;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";
    private static final String PERIOD = "2026-10";
    private static final List<String> STATUSES = List.of("GREEN", "AMBER", "RED");

    static HeadlessChromium chromium;
    static WebDriver page;
    static ConfigurableApplicationContext server;
    static String base;
    static ApiClient api;
    static JdbcClient jdbc;

    @RegisterExtension
    static final AfterTestExecutionCallback KEEP_PAGE_OF_FAILURE = HeadlessChromium.keepingPageOfFailure(
            () -> chromium);

    @BeforeAll
    static void startBrowserAndServer() {
        // The browser first: when Chromium is missing the class fails at once, saying how to install it.
        chromium = HeadlessChromium.start();
        page = chromium.driver();
        server = Launcher.startServer("--spring.datasource.url=" + DATABASE,
                "--scorecard.demo.evaluate-on-start=false");
        int port = Launcher.port(server);
        base = "http://127.0.0.1:" + port;
        api = ApiClient.anonymous(port);
        jdbc = server.getBean(JdbcClient.class);
        api.as(SALES_OPS).evaluate(PERIOD);
    }

    @AfterAll
    static void stop() throws Exception {
        HeadlessChromium.close(chromium, server);
    }

    @BeforeEach
    void startSignedOut() {
        chromium.signOut(base);
    }

    @Test
    void openingTheSiteWithoutSigningInLandsOnTheSignInPage() {
        page.get(base + "/");

        assertThat(page.getCurrentUrl()).isEqualTo(base + "/login");
        assertThat(page.getTitle()).isEqualTo("Sign in - Territory Scorecard");
        assertThat(page.findElement(By.id("username")).isDisplayed()).isTrue();
        assertThat(page.findElement(By.id("password")).getDomAttribute("type")).isEqualTo("password");
        assertThat(page.findElements(By.xpath("//table[not(ancestor::*[@id='demo-accounts'])]"))).isEmpty();
        assertThat(bodyText()).doesNotContain("NORTH-", "Signed in as");
        chromium.keepScreenshots("sign-in");
    }

    @Test
    void signingInAfterFollowingALinkToAScorecardShowsThatScorecard() {
        page.get(base + "/scorecards/NORTH-03?period=" + PERIOD);
        assertThat(page.getCurrentUrl()).isEqualTo(base + "/login");

        submitSignIn(NORTH_MANAGER.username(), NORTH_MANAGER.password());

        chromium.await("the scorecard asked for before signing in", d -> d.getCurrentUrl().contains("/scorecards/"));
        assertThat(page.getCurrentUrl()).startsWith(base + "/scorecards/NORTH-03?period=" + PERIOD);
        assertThat(page.getTitle()).isEqualTo("NORTH-03 - Territory Scorecard");
    }

    @Test
    void aWrongPasswordShowsTheErrorOnTheSignInPage() {
        page.get(base + "/");

        submitSignIn(NORTH_MANAGER.username(), "not-the-password");

        chromium.await("the sign-in page with the error", d -> d.getCurrentUrl().endsWith("/login?error"));
        assertThat(page.findElement(By.cssSelector("p.error")).getText()).isEqualTo("Wrong username or password.");
        assertThat(page.findElement(By.id("password")).getDomProperty("value")).isEmpty();
        assertThat(bodyText()).doesNotContain("Signed in as");
        page.get(base + "/scorecards");
        assertThat(page.getCurrentUrl()).isEqualTo(base + "/login");
    }

    @Test
    void aRegionManagerSeesExactlyTheTenNorthTerritoriesWithTheirStatuses() {
        signIn(NORTH_MANAGER);

        assertThat(page.getCurrentUrl()).isEqualTo(base + "/scorecards");
        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Scorecards " + PERIOD);
        assertThat(page.findElement(By.tagName("header")).getText()).contains("Signed in as north.manager");
        List<List<String>> rows = rowsOf(page.findElement(By.cssSelector("main table")));
        assertThat(rows).extracting(row -> row.get(0)).containsExactlyElementsOf(
                IntStream.rangeClosed(1, 10).mapToObj(n -> String.format("NORTH-%02d", n)).toList());
        assertThat(rows).extracting(row -> row.get(2)).containsOnly("NORTH");
        assertThat(rows).extracting(row -> row.get(4)).allMatch(STATUSES::contains);
        Map<String, String> statusOnPage = new LinkedHashMap<>();
        rows.forEach(row -> statusOnPage.put(row.get(0), row.get(4)));
        assertThat(statusOnPage).as("statuses as the API gives them to north.manager")
                .isEqualTo(overallStatusesFromApi(NORTH_MANAGER));
        assertThat(statusOnPage).containsEntry("NORTH-03", "RED");
        // The colour comes from the class named after the status.
        for (WebElement cell : page.findElements(By.cssSelector("main table tr td:nth-child(5)"))) {
            assertThat(cell.getDomAttribute("class")).isEqualTo(cell.getText());
        }
        chromium.keepScreenshots("scorecards");
    }

    @Test
    void aPeriodThatWasNotEvaluatedSaysSo() {
        signIn(NORTH_MANAGER);

        page.get(base + "/scorecards?period=2025-06");

        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Scorecards 2025-06");
        assertThat(page.findElement(By.tagName("main")).getText())
                .contains("Period 2025-06 has not been evaluated: import its measurements if they are missing, "
                        + "then start an evaluation of 2025-06.")
                .doesNotContain("NORTH-", "No period has been evaluated");
    }

    @Test
    void clickingNorth03ShowsItsRedScorecardWithFlagsRuleIdsAndKpis() {
        JsonNode card = api.as(NORTH_MANAGER).get("/api/scorecards/NORTH-03?period=" + PERIOD).json();
        signIn(NORTH_MANAGER);

        page.findElement(By.linkText("NORTH-03")).click();

        chromium.await("NORTH-03's scorecard", d -> d.getCurrentUrl().contains("/scorecards/NORTH-03"));
        assertThat(page.getCurrentUrl()).isEqualTo(base + "/scorecards/NORTH-03?period=" + PERIOD);
        assertThat(page.findElement(By.tagName("h1")).getText())
                .isEqualTo(card.path("territoryName").asString() + " (NORTH-03), " + PERIOD);
        WebElement overall = page.findElement(By.xpath("//main/p[starts-with(normalize-space(), 'Overall')]"));
        assertThat(overall.getText()).startsWith("Overall " + card.path("overall").path("score").asString() + " RED;");
        assertThat(overall.findElement(By.cssSelector("span.RED")).getText()).isEqualTo("RED");

        List<String> flags = page.findElements(By.xpath("//h2[.='Flags']/following-sibling::ul[1]/li")).stream()
                .map(WebElement::getText).toList();
        assertThat(flags).as("each flag with severity, code, message and the ids of the rules that raised it")
                .containsExactlyElementsOf(card.path("flags").valueStream().map(flag -> flag.path("severity")
                        .asString() + " " + flag.path("code").asString() + ": " + flag.path("message").asString()
                        + " (" + String.join(", ", flag.path("rules").valueStream().map(JsonNode::asString).toList())
                        + ")").toList());
        assertThat(flags).anyMatch(flag -> flag.startsWith("HIGH REVENUE_SHORTFALL: Revenue at ")
                && flag.endsWith("(FLG-01)"));
        assertThat(flags).anyMatch(flag -> flag.startsWith("HIGH CUSTOMER_AT_RISK: Customers at risk")
                && flag.endsWith("(FLG-02)"));

        assertThat(rowsOf(page.findElement(By.xpath("//h2[.='Perspectives']/following-sibling::table[1]"))))
                .extracting(row -> row.get(0))
                .containsExactlyInAnyOrder("Financial", "Customer", "Internal process", "Learning & growth");
        List<List<String>> kpis = rowsOf(page.findElement(By.xpath("//h2[.='KPIs']/following-sibling::table[1]")));
        assertThat(kpis).hasSize(12);
        Map<String, String> kpiStatus = new LinkedHashMap<>();
        for (JsonNode kpi : card.path("kpis")) {
            kpiStatus.put(kpi.path("name").asString(), kpi.path("status").asString());
        }
        assertThat(kpis).extracting(row -> row.get(0).lines().findFirst().orElseThrow())
                .as("the name, then the perspective and the direction").containsExactlyElementsOf(kpiStatus.keySet());
        assertThat(kpis).extracting(row -> row.get(5)).containsExactlyElementsOf(kpiStatus.values());
        assertThat(kpis).extracting(row -> row.get(6)).as("why: the band in words and the rule ids, not JSON")
                .containsExactlyElementsOf(card.path("kpis").valueStream().map(PagesInBrowserTest::why).toList())
                .allMatch(why -> !why.contains("{"));
        assertThat(kpis.get(0).get(6)).isEqualTo("attainment < 0.90 (DQ-05, ATT-01, KST-01, KSC-01)");
        // What CUSTOMER_AT_RISK and REVENUE_SHORTFALL say can be seen in the KPI table.
        for (String kpi : List.of("REVENUE", "RETENTION_RATE", "CUSTOMER_SATISFACTION")) {
            String name = nameOfKpi(card, kpi);
            assertThat(kpis).filteredOn(row -> row.get(0).startsWith(name + "\n")).singleElement()
                    .satisfies(row -> assertThat(row.get(5)).as(kpi).isEqualTo("RED"));
        }
        chromium.keepScreenshots("scorecard-north-03");
    }

    @Test
    void aKpiWithoutValidDataSaysWhyOnTheScorecard() {
        // The demo company's SOUTH-04 has a GROSS_MARGIN target of 0 in 2026-10.
        JsonNode card = api.as(DemoAccount.SALES_OPS).get("/api/scorecards/SOUTH-04?period=" + PERIOD).json();
        JsonNode grossMargin = card.path("kpis").valueStream()
                .filter(kpi -> kpi.path("code").asString().equals("GROSS_MARGIN")).findFirst().orElseThrow();
        assertThat(grossMargin.path("dataQuality").asString()).as("%s", grossMargin).isEqualTo("INVALID");
        signIn(DemoAccount.SALES_OPS);

        page.get(base + "/scorecards/SOUTH-04");

        List<String> row = rowsOf(page.findElement(By.xpath("//h2[.='KPIs']/following-sibling::table[1]"))).stream()
                .filter(cells -> cells.get(0).startsWith(grossMargin.path("name").asString() + "\n")).findFirst()
                .orElseThrow();
        assertThat(row.get(5)).isEqualTo("INVALID");
        assertThat(row.get(6)).isEqualTo(why(grossMargin))
                .startsWith(grossMargin.path("explanation").path("reason").asString());
    }

    @Test
    void aTerritoryOutsideTheScopeTypedIntoTheAddressBarShowsTheNotFoundPage() {
        String southName = jdbc.sql("SELECT name FROM territory WHERE code = 'SOUTH-01'").query(String.class).single();
        signIn(NORTH_MANAGER);

        page.get(base + "/scorecards/SOUTH-01");

        assertThat(page.getTitle()).isEqualTo("Problem - Territory Scorecard");
        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
        assertThat(page.findElement(By.cssSelector("p.error")).getText())
                .isEqualTo("territory SOUTH-01 has no scorecard for " + PERIOD);
        assertThat(bodyText()).doesNotContain(southName, "Overall", "KPI");
        // A territory that does not exist looks the same: the page does not tell what exists outside the scope.
        page.get(base + "/scorecards/NOWHERE-01");
        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
        assertThat(page.findElement(By.cssSelector("p.error")).getText())
                .isEqualTo("territory NOWHERE-01 has no scorecard for " + PERIOD);

        page.findElement(By.linkText("Back to the scorecards")).click();
        chromium.await("the scorecard list", d -> d.getCurrentUrl().equals(base + "/scorecards"));
    }

    @Test
    void anAddressThatIsNoPageShowsTheNotFoundPage() {
        signIn(NORTH_MANAGER);

        page.get(base + "/scorecard/NORTH-03");

        assertThat(page.getTitle()).isEqualTo("Problem - Territory Scorecard");
        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
        assertThat(page.findElement(By.cssSelector("p.error")).getText())
                .isEqualTo("There is no page at this address.");
        assertThat(bodyText()).doesNotContain("Whitelabel", "Exception", "static resource");
    }

    @Test
    void markupInATerritoryNameIsShownAsTextAndNoScriptRuns() {
        String markup = "<img src=x onerror=\"document.title='pwned'\">";
        String original = jdbc.sql("SELECT name FROM territory WHERE code = 'NORTH-07'").query(String.class).single();
        jdbc.sql("UPDATE territory SET name = :name WHERE code = 'NORTH-07'").param("name", markup).update();
        try {
            signIn(NORTH_MANAGER);

            WebElement row = page.findElement(By.xpath("//main//tr[td[1]/a[.='NORTH-07']]"));
            assertThat(row.findElement(By.xpath("./td[2]")).getText()).isEqualTo(markup);
            assertThat(page.findElements(By.tagName("img"))).isEmpty();
            assertThat(page.getTitle()).isEqualTo("Scorecards - Territory Scorecard");

            row.findElement(By.linkText("NORTH-07")).click();
            chromium.await("NORTH-07's scorecard", d -> d.getCurrentUrl().contains("/scorecards/NORTH-07"));
            assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo(markup + " (NORTH-07), " + PERIOD);
            assertThat(page.findElements(By.tagName("img"))).isEmpty();
            assertThat(page.getTitle()).isEqualTo("NORTH-07 - Territory Scorecard");

            // Had markup got into the page, the Content-Security-Policy would still keep inline script from running.
            chromium.script("""
                    window.cspViolations = [];
                    document.addEventListener('securitypolicyviolation',
                        e => window.cspViolations.push(e.effectiveDirective + ' ' + e.blockedURI));
                    const image = document.createElement('img');
                    image.setAttribute('onerror', "document.title = 'pwned'");
                    image.addEventListener('error', () => window.imageFailed = true);
                    image.src = 'x';
                    document.body.appendChild(image);
                    const script = document.createElement('script');
                    script.textContent = "document.title = 'pwned'";
                    document.body.appendChild(script);
                    """);
            chromium.await("the image to fail and both inline scripts to be refused", d -> chromium.script(
                    "return window.imageFailed === true && window.cspViolations.length >= 2"));
            assertThat(chromium.script("return window.cspViolations")).asList()
                    .containsExactlyInAnyOrder("script-src-attr inline", "script-src-elem inline");
            assertThat(page.getTitle()).isEqualTo("NORTH-07 - Territory Scorecard");
        } finally {
            jdbc.sql("UPDATE territory SET name = :name WHERE code = 'NORTH-07'").param("name", original).update();
        }
    }

    @Test
    void salesOpsStartAnEvaluationOnTheEvaluationsPageAndWatchItsProgress() {
        signIn(DemoAccount.SALES_OPS);
        page.findElement(By.linkText("Evaluations")).click();
        chromium.await("the evaluations page", d -> d.getCurrentUrl().equals(base + "/evaluations"));

        page.findElement(By.id("period")).sendKeys("2026-13");
        page.findElement(By.xpath("//button[.='Start']")).click();
        chromium.await("the refusal", d -> d.findElements(By.cssSelector("p.error")).stream()
                .anyMatch(error -> error.getText().contains("month 13")));

        page.findElement(By.id("period")).sendKeys("2026-07");
        page.findElement(By.xpath("//button[.='Start']")).click();
        WebElement notice = chromium.await("the start", d -> d.findElements(By.cssSelector("p.notice")).stream()
                .filter(n -> n.getText().endsWith(" of 2026-07 started.")).findFirst().orElse(null));
        String run = notice.getText().replaceAll("^Evaluation (\\d+) of .*$", "$1");
        List<String> cells = chromium.await("the run completed", d -> {
            d.get(base + "/evaluations");
            List<String> row = rowsOf(d.findElement(By.id("runs"))).stream()
                    .filter(r -> r.get(0).equals(run)).findFirst().orElseThrow();
            return row.get(3).equals("COMPLETED") ? row : null;
        });
        assertThat(cells.get(1)).isEqualTo("2026-07");
        assertThat(cells.get(4)).isEqualTo("60/60 (100%)");
        assertThat(cells.get(5)).endsWith(" territories/s");
        assertThat(cells.get(8)).isEqualTo("salesops");
        assertThat(cells.get(11)).startsWith("60 territories, ");
        chromium.keepScreenshots("evaluations");
    }

    @Test
    void managersCannotOpenTheEvaluationsPage() {
        signIn(NORTH_MANAGER);

        assertThat(page.findElements(By.linkText("Evaluations"))).isEmpty();
        page.get(base + "/evaluations");
        assertThat(bodyText()).doesNotContain("Evaluation runs", "Start");
    }

    @Test
    void theScorecardPageDrawsTheTrendOfTheEvaluatedPeriods() {
        api.as(DemoAccount.SALES_OPS).evaluate("2026-09");
        JsonNode trend = api.as(NORTH_MANAGER).get("/api/scorecards/NORTH-03/trend?to=" + PERIOD).json();
        signIn(NORTH_MANAGER);

        page.get(base + "/scorecards/NORTH-03?period=" + PERIOD);

        List<List<String>> rows = rowsOf(page.findElement(By.id("trend")));
        assertThat(rows).hasSize(trend.path("periods").size()).hasSizeGreaterThanOrEqualTo(2);
        for (int i = 0; i < rows.size(); i++) {
            JsonNode point = trend.path("periods").get(i);
            assertThat(rows.get(i).get(0)).isEqualTo(point.path("period").asString());
            assertThat(rows.get(i).get(1)).isEqualTo(point.path("overall").path("score").asString());
            assertThat(rows.get(i).get(2)).isEqualTo(point.path("overall").path("status").asString());
        }
        WebElement chart = page.findElement(By.id("trend-chart"));
        List<WebElement> dots = chart.findElements(By.tagName("circle"));
        assertThat(dots).hasSize(rows.size());
        assertThat(dots.get(dots.size() - 1).getDomAttribute("class"))
                .isEqualTo(trend.path("periods").get(rows.size() - 1).path("overall").path("status").asString());
        assertThat(chart.findElement(By.tagName("polyline")).getDomAttribute("points").split(" ")).hasSize(rows.size());
    }

    @Test
    void aManagerAcknowledgesAnAlertOfTheirOwnOnTheAlertsPageAndSeesNoOtherRegion() {
        long run = jdbc.sql("SELECT evaluation_run_id FROM period_result WHERE period = :p").param("p", PERIOD)
                .query(Long.class).single();
        for (String territory : List.of("NORTH-04", "SOUTH-04")) {
            jdbc.sql("""
                    INSERT INTO alert (territory_id, period, code, alert_key, severity, message, rules, status,
                                       raised_at, raised_by_run_id, last_run_id)
                    SELECT id, :period, 'PAGE_TEST', 'PAGE_TEST//', 'HIGH',
                           '<img src=x onerror="document.title=1"> needs a look', 'ALR-01', 'OPEN',
                           CURRENT_TIMESTAMP, :run, :run
                      FROM territory WHERE code = :territory""")
                    .param("period", PERIOD).param("run", run).param("territory", territory).update();
        }
        long north = jdbc.sql("SELECT a.id FROM alert a JOIN territory t ON t.id = a.territory_id "
                + "WHERE a.code = 'PAGE_TEST' AND t.code = 'NORTH-04'").query(Long.class).single();
        signIn(NORTH_MANAGER);

        page.findElement(By.linkText("Alerts")).click();
        chromium.await("the alerts page", d -> d.getCurrentUrl().startsWith(base + "/alerts"));
        page.findElement(By.id("territory")).sendKeys("NORTH-04");
        page.findElement(By.xpath("//button[.='Show']")).click();
        chromium.await("the filtered list", d -> d.getCurrentUrl().contains("territory=NORTH-04"));

        WebElement row = page.findElement(By.id("alert-" + north));
        assertThat(row.getText()).contains("PAGE_TEST", "<img src=x onerror=\"document.title=1\"> needs a look",
                "OPEN");
        assertThat(page.getTitle()).isEqualTo("Alerts - Territory Scorecard");
        assertThat(page.findElements(By.xpath("//main//img"))).isEmpty();
        row.findElement(By.name("note")).sendKeys("Called the rep <b>today</b>");
        row.findElement(By.xpath(".//button[.='Acknowledge']")).click();

        chromium.await("the acknowledgement", d -> d.findElements(By.cssSelector("p.notice")).stream()
                .anyMatch(notice -> notice.getText().equals("Alert PAGE_TEST of NORTH-04 (2026-10) acknowledged.")));
        assertThat(page.getCurrentUrl()).as("back to the same filtered list")
                .isEqualTo(base + "/alerts?territory=NORTH-04");
        String status = page.findElement(By.id("alert-" + north)).getText();
        assertThat(status).contains("ACKNOWLEDGED", "by north.manager", "Called the rep <b>today</b>");
        assertThat(page.findElements(By.xpath("//tr[@id='alert-" + north + "']//button"))).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'ALERT_ACKNOWLEDGED' AND actor = "
                + "'north.manager' AND target LIKE :t").param("t", "alert " + north + ":%").query(Long.class)
                .single()).isEqualTo(1);

        page.get(base + "/alerts?territory=SOUTH-04");
        assertThat(bodyText()).contains("No alerts match.").doesNotContain("PAGE_TEST");
        page.get(base + "/alerts");
        assertThat(page.findElements(By.xpath("//table[@id='alerts']//tr[td]/td[2]/a")).stream()
                .map(WebElement::getText)).isNotEmpty().allMatch(code -> code.startsWith("NORTH-"));
        chromium.keepScreenshots("alerts");
    }

    @Test
    void theApiTokensPageCreatesATokenShownOnceAndRevokesIt() {
        String name = "browser " + UUID.randomUUID().toString().substring(0, 8);
        signIn(NORTH_MANAGER);

        page.findElement(By.linkText("API tokens")).click();
        chromium.await("the API tokens page", d -> d.getCurrentUrl().equals(base + "/account/tokens"));
        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Personal API tokens");
        page.findElement(By.id("name")).sendKeys(name);
        page.findElement(By.xpath("//button[.='Create token']")).click();

        WebElement shown = chromium.await("the new token", d -> d.findElements(By.cssSelector("div.token")).stream()
                .findFirst().orElse(null));
        String token = shown.getText();
        assertThat(token).startsWith("tsc_");
        assertThat(page.findElement(By.cssSelector("div.notice")).getText())
                .startsWith("Token " + name + " created. Copy it now; it is not shown again:");
        assertThat(tokenRow(name).get(3)).isEqualTo("active");
        HttpAnswer me = api.bearer(token).get("/api/me");
        assertThat(me.status()).as("%s", me).isEqualTo(200);
        assertThat(me.json().path("username").asString()).isEqualTo(NORTH_MANAGER.username());

        page.findElement(By.linkText("API tokens")).click();
        chromium.await("the API tokens page again", ExpectedConditions.stalenessOf(shown));
        assertThat(page.findElements(By.cssSelector("div.notice"))).isEmpty();
        assertThat(page.getPageSource()).doesNotContain(token);
        List<String> listed = tokenRow(name);
        assertThat(listed.get(2)).as("last used").isNotEqualTo("never");
        assertThat(listed.get(3)).isEqualTo("active");

        page.findElement(By.xpath("//main//tr[td[1]='" + name + "']//button[.='Revoke']")).click();
        chromium.await("the token revoked", d -> tokenRow(name).get(3).startsWith("revoked "));
        assertThat(page.getCurrentUrl()).isEqualTo(base + "/account/tokens");
        assertThat(page.findElements(By.xpath("//main//tr[td[1]='" + name + "']//button"))).isEmpty();
        assertThat(api.bearer(token).get("/api/me").status()).isEqualTo(401);
    }

    @Test
    void signingOutLeadsToTheSignInPageAndTheBackButtonShowsNoScorecard() {
        signIn(NORTH_MANAGER);
        page.findElement(By.linkText("NORTH-03")).click();
        chromium.await("NORTH-03's scorecard", d -> d.getCurrentUrl().contains("/scorecards/NORTH-03"));

        page.findElement(By.xpath("//header//button[.='Sign out']")).click();

        chromium.await("the signed-out page", d -> d.getCurrentUrl().equals(base + "/login?signedout"));
        assertThat(bodyText()).contains("You have signed out.").doesNotContain("Signed in as");
        page.navigate().back();
        assertThat(page.getCurrentUrl()).isEqualTo(base + "/login");
        assertThat(page.findElement(By.id("username")).isDisplayed()).isTrue();
        assertThat(bodyText()).doesNotContain("NORTH-03", "Overall", "Signed in as");
        page.navigate().back();
        assertThat(bodyText()).doesNotContain("NORTH-", "Signed in as");
    }

    private static void signIn(DemoAccount account) {
        chromium.signIn(base, account);
    }

    private static void submitSignIn(String username, String password) {
        chromium.submitSignIn(username, password);
    }

    private static String bodyText() {
        return page.findElement(By.tagName("body")).getText();
    }

    /** The cells' texts of each row of a table that has cells (the heading row left out). */
    private static List<List<String>> rowsOf(WebElement table) {
        return table.findElements(By.xpath(".//tr[td]")).stream()
                .map(row -> row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList())
                .toList();
    }

    /**
     * The cells' texts of the token's row, read in one script call so that a page being replaced cannot pull the row
     * away between finding it and reading its cells; fails (so a wait retries) while the row is not there.
     */
    @SuppressWarnings("unchecked")
    private static List<String> tokenRow(String name) {
        Object cells = chromium.script("const row = document.evaluate(arguments[0], document, null,"
                + " XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue;"
                + " return row ? Array.from(row.cells, cell => cell.innerText.trim()) : null;",
                "//main//tr[td[1]='" + name + "']");
        if (cells == null) {
            throw new NoSuchElementException("no row for the token " + name);
        }
        return (List<String>) cells;
    }

    private static Map<String, String> overallStatusesFromApi(DemoAccount account) {
        Map<String, String> statuses = new LinkedHashMap<>();
        for (JsonNode line : api.as(account).get("/api/scorecards?period=" + PERIOD).json().path("territories")) {
            statuses.put(line.path("territory").asString(), line.path("overall").path("status").asString());
        }
        return statuses;
    }

    /** The "Why" column as the page should show it: the reason or the band in words, then the ids of the rules. */
    private static String why(JsonNode kpi) {
        JsonNode explanation = kpi.path("explanation");
        String words = explanation.has("reason") ? explanation.path("reason").asString()
                : explanation.path("band").path("rule").asString();
        return words + " (" + String.join(", ", explanation.path("rules").valueStream().map(JsonNode::asString)
                .toList()) + ")";
    }

    private static String nameOfKpi(JsonNode card, String code) {
        for (JsonNode kpi : card.path("kpis")) {
            if (kpi.path("code").asString().equals(code)) {
                return kpi.path("name").asString();
            }
        }
        throw new AssertionError("NORTH-03 has no KPI " + code + ": " + card);
    }
}
