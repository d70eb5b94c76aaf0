package io.territoryscorecard.web;

import static io.territoryscorecard.DemoAccount.NORTH_MANAGER;
import static io.territoryscorecard.DemoAccount.SALES_OPS;
import static org.assertj.core.api.Assertions.assertThat;

import io.territoryscorecard.ApiClient;
import io.territoryscorecard.DemoAccount;
import io.territoryscorecard.HeadlessChromium;
import io.territoryscorecard.Launcher;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The pages read well on a desktop and on a phone: numbers with their units and thousands separators, perspectives
 * and directions in words, no sideways scrolling at 390 px, the alerts paged with their filters kept, the trend
 * chart with the score limits of the rules, and the first steps (the demo accounts on the sign-in page of the demo
 * only, empty states that say what to do). One demo server and one browser for the class, three periods evaluated;
 * the sign-in page without the demo gets a second server of its own.
 */
class ReadablePagesInBrowserTest {

    private static final String DATABASE = "jdbc:h2:mem:readable-pages-" + UUID.randomUUID()
            + ";MODE=MySQL;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";
    private static final String PERIOD = "2026-10";
    private static final int PHONE = 390;

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
        chromium = HeadlessChromium.start();
        page = chromium.driver();
        server = Launcher.startServer("--spring.datasource.url=" + DATABASE,
                "--scorecard.demo.evaluate-on-start=false");
        int port = Launcher.port(server);
        base = "http://127.0.0.1:" + port;
        api = ApiClient.anonymous(port);
        jdbc = server.getBean(JdbcClient.class);
        for (String period : List.of("2026-08", "2026-09", PERIOD)) {
            api.as(SALES_OPS).evaluate(period);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        HeadlessChromium.close(chromium, server);
    }

    @BeforeEach
    void startSignedOutOnADesktop() {
        page.manage().window().setSize(new Dimension(1280, 1000));
        chromium.signOut(base);
    }

    @Test
    void theScorecardWritesAmountsWithThousandsSeparatorsAndUnitsAndSaysWhichWayIsBetter() {
        JsonNode card = api.as(NORTH_MANAGER).get("/api/scorecards/NORTH-03?period=" + PERIOD).json();
        chromium.signIn(base, NORTH_MANAGER);

        page.get(base + "/scorecards/NORTH-03?period=" + PERIOD);

        JsonNode revenue = kpi(card, "REVENUE");
        WebElement revenueRow = page.findElement(By.id("kpi-REVENUE"));
        BigDecimal actual = revenue.path("actual").decimalValue();
        assertThat(actual).as("the demo's revenue runs into hundreds of thousands").isGreaterThan(new BigDecimal(1000));
        assertThat(cell(revenueRow, "Actual")).isEqualTo(String.format(Locale.ENGLISH, "%,.0f EUR", actual))
                .matches("\\d{1,3}(,\\d{3})+ EUR");
        assertThat(cell(revenueRow, "Target"))
                .isEqualTo(String.format(Locale.ENGLISH, "%,.0f EUR", revenue.path("target").decimalValue()));
        assertThat(cell(revenueRow, "Attainment")).isEqualTo(String.format(Locale.ENGLISH, "%.1f %%",
                revenue.path("attainment").decimalValue().movePointRight(2)));
        assertThat(cell(revenueRow, "KPI")).isEqualTo("Revenue\nFinancial, higher is better");

        JsonNode margin = kpi(card, "GROSS_MARGIN");
        assertThat(cell(page.findElement(By.id("kpi-GROSS_MARGIN")), "Actual")).isEqualTo(
                String.format(Locale.ENGLISH, "%.1f %%", margin.path("actual").decimalValue())).endsWith(" %");

        WebElement cycle = page.findElement(By.id("kpi-SALES_CYCLE_DAYS"));
        assertThat(cell(cycle, "KPI")).isEqualTo("Sales cycle length\nInternal process, lower is better");
        assertThat(cell(cycle, "Actual")).matches("\\d+(\\.\\d)? days");

        assertThat(page.findElements(By.cssSelector("#perspectives tr td:first-child")).stream()
                .map(WebElement::getText)).containsExactlyInAnyOrder("Financial", "Customer", "Internal process",
                        "Learning & growth");
        assertThat(page.findElements(By.cssSelector("#perspectives td[data-label=Weight]")).stream()
                .map(WebElement::getText)).allMatch(weight -> weight.matches("\\d+(\\.\\d+)? %"));
        assertThat(page.findElements(By.cssSelector("#trend tr th")).stream().map(WebElement::getText))
                .contains("Financial", "Learning & growth").doesNotContain("LEARNING_GROWTH");
    }

    @Test
    void theTrendChartDrawsTheGreenAndAmberLimitsOfTheRulesAndEveryLabelInFull() throws IOException {
        Map<String, String> limits = scoreLimitsInTheRules();
        chromium.signIn(base, NORTH_MANAGER);

        page.get(base + "/scorecards/NORTH-03?period=" + PERIOD);

        WebElement chart = page.findElement(By.id("trend-chart"));
        for (String status : List.of("GREEN", "AMBER")) {
            WebElement limit = chart.findElement(By.cssSelector("g.limit." + status));
            assertThat(limit.findElement(By.tagName("text")).getText()).isEqualTo(status + " " + limits.get(status));
            // The line sits where the grid line of the same score would be: 80 on the 80 line.
            double y = Double.parseDouble(limit.findElement(By.tagName("line")).getDomAttribute("y1"));
            assertThat(y).isEqualTo(gridY(chart, 0) + (gridY(chart, 100) - gridY(chart, 0))
                    * Double.parseDouble(limits.get(status)) / 100, org.assertj.core.data.Offset.offset(0.01));
        }
        assertThat(chart.getDomAttribute("aria-label")).contains("GREEN " + limits.get("GREEN"),
                "AMBER " + limits.get("AMBER"));
        assertThat(chart.findElements(By.cssSelector("text.period")).stream().map(WebElement::getText))
                .containsExactly("2026-08", "2026-09", PERIOD);
        assertEveryChartLabelInside();

        page.manage().window().setSize(new Dimension(PHONE, 900));
        assertEveryChartLabelInside();
        chromium.keepScreenshots("scorecard-trend");
    }

    @Test
    void scorecardAlertsAndTheScorecardListDoNotScrollSidewaysOnAPhone() {
        chromium.signIn(base, SALES_OPS);
        page.manage().window().setSize(new Dimension(PHONE, 900));
        assertThat(((Number) chromium.script("return window.innerWidth")).intValue())
                .as("the window is as narrow as a phone").isLessThanOrEqualTo(PHONE);

        for (String address : List.of("/scorecards", "/scorecards/NORTH-03?period=" + PERIOD,
                "/scorecards/SOUTH-04?period=" + PERIOD, "/alerts", "/alerts?severity=HIGH")) {
            page.get(base + address);
            assertNoSidewaysScrolling(address);
        }
        page.get(base + "/scorecards/NORTH-03?period=" + PERIOD);
        // On a phone a KPI is a card: every value under its heading's name, the why in full.
        WebElement revenue = page.findElement(By.id("kpi-REVENUE"));
        assertThat(revenue.findElement(By.cssSelector("td[data-label=Why]")).getCssValue("display"))
                .isEqualTo("block");
        assertThat((String) chromium.script("return getComputedStyle(arguments[0], '::before').content",
                revenue.findElement(By.cssSelector("td[data-label=Why]")))).isEqualTo("\"Why: \"");
    }

    @Test
    void theAlertsPageShowsFiftyAPageAndKeepsItsFiltersAcrossPagesAndAcknowledging() {
        int seeded = 73;
        seedAlerts("NORTH-05", "LOW", seeded);
        long matching = jdbc.sql("""
                SELECT COUNT(*) FROM alert a JOIN territory t ON t.id = a.territory_id
                 WHERE t.code = 'NORTH-05' AND a.severity = 'LOW' AND a.period = :p""")
                .param("p", PERIOD).query(Long.class).single();
        assertThat(matching).isGreaterThanOrEqualTo(seeded).isLessThan(100);
        chromium.signIn(base, NORTH_MANAGER);

        page.get(base + "/alerts");
        new org.openqa.selenium.support.ui.Select(page.findElement(By.id("severity"))).selectByValue("LOW");
        page.findElement(By.id("territory")).sendKeys("NORTH-05");
        page.findElement(By.id("period")).sendKeys(PERIOD);
        page.findElement(By.xpath("//button[.='Show']")).click();
        chromium.await("the filtered list", d -> d.getCurrentUrl().contains("territory=NORTH-05"));

        assertThat(alertRows()).hasSize(50);
        assertThat(page.findElements(By.id("newer"))).isEmpty();
        assertThat(page.findElement(By.id("showing")).getText()).isEqualTo("Alerts 1 to 50, page 1");
        page.findElement(By.id("older")).click();
        chromium.await("the second page", d -> d.getCurrentUrl().contains("page=2"));

        assertThat(page.getCurrentUrl()).isEqualTo(base + "/alerts?period=" + PERIOD
                + "&severity=LOW&territory=NORTH-05&page=2");
        assertThat(alertRows()).hasSize((int) matching - 50)
                .allSatisfy(row -> assertThat(row).contains("NORTH-05", "LOW"));
        assertThat(page.findElements(By.id("older"))).isEmpty();
        assertThat(page.findElement(By.id("severity")).getDomProperty("value")).isEqualTo("LOW");
        assertThat(page.findElement(By.id("territory")).getDomProperty("value")).isEqualTo("NORTH-05");

        WebElement first = page.findElement(By.xpath("//table[@id='alerts']//tr[td][1]"));
        String id = first.getDomAttribute("id");
        first.findElement(By.name("note")).sendKeys("paged");
        first.findElement(By.xpath(".//button[.='Acknowledge']")).click();
        chromium.await("the acknowledgement", d -> !d.findElements(By.cssSelector("p.notice")).isEmpty());
        assertThat(page.getCurrentUrl()).as("back on the same page with the same filters")
                .isEqualTo(base + "/alerts?period=" + PERIOD + "&severity=LOW&territory=NORTH-05&page=2");
        assertThat(page.findElement(By.id(id)).getText()).contains("ACKNOWLEDGED", "by north.manager");

        page.findElement(By.id("newer")).click();
        chromium.await("the first page again", d -> !d.getCurrentUrl().contains("page="));
        assertThat(page.getCurrentUrl()).isEqualTo(base + "/alerts?period=" + PERIOD
                + "&severity=LOW&territory=NORTH-05");
        assertThat(alertRows()).hasSize(50);

        // The keyboard reaches the paging link, and the place it is at can be seen.
        page.findElement(By.tagName("body")).click();
        WebElement focused = null;
        for (int i = 0; i < 400 && focused == null; i++) {
            page.switchTo().activeElement().sendKeys(Keys.TAB);
            WebElement active = page.switchTo().activeElement();
            if ("older".equals(active.getDomAttribute("id"))) {
                focused = active;
            }
        }
        assertThat(focused).as("the Older link reached with the tab key").isNotNull();
        assertThat(focused.getCssValue("outline-style")).isNotEqualTo("none");
        chromium.keepScreenshots("alerts-paged");
    }

    @Test
    void theDemoSignInPageNamesTheDemoAccountsWithTheirPasswords() {
        page.get(base + "/login");

        List<List<String>> rows = page.findElements(By.cssSelector("#demo-accounts tr:has(td)")).stream()
                .map(row -> row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList()).toList();
        assertThat(rows).extracting(row -> row.get(0) + " " + row.get(1)).containsExactlyElementsOf(
                List.of(DemoAccount.values()).stream().map(a -> a.username() + " " + a.password()).toList());
        chromium.keepScreenshots("sign-in-demo");
        // What the page says works.
        chromium.submitSignIn(rows.get(1).get(0), rows.get(1).get(1));
        chromium.await("signed in", d -> d.getCurrentUrl().equals(base + "/scorecards"));
    }

    @Test
    void withoutTheDemoTheSignInPageNamesNoAccountsAndAnEmptyListSaysTheNextStep() {
        String admin = "first.admin";
        String password = "a long enough password " + UUID.randomUUID();
        ConfigurableApplicationContext plain = Launcher.startServer("--spring.datasource.url=jdbc:h2:mem:no-demo-"
                + UUID.randomUUID() + ";MODE=MySQL;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1",
                "--spring.liquibase.contexts=production", "--scorecard.security.allow-demo-passwords=false",
                "--scorecard.demo.evaluate-on-start=false", "--scorecard.security.initial-admin-username=" + admin,
                "--scorecard.security.initial-admin-password=" + password);
        try {
            String plainBase = "http://127.0.0.1:" + Launcher.port(plain);
            page.get(plainBase + "/login");
            assertThat(page.findElements(By.id("demo-accounts"))).isEmpty();
            assertThat(page.getPageSource()).doesNotContain("demo-admin", "demo-manager");

            chromium.submitSignIn(admin, password);
            chromium.await("signed in", d -> d.getCurrentUrl().equals(plainBase + "/scorecards"));
            assertThat(page.findElement(By.tagName("main")).getText())
                    .contains("No period has been evaluated yet: import measurements, then start an evaluation.");
            page.get(plainBase + "/alerts");
            assertThat(page.findElement(By.tagName("main")).getText()).contains("No alerts match.");
        } finally {
            page.manage().deleteAllCookies();
            plain.close();
        }
    }

    private static JsonNode kpi(JsonNode card, String code) {
        return card.path("kpis").valueStream().filter(k -> k.path("code").asString().equals(code)).findFirst()
                .orElseThrow();
    }

    private static String cell(WebElement row, String label) {
        return row.findElement(By.cssSelector("td[data-label='" + label + "']")).getText();
    }

    private static List<String> alertRows() {
        return page.findElements(By.xpath("//table[@id='alerts']//tr[td]")).stream().map(WebElement::getText)
                .toList();
    }

    private static double gridY(WebElement chart, int score) {
        return chart.findElements(By.cssSelector("line.grid")).stream()
                .filter(line -> line.findElement(By.xpath("following-sibling::*[1]")).getText()
                        .equals(String.valueOf(score)))
                .map(line -> Double.parseDouble(line.getDomAttribute("y1"))).findFirst().orElseThrow();
    }

    private static void assertNoSidewaysScrolling(String address) {
        long scrollWidth = ((Number) chromium.script("return document.documentElement.scrollWidth")).longValue();
        long innerWidth = ((Number) chromium.script("return window.innerWidth")).longValue();
        assertThat(scrollWidth).as("%s: page width %d in a window of %d", address, scrollWidth, innerWidth)
                .isLessThanOrEqualTo(innerWidth);
    }

    /** Every text of the chart lies wholly inside the chart's drawing area: nothing is cut off at an edge. */
    @SuppressWarnings("unchecked")
    private static void assertEveryChartLabelInside() {
        List<String> outside = (List<String>) chromium.script("""
                const svg = document.getElementById('trend-chart');
                const box = svg.viewBox.baseVal;
                return [...svg.querySelectorAll('text')].map(t => [t.textContent, t.getBBox()])
                    .filter(([, b]) => b.x < box.x || b.y < box.y || b.x + b.width > box.x + box.width
                        || b.y + b.height > box.y + box.height || b.width === 0)
                    .map(([text, b]) => text + ' at ' + b.x + ',' + b.y + ' ' + b.width + 'x' + b.height);""");
        assertThat(outside).as("labels cut off").isEmpty();
        Number shown = (Number) chromium.script("""
                const r = document.getElementById('trend-chart').getBoundingClientRect();
                return r.right <= document.documentElement.clientWidth ? 1 : 0;""");
        assertThat(shown.intValue()).as("the chart fits the window").isEqualTo(1);
    }

    /** The GREEN and AMBER limits as the rules set them: {@code ScoreLimit(Status.GREEN, "80")}. */
    private static Map<String, String> scoreLimitsInTheRules() throws IOException {
        String rules = Files.readString(Path.of("rules", "14-score-status-bands.drl"));
        Matcher green = Pattern.compile("ScoreLimit\\(Status\\.GREEN, \"([0-9.]+)\"\\)").matcher(rules);
        Matcher amber = Pattern.compile("ScoreLimit\\(Status\\.AMBER, \"([0-9.]+)\"\\)").matcher(rules);
        assertThat(green.find() && amber.find()).as("the limits in the rules").isTrue();
        return Map.of("GREEN", green.group(1), "AMBER", amber.group(1));
    }

    private static void seedAlerts(String territory, String severity, int count) {
        long run = jdbc.sql("SELECT evaluation_run_id FROM period_result WHERE period = :p").param("p", PERIOD)
                .query(Long.class).single();
        for (int i = 1; i <= count; i++) {
            jdbc.sql("""
                    INSERT INTO alert (territory_id, period, code, alert_key, severity, message, rules, status,
                                       raised_at, raised_by_run_id, last_run_id)
                    SELECT id, :period, :code, :key, :severity, 'Seeded to fill more than one page', 'ALR-01', 'OPEN',
                           CURRENT_TIMESTAMP, :run, :run
                      FROM territory WHERE code = :territory""")
                    .param("period", PERIOD).param("code", String.format("PAGING_%02d", i))
                    .param("key", String.format("PAGING_%02d//", i)).param("severity", severity)
                    .param("run", run).param("territory", territory).update();
        }
    }
}
