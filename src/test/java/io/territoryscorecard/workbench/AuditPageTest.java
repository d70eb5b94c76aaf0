package io.territoryscorecard.workbench;

import static io.territoryscorecard.DemoAccount.ADMIN;
import static io.territoryscorecard.DemoAccount.NORTH_MANAGER;
import static io.territoryscorecard.DemoAccount.SALES_OPS;
import static io.territoryscorecard.DemoAccount.SOUTH_VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import io.territoryscorecard.Browser;
import io.territoryscorecard.DemoAccount;
import io.territoryscorecard.HeadlessChromium;
import io.territoryscorecard.HttpAnswer;
import io.territoryscorecard.Launcher;
import io.territoryscorecard.account.AuditLog;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The audit log page in headless Chromium, for admins: filters, pages of 50 entries, the CSV export of what the
 * filter shows, markup shown as text; every other role is refused. The log holds the demo's own entries and 60
 * entries this test records.
 */
class AuditPageTest {

    private static final String DATABASE = "jdbc:h2:mem:audit-page-" + UUID.randomUUID()
            + ";MODE=MySQL;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";
    private static final String MARKUP = "<img src=x onerror=\"document.title='pwned'\">";

    static HeadlessChromium chromium;
    static WebDriver page;
    static ConfigurableApplicationContext server;
    static String base;

    @RegisterExtension
    static final AfterTestExecutionCallback KEEP_PAGE_OF_FAILURE = HeadlessChromium.keepingPageOfFailure(
            () -> chromium);

    @BeforeAll
    static void startBrowserAndServerAndRecordEntries() {
        chromium = HeadlessChromium.start();
        page = chromium.driver();
        server = Launcher.startServer("--spring.datasource.url=" + DATABASE,
                "--scorecard.demo.evaluate-on-start=false");
        base = "http://127.0.0.1:" + Launcher.port(server);
        AuditLog audit = server.getBean(AuditLog.class);
        for (int i = 1; i <= 60; i++) {
            audit.record("importer" + (i % 2), "PAGE_TEST", "import batch " + i, "row " + i + " of the page test");
        }
        audit.record("importer1", "PAGE_MARKUP", "Batch <b>61</b>", MARKUP);
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
    void anAdminFiltersTheLogByActionAndPagesThroughIt() {
        chromium.signIn(base, ADMIN);
        page.findElement(By.linkText("Audit log")).click();
        chromium.await("the audit page", d -> d.getCurrentUrl().equals(base + "/audit"));
        assertThat(page.getTitle()).isEqualTo("Audit log - Territory Scorecard");
        assertThat(rows()).hasSize(50);
        assertThat(rows()).filteredOn(row -> row.get(2).equals("PAGE_MARKUP")).singleElement()
                .satisfies(row -> assertThat(row.subList(1, 5)).containsExactly("importer1", "PAGE_MARKUP",
                        "Batch <b>61</b>", MARKUP));
        assertThat(page.findElements(By.xpath("//main//img"))).isEmpty();
        assertThat(page.getTitle()).isEqualTo("Audit log - Territory Scorecard");
        chromium.keepScreenshots("audit");

        new Select(page.findElement(By.id("action"))).selectByVisibleText("PAGE_TEST");
        page.findElement(By.xpath("//button[.='Show']")).click();

        chromium.await("the filtered page", d -> d.getCurrentUrl().contains("action=PAGE_TEST"));
        List<List<String>> first = rows();
        assertThat(first).hasSize(50).allMatch(row -> row.get(2).equals("PAGE_TEST"));
        assertThat(first.get(0).get(3)).isEqualTo("import batch 60");
        assertThat(first.get(49).get(3)).isEqualTo("import batch 11");
        assertThat(page.findElements(By.linkText("← Newer"))).isEmpty();
        page.findElement(By.linkText("Older →")).click();

        chromium.await("the second page", d -> d.getCurrentUrl().contains("page=2"));
        assertThat(rows()).extracting(row -> row.get(3)).containsExactlyElementsOf(
                IntStream.iterate(10, i -> i >= 1, i -> i - 1).mapToObj(i -> "import batch " + i)
                        .toList());
        assertThat(page.findElement(By.cssSelector("nav.pager")).getText()).contains("Page 2");
        assertThat(page.findElements(By.linkText("Older →"))).isEmpty();
        assertThat(new Select(page.findElement(By.id("action"))).getFirstSelectedOption().getText())
                .as("the filter stays chosen").isEqualTo("PAGE_TEST");
        page.findElement(By.linkText("← Newer")).click();
        chromium.await("the first page again", d -> d.getCurrentUrl().contains("page=1"));
        assertThat(rows().get(0).get(3)).isEqualTo("import batch 60");
    }

    @Test
    void anAdminFiltersByWhoTargetAndDaysAndExportsExactlyThat() {
        chromium.signIn(base, ADMIN);
        page.get(base + "/audit");

        page.findElement(By.id("actor")).sendKeys("importer0");
        page.findElement(By.id("target")).sendKeys("BATCH 1");
        page.findElement(By.xpath("//button[.='Show']")).click();

        chromium.await("the filtered page", d -> d.getCurrentUrl().contains("actor=importer0"));
        List<List<String>> rows = rows();
        assertThat(rows).extracting(row -> row.get(3)).as("importer0 records the even batches")
                .containsExactly("import batch 18", "import batch 16", "import batch 14", "import batch 12",
                        "import batch 10");
        assertThat(rows).allMatch(row -> row.get(1).equals("importer0"));
        String export = page.findElement(By.id("export")).getDomAttribute("href");
        assertThat(export).startsWith("/audit/export.csv?").contains("actor=importer0", "target=BATCH%201");

        Browser admin = signedIn(ADMIN);
        HttpAnswer csv = admin.get(export);
        assertThat(csv.status()).as("%s", csv).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("id,occurred_at,actor,action,target,details,remote_address");
        assertThat(lines.subList(1, lines.size())).hasSize(5).allMatch(line -> line.contains(",importer0,PAGE_TEST,"))
                .anyMatch(line -> line.contains(",import batch 18,"));
        // the API itself takes credentials with each request, not the page's session
        assertThat(admin.get("/api/audit/export.csv").status()).isEqualTo(401);

        String tomorrow = LocalDate.now().plusDays(1).toString();
        page.get(base + "/audit?from=" + tomorrow);
        assertThat(page.findElements(By.id("audit-events"))).isEmpty();
        assertThat(page.findElement(By.cssSelector("p.empty")).getText())
                .isEqualTo("No entries match these filters. Widen the days or clear a filter.");
        page.get(base + "/audit?to=" + LocalDate.now() + "&action=PAGE_TEST");
        assertThat(rows()).hasSize(50);
        page.get(base + "/audit?from=yesterday");
        assertThat(page.findElement(By.cssSelector("p.error")).getText())
                .isEqualTo("From: 'yesterday' is not a day; write it as 2026-11-27");
    }

    @Test
    void theFiltersWorkWithTheKeyboardAlone() {
        chromium.signIn(base, ADMIN);
        page.get(base + "/audit");

        WebElement actor = page.findElement(By.id("actor"));
        actor.sendKeys("importer1\n");

        chromium.await("the filtered page", d -> d.getCurrentUrl().contains("actor=importer1"));
        assertThat(rows()).isNotEmpty().allMatch(row -> row.get(1).equals("importer1"));
    }

    @Test
    void everyoneButAdminsIsRefusedTheAuditPageAndItsExport() {
        for (DemoAccount account : List.of(SALES_OPS, NORTH_MANAGER, SOUTH_VIEWER)) {
            Browser browser = signedIn(account);
            for (String path : List.of("/audit", "/audit?action=PAGE_TEST", "/audit/export.csv")) {
                HttpAnswer answer = browser.get(path);
                assertThat(answer.status()).as("GET %s as %s: %s", path, account, answer).isEqualTo(403);
                assertThat(answer.body()).doesNotContain("import batch");
            }
        }
        chromium.signIn(base, SALES_OPS);
        assertThat(page.findElements(By.linkText("Audit log"))).isEmpty();
    }

    private static Browser signedIn(DemoAccount account) {
        Browser browser = new Browser(Launcher.port(server));
        browser.signIn(account);
        return browser;
    }

    private static List<List<String>> rows() {
        return page.findElements(By.xpath("//table[@id='audit-events']//tr[td]")).stream()
                .map(row -> row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList())
                .toList();
    }
}
