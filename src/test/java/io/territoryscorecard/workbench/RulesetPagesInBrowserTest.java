package io.territoryscorecard.workbench;

import static io.territoryscorecard.DemoAccount.ADMIN;
import static io.territoryscorecard.DemoAccount.NORTH_MANAGER;
import static io.territoryscorecard.DemoAccount.SALES_OPS;
import static io.territoryscorecard.DemoAccount.SOUTH_VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import io.territoryscorecard.ApiClient;
import io.territoryscorecard.Browser;
import io.territoryscorecard.DefaultRules;
import io.territoryscorecard.DemoAccount;
import io.territoryscorecard.HeadlessChromium;
import io.territoryscorecard.HttpAnswer;
import io.territoryscorecard.Launcher;
import io.territoryscorecard.ruleset.RulesetService;
import io.territoryscorecard.ruleset.RulesetSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The rules pages in headless Chromium, against the running service with the demo company and 2026-10 evaluated, and
 * a second stored version whose overall AMBER limit is a score of 70, not 60: sales ops read the versions, open one's
 * files, compare the two, activate the second after its preview, roll back and restate 2026-10 with it; admins only
 * read; managers and viewers get nothing. The tests run in order, since activating and rolling back change what is
 * active.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RulesetPagesInBrowserTest {

    private static final String DATABASE = "jdbc:h2:mem:ruleset-pages-" + UUID.randomUUID()
            + ";MODE=MySQL;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";
    private static final String PERIOD = "2026-10";
    private static final String BANDS = "14-score-status-bands.drl";
    private static final String AMBER_RULE = "SET-06 Perspective and overall status bands";

    static HeadlessChromium chromium;
    static WebDriver page;
    static ConfigurableApplicationContext server;
    static String base;
    static ApiClient api;
    static JdbcClient jdbc;
    static RulesetService rulesets;
    static long original;
    static long stricter;

    @RegisterExtension
    static final AfterTestExecutionCallback KEEP_PAGE_OF_FAILURE = HeadlessChromium.keepingPageOfFailure(
            () -> chromium);

    @BeforeAll
    static void startBrowserAndServerAndStoreAStricterVersion() {
        chromium = HeadlessChromium.start();
        page = chromium.driver();
        server = Launcher.startServer("--spring.datasource.url=" + DATABASE,
                "--scorecard.demo.evaluate-on-start=false");
        int port = Launcher.port(server);
        base = "http://127.0.0.1:" + port;
        api = ApiClient.anonymous(port);
        jdbc = server.getBean(JdbcClient.class);
        rulesets = server.getBean(RulesetService.class);
        api.as(SALES_OPS).evaluate(PERIOD);
        original = api.as(SALES_OPS).get("/api/rulesets/active").json().path("id").asLong();
        RulesetSource files = rulesets.files(original);
        TreeMap<String, String> changed = new TreeMap<>(files.files());
        assertThat(changed.get(BANDS)).contains("Status.AMBER, \"60\"");
        changed.put(BANDS, changed.get(BANDS).replace("Status.AMBER, \"60\"", "Status.AMBER, \"70\""));
        changed.put(RulesetSource.VERSION_FILE, "stricter-amber");
        stricter = rulesets.store(new RulesetSource("stricter-amber", changed, "browser test"), SALES_OPS.username(),
                "AMBER from a score of 70").version().id();
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
    void salesOpsSeeTheActiveVersionTheHistoryAndTheActivationLog() {
        chromium.signIn(base, SALES_OPS);

        page.findElement(By.linkText("Rules")).click();

        chromium.await("the rules page", d -> d.getCurrentUrl().equals(base + "/rules"));
        assertThat(page.getTitle()).isEqualTo("Rules - Territory Scorecard");
        WebElement active = page.findElement(By.id("active"));
        assertThat(active.findElement(By.cssSelector(".headline")).getText())
                .isEqualTo(DefaultRules.label() + " version " + original + " active");
        assertThat(active.getText()).contains("Activated by", "Stored by");
        List<List<String>> versions = rowsOf(page.findElement(By.id("version-list")));
        assertThat(versions).extracting(row -> row.get(0)).containsExactly(Long.toString(stricter),
                Long.toString(original));
        assertThat(versions.get(0)).contains("salesops", "AMBER from a score of 70");
        assertThat(versions.get(0).get(1)).isEqualTo("stricter-amber");
        assertThat(versions.get(1).get(1)).isEqualTo(DefaultRules.label() + " active");
        List<List<String>> log = rowsOf(page.findElement(By.id("activation-log")));
        assertThat(log).isNotEmpty();
        assertThat(log.get(0).get(1)).isEqualTo(original + " " + DefaultRules.label());
        // one version was ever active: nothing to roll back to
        assertThat(page.findElements(By.cssSelector("form.rollback"))).isEmpty();
        chromium.keepScreenshots("rules");
    }

    @Test
    @Order(2)
    void aVersionsFilesAreShownWithTheirLineNumbers() {
        String bands = rulesets.files(stricter).files().get(BANDS);
        List<String> lines = bands.lines().toList();
        int amberLine = indexOf(lines, "Status.AMBER, \"70\"") + 1;
        chromium.signIn(base, SALES_OPS);
        page.get(base + "/rules");

        page.findElement(By.xpath("//tr[@id='version-" + stricter + "']//a[.='Files']")).click();

        chromium.await("the version page", d -> d.getCurrentUrl().equals(base + "/rules/versions/" + stricter));
        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Version " + stricter + ": stricter-amber");
        List<String> toc = page.findElements(By.cssSelector("ul.toc li a")).stream().map(WebElement::getText).toList();
        assertThat(toc).containsExactlyElementsOf(rulesets.files(stricter).files().keySet());
        page.findElement(By.linkText(BANDS)).click();
        WebElement file = page.findElement(By.xpath("//section[h3='" + BANDS + "']"));
        List<List<String>> numbered = rowsOf(file.findElement(By.tagName("table")));
        assertThat(numbered).hasSize(lines.size());
        assertThat(numbered.get(amberLine - 1)).containsExactly(Integer.toString(amberLine),
                lines.get(amberLine - 1));
        assertThat(numbered.get(0)).containsExactly("1", lines.get(0));
    }

    @Test
    @Order(3)
    void twoVersionsAreComparedRuleByRuleAndFileByFileSideBySide() {
        chromium.signIn(base, SALES_OPS);
        page.get(base + "/rules");

        page.findElement(By.xpath("//tr[@id='version-" + stricter + "']//a[.='Compare with active']")).click();

        chromium.await("the comparison", d -> d.getCurrentUrl().equals(base + "/rules/diff?from=" + original
                + "&to=" + stricter));
        assertThat(page.findElement(By.id("diff-summary")).getText()).isEqualTo("1 rule and 2 files differ.");
        WebElement rule = page.findElement(By.id("rule-changes"));
        assertThat(rule.findElement(By.tagName("h3")).getText()).isEqualTo(AMBER_RULE + " changed in " + BANDS);
        List<String> changed = changedRow(rule);
        List<String> before = rulesets.files(original).files().get(BANDS).lines().toList();
        int line = indexOf(before, "Status.AMBER, \"60\"") + 1;
        assertThat(changed).containsExactly(Integer.toString(line), before.get(line - 1).strip(),
                Integer.toString(line), before.get(line - 1).replace("\"60\"", "\"70\"").strip());
        assertThat(rule.findElements(By.cssSelector("tr.row-CHANGED td.before .word")).stream()
                .map(WebElement::getText)).containsExactly("60");
        assertThat(rule.findElements(By.cssSelector("tr.row-CHANGED td.after .word")).stream()
                .map(WebElement::getText)).containsExactly("70");
        // the rule is shown whole, from its rule line to its end
        assertThat(rowsOf(rule.findElement(By.tagName("table")))).first()
                .satisfies(row -> assertThat(row.get(1)).isEqualTo("rule \"" + AMBER_RULE + "\""));
        WebElement files = page.findElement(By.id("file-changes"));
        assertThat(files.findElements(By.cssSelector("h3.changed-file")).stream().map(WebElement::getText))
                .containsExactly(BANDS + " changed", "VERSION changed");
        assertThat(files.findElements(By.cssSelector("tr.row-FOLDED")).stream().map(WebElement::getText))
                .as("unchanged lines away from the change are folded").isNotEmpty()
                .allMatch(text -> text.matches("\\d+ unchanged lines?"));
        chromium.keepScreenshots("rules-diff");

        // the versions can be chosen on the page, the other way round too
        new Select(page.findElement(By.id("from")))
                .selectByValue(Long.toString(stricter));
        new Select(page.findElement(By.id("to")))
                .selectByValue(Long.toString(original));
        page.findElement(By.xpath("//button[.='Compare']")).click();
        chromium.await("the reverse comparison", d -> d.getCurrentUrl().endsWith("from=" + stricter + "&to="
                + original));
        assertThat(changedRow(page.findElement(By.id("rule-changes"))).get(1)).contains("\"70\"");
    }

    @Test
    @Order(4)
    void salesOpsActivateAVersionAfterSeeingWhatItDoesToTheLatestPeriod() {
        JsonNode preview = api.as(SALES_OPS).post("/api/rulesets/" + stricter + "/preview?period=" + PERIOD, "")
                .json();
        chromium.signIn(base, SALES_OPS);
        page.get(base + "/rules");

        page.findElement(By.xpath("//tr[@id='version-" + stricter + "']//a[.='Activate…']")).click();

        chromium.await("the confirmation", d -> d.getCurrentUrl().equals(base + "/rules/versions/" + stricter
                + "/activate"));
        assertThat(page.findElements(By.cssSelector("#preview-summary li")).stream().map(WebElement::getText))
                .containsExactlyElementsOf(preview.path("summary").valueStream().map(JsonNode::asString).toList())
                .anyMatch(sentence -> sentence.contains(" turn"));
        Map<String, List<String>> counts = new LinkedHashMap<>();
        rowsOf(page.findElement(By.id("preview-counts"))).forEach(row -> counts.put(row.get(0), row.subList(1, 4)));
        assertThat(counts).containsKeys("GREEN", "AMBER", "RED");
        for (String status : counts.keySet()) {
            int before = preview.path("statusCounts").path("before").path(status).asInt();
            int after = preview.path("statusCounts").path("after").path(status).asInt();
            assertThat(counts.get(status)).as(status).containsExactly(Integer.toString(before),
                    Integer.toString(after), (after > before ? "+" : "") + (after - before));
        }
        page.findElement(By.id("note")).sendKeys("AMBER from 70, as agreed <b>today</b>");
        page.findElement(By.xpath("//button[.='Activate version " + stricter + "']")).click();

        WebElement notice = chromium.await("the activation", d -> d.findElement(By.cssSelector("p.notice")));
        assertThat(page.getCurrentUrl()).isEqualTo(base + "/rules");
        assertThat(notice.getText()).startsWith("Version " + stricter + " (stricter-amber) is active.");
        assertThat(page.findElement(By.cssSelector("#active .headline")).getText())
                .isEqualTo("stricter-amber version " + stricter + " active");
        assertThat(page.findElement(By.id("active")).getText()).contains("AMBER from 70, as agreed <b>today</b>");
        assertThat(api.as(SALES_OPS).get("/api/rulesets/active").json().path("id").asLong()).isEqualTo(stricter);
        assertThat(audited("RULESET_ACTIVATED", "ruleset version " + stricter)).containsExactly(
                "stricter-amber: AMBER from 70, as agreed <b>today</b>");
    }

    @Test
    @Order(5)
    void salesOpsRollBackWithANote() {
        chromium.signIn(base, SALES_OPS);
        page.get(base + "/rules");
        WebElement form = page.findElement(By.cssSelector("form.rollback"));
        assertThat(form.getText()).startsWith("Roll back to version " + original + " (" + DefaultRules.label() + ")");

        form.findElement(By.id("rollback-note")).sendKeys("Too many territories turned RED");
        form.findElement(By.xpath(".//button[.='Roll back']")).click();

        WebElement notice = chromium.await("the rollback", d -> d.findElement(By.cssSelector("p.notice")));
        assertThat(notice.getText()).startsWith("Rolled back: version " + original + " (" + DefaultRules.label()
                + ") is active again.");
        assertThat(page.findElement(By.cssSelector("#active .headline")).getText())
                .isEqualTo(DefaultRules.label() + " version " + original + " active");
        assertThat(rowsOf(page.findElement(By.id("activation-log"))).get(0).subList(1, 4)).containsExactly(
                original + " " + DefaultRules.label(), "salesops",
                "rollback from version " + stricter + ": Too many territories turned RED");
        assertThat(audited("RULESET_ROLLED_BACK", "ruleset version " + stricter))
                .containsExactly("back to version " + original);
    }

    @Test
    @Order(6)
    void salesOpsRestateTheLatestPeriodAndSeeTheTerritoriesWhoseStatusDiffersFirst() {
        chromium.signIn(base, SALES_OPS);
        page.get(base + "/rules");
        page.findElement(By.linkText("Restatements")).click();
        chromium.await("the restatements page", d -> d.getCurrentUrl().equals(base + "/rules/restatements"));
        assertThat(page.findElement(By.cssSelector("p.empty")).getText()).startsWith("No restatement has run yet.");
        assertThat(page.findElement(By.id("period")).getDomProperty("value")).isEqualTo(PERIOD);

        new Select(page.findElement(By.id("version")))
                .selectByValue(Long.toString(stricter));
        page.findElement(By.xpath("//button[.='Start restatement']")).click();

        chromium.await("the comparison page", d -> d.getCurrentUrl().startsWith(base + "/rules/restatements/compare"));
        WebElement table = chromium.await("the comparison once the restatement is done", d -> {
            List<WebElement> found = d.findElements(By.id("comparison"));
            if (found.isEmpty()) {
                d.navigate().refresh();
                return null;
            }
            return found.get(0);
        });
        Map<String, String> now = statuses(api.as(SALES_OPS).get("/api/scorecards?period=" + PERIOD).json());
        Map<String, String> restated = statuses(api.as(SALES_OPS).get("/api/scorecards?period=" + PERIOD
                + "&version=" + stricter).json());
        long differ = now.keySet().stream().filter(t -> !now.get(t).equals(restated.get(t))).count();
        assertThat(differ).isPositive();
        assertThat(page.findElement(By.id("comparison-summary")).getText()).startsWith(differ + " of " + now.size()
                + " territories have another overall status with version " + stricter + " (stricter-amber)");
        List<List<String>> rows = rowsOf(table);
        assertThat(rows).hasSize(now.size());
        for (int i = 0; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            assertThat(row.get(4)).as(row.get(0)).isEqualTo(now.get(row.get(0)));
            assertThat(row.get(6)).as(row.get(0)).isEqualTo(restated.get(row.get(0)));
            assertThat(!row.get(4).equals(row.get(6))).as("row %d (%s): those that differ first", i, row)
                    .isEqualTo(i < differ);
        }
        String first = rows.get(0).get(0);
        table.findElement(By.xpath(".//tr[td[1]/a='" + first + "']/td[6]/a")).click();
        chromium.await("the restated scorecard", d -> d.getCurrentUrl().contains("/scorecards/" + first));
        assertThat(page.getCurrentUrl()).isEqualTo(base + "/scorecards/" + first + "?period=" + PERIOD + "&version="
                + stricter);
        assertThat(page.findElement(By.xpath("//main/p[starts-with(normalize-space(), 'Overall')]")).getText())
                .contains(restated.get(first), "stricter-amber", "a restatement");

        page.get(base + "/rules/restatements");
        assertThat(rowsOf(page.findElement(By.id("restatement-runs"))).get(0)).contains(PERIOD,
                stricter + " stricter-amber", "COMPLETED", "60/60", "salesops");
    }

    @Test
    @Order(7)
    void adminsReadTheRulesPagesButChangeNothing() {
        chromium.signIn(base, ADMIN);
        page.get(base + "/rules");
        assertThat(page.findElement(By.cssSelector("#active .headline")).getText()).contains("active");
        assertThat(page.findElements(By.tagName("form")).stream().map(form -> form.getDomAttribute("action")))
                .as("only the header's sign-out form").containsExactly("/logout");
        assertThat(page.findElements(By.linkText("Activate…"))).isEmpty();
        page.get(base + "/rules/versions/" + stricter);
        assertThat(page.findElements(By.cssSelector("table.code"))).isNotEmpty();
        assertThat(page.findElements(By.partialLinkText("Activate"))).isEmpty();
        page.get(base + "/rules/diff?from=" + original + "&to=" + stricter);
        assertThat(page.findElement(By.id("diff-summary")).getText()).isEqualTo("1 rule and 2 files differ.");
        page.get(base + "/rules/restatements");
        assertThat(page.findElements(By.xpath("//main//form"))).isEmpty();

        Browser admin = signedIn(ADMIN);
        assertThat(admin.get("/rules/versions/" + stricter + "/activate").status()).isEqualTo(403);
        String csrf = admin.csrfTokenOf("/rules");
        long auditBefore = auditRows();
        for (String post : List.of("/rules/versions/" + stricter + "/activate", "/rules/rollback",
                "/rules/restatements")) {
            HttpAnswer answer = admin.postForm(post, Map.of("_csrf", csrf, "note", "admin tries",
                    "period", PERIOD, "version", Long.toString(stricter)));
            assertThat(answer.status()).as("POST %s as admin: %s", post, answer).isEqualTo(403);
        }
        assertThat(auditRows()).isEqualTo(auditBefore);
        assertThat(api.as(SALES_OPS).get("/api/rulesets/active").json().path("id").asLong()).isEqualTo(original);
    }

    @Test
    void managersAndViewersAreRefusedEveryRulesPage() {
        for (DemoAccount account : List.of(NORTH_MANAGER, SOUTH_VIEWER)) {
            Browser browser = signedIn(account);
            for (String get : List.of("/rules", "/rules/versions/" + original, "/rules/versions/" + original
                    + "/download?file=VERSION", "/rules/diff?from=" + original + "&to=" + stricter,
                    "/rules/versions/" + stricter + "/activate", "/rules/restatements",
                    "/rules/restatements/compare?period=" + PERIOD + "&version=" + stricter)) {
                HttpAnswer answer = browser.get(get);
                assertThat(answer.status()).as("GET %s as %s: %s", get, account, answer).isEqualTo(403);
                assertThat(answer.body()).doesNotContain("stricter-amber", "rule \"");
            }
            String csrf = browser.csrfTokenOf("/scorecards");
            for (String post : List.of("/rules/versions/" + stricter + "/activate", "/rules/rollback",
                    "/rules/restatements")) {
                HttpAnswer answer = browser.postForm(post, Map.of("_csrf", csrf, "note", "not mine",
                        "period", PERIOD, "version", Long.toString(stricter)));
                assertThat(answer.status()).as("POST %s as %s: %s", post, account, answer).isEqualTo(403);
            }
        }
        page.get(base + "/login");
        chromium.signIn(base, NORTH_MANAGER);
        assertThat(page.findElements(By.linkText("Rules"))).isEmpty();
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefusedAndChangesNothing() {
        Browser salesOps = signedIn(SALES_OPS);
        long active = api.as(SALES_OPS).get("/api/rulesets/active").json().path("id").asLong();
        long auditBefore = auditRows();

        for (String post : List.of("/rules/versions/" + (active == original ? stricter : original) + "/activate",
                "/rules/rollback", "/rules/restatements")) {
            HttpAnswer answer = salesOps.postForm(post, Map.of("note", "forged", "period", PERIOD,
                    "version", Long.toString(stricter)));
            assertThat(answer.status()).as("POST %s without a CSRF token: %s", post, answer).isEqualTo(403);
        }
        assertThat(auditRows()).isEqualTo(auditBefore);
        assertThat(api.as(SALES_OPS).get("/api/rulesets/active").json().path("id").asLong()).isEqualTo(active);
    }

    @Test
    void aVersionThatDoesNotExistIsNotFound() {
        chromium.signIn(base, SALES_OPS);

        page.get(base + "/rules/versions/987654");

        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
        assertThat(page.findElement(By.cssSelector("p.error")).getText())
                .isEqualTo("ruleset version 987654 does not exist");
    }

    private static Browser signedIn(DemoAccount account) {
        Browser browser = new Browser(Launcher.port(server));
        browser.signIn(account);
        return browser;
    }

    /** The cells of the first changed row, stripped of the code's indentation. */
    private static List<String> changedRow(WebElement section) {
        return section.findElements(By.cssSelector("tr.row-CHANGED")).stream()
                .map(row -> row.findElements(By.tagName("td")).stream().map(cell -> cell.getText().strip()).toList())
                .findFirst().orElseThrow();
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line contains " + text);
    }

    private static Map<String, String> statuses(JsonNode overview) {
        Map<String, String> statuses = new LinkedHashMap<>();
        overview.path("territories").forEach(t -> statuses.put(t.path("territory").asString(),
                t.path("overall").path("status").asString()));
        return statuses;
    }

    private static List<String> audited(String action, String target) {
        return jdbc.sql("SELECT details FROM audit_event WHERE action = :action AND target = :target "
                + "AND actor = 'salesops' ORDER BY id").param("action", action).param("target", target)
                .query(String.class).list();
    }

    private static long auditRows() {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event").query(Long.class).single();
    }

    /** The cells' texts of each row of a table that has cells (the heading row left out). */
    private static List<List<String>> rowsOf(WebElement table) {
        return table.findElements(By.xpath(".//tr[td]")).stream()
                .map(row -> row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList())
                .toList();
    }
}
