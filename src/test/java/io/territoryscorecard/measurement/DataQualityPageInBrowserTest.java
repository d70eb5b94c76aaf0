package io.territoryscorecard.measurement;

import static io.territoryscorecard.DemoAccount.NORTH_MANAGER;
import static io.territoryscorecard.DemoAccount.SALES_OPS;
import static org.assertj.core.api.Assertions.assertThat;

import io.territoryscorecard.ApiClient;
import io.territoryscorecard.HeadlessChromium;
import io.territoryscorecard.Launcher;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The data quality page in headless Chromium on the demo company (eighteen months of measurements, 2025-05 to
 * 2026-10, with missing and invalid rows): reached from the scorecards list, limited to the account's territories,
 * readable on a phone, and saying what to do when there is nothing to show. The last test removes every measurement.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DataQualityPageInBrowserTest {

    private static final String DATABASE = "jdbc:h2:mem:data-quality-page-" + UUID.randomUUID()
            + ";MODE=MySQL;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";

    static HeadlessChromium chromium;
    static WebDriver page;
    static ConfigurableApplicationContext server;
    static String base;

    @RegisterExtension
    static final AfterTestExecutionCallback KEEP_PAGE_OF_FAILURE = HeadlessChromium.keepingPageOfFailure(
            () -> chromium);

    @BeforeAll
    static void startBrowserAndServer() {
        chromium = HeadlessChromium.start();
        page = chromium.driver();
        server = Launcher.startServer("--spring.datasource.url=" + DATABASE,
                "--scorecard.demo.evaluate-on-start=false");
        base = "http://127.0.0.1:" + Launcher.port(server);
        // the first pages a fresh server renders are slow on a busy machine: not what the tests time
        ApiClient warmUp = ApiClient.anonymous(Launcher.port(server)).as(SALES_OPS);
        warmUp.get("/scorecards");
        warmUp.get("/data-quality");
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
    @Order(1)
    void salesOpsFollowTheLinkFromTheScorecardsToTheLatestPeriodsCompletenessAndFreshness() {
        chromium.signIn(base, SALES_OPS);
        page.findElement(By.partialLinkText("Data quality")).click();

        chromium.await("the data quality page", d -> d.getCurrentUrl().startsWith(base + "/data-quality"));
        assertThat(page.getTitle()).isEqualTo("Data quality - Territory Scorecard");
        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Data quality 2026-10");
        String summary = page.findElement(By.id("summary")).getText();
        assertThat(summary).containsPattern("Complete\\s+\\d+\\.\\d %").containsPattern("Valid KPIs\\s+\\d+ of 720")
                .contains("in 60 territories").containsPattern("Last change\\s+\\d+ days ago")
                .containsPattern("Problems\\s+\\d+ missing");
        List<WebElement> leastComplete = page.findElements(By.cssSelector("#least-complete tr td:first-child a"));
        assertThat(leastComplete).isNotEmpty().hasSizeLessThanOrEqualTo(10);
        assertThat(page.findElements(By.cssSelector("#stalest tr td:first-child a"))).hasSize(10);
        List<String> periods = page.findElements(By.cssSelector("#periods tr td:first-child")).stream()
                .map(WebElement::getText).toList();
        assertThat(periods).hasSize(12).first().isEqualTo("2026-10");
        assertThat(periods).last().isEqualTo("2025-11");

        page.findElement(By.linkText("2026-09")).click();
        chromium.await("2026-09", d -> d.findElement(By.tagName("h1")).getText().equals("Data quality 2026-09"));
        page.get(base + "/data-quality");
        chromium.keepScreenshots("data-quality");
    }

    @Test
    @Order(2)
    void onAPhoneThePageNeedsNoSidewaysScrolling() {
        chromium.signIn(base, SALES_OPS);
        Dimension before = page.manage().window().getSize();
        try {
            page.manage().window().setSize(new Dimension(390, 900));
            page.get(base + "/data-quality");
            long viewport = ((Number) chromium.script("return window.innerWidth")).longValue();
            assertThat(viewport).isLessThanOrEqualTo(400);
            long widest = ((Number) chromium.script("return Math.max(document.documentElement.scrollWidth, ...Array"
                    + ".from(document.querySelectorAll('main table')).map(t => t.getBoundingClientRect().right))"))
                    .longValue();
            assertThat(widest).as("width of the page's content at %d px", viewport).isLessThanOrEqualTo(viewport);
        } finally {
            page.manage().window().setSize(before);
        }
    }

    @Test
    @Order(3)
    void aManagerSeesOnlyTheTerritoriesOfTheirScope() {
        chromium.signIn(base, NORTH_MANAGER);
        page.get(base + "/data-quality?period=2026-10");

        assertThat(page.findElement(By.id("summary")).getText()).doesNotContain("in 60 territories");
        List<WebElement> territories = page.findElements(By.cssSelector("#stalest tr td:first-child a"));
        assertThat(territories).isNotEmpty();
        territories.forEach(t -> assertThat(t.getText()).startsWith("NORTH-"));
        page.findElements(By.cssSelector("#least-complete tr td:first-child a"))
                .forEach(t -> assertThat(t.getText()).startsWith("NORTH-"));
    }

    @Test
    @Order(4)
    void aPeriodWithoutMeasurementsSaysToImportThemFirst() {
        chromium.signIn(base, SALES_OPS);
        page.get(base + "/data-quality?period=2030-01");

        assertThat(page.findElement(By.id("no-measurements")).getText())
                .isEqualTo("2030-01 has no measurements: import them first (Imports page or `import`), then evaluate.");
        assertThat(page.findElements(By.id("stalest"))).isEmpty();
        assertThat(page.findElements(By.cssSelector("#periods tr td"))).isNotEmpty();
    }

    @Test
    @Order(5)
    void withoutAnyMeasurementTheEmptyStateNamesTheNextStep() {
        server.getBean(JdbcClient.class).sql("DELETE FROM measurement").update();
        chromium.signIn(base, SALES_OPS);
        page.get(base + "/data-quality");

        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Data quality");
        assertThat(page.findElement(By.id("empty")).getText()).isEqualTo("No measurements have been imported yet: "
                + "import them on the Imports page (or with import), then start an evaluation.");
        assertThat(page.findElements(By.tagName("table"))).isEmpty();
    }
}
