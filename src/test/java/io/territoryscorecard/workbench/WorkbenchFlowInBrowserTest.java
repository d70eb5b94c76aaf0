package io.territoryscorecard.workbench;

import static io.territoryscorecard.DemoAccount.SALES_OPS;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.territoryscorecard.ApiClient;
import io.territoryscorecard.HeadlessChromium;
import io.territoryscorecard.Launcher;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rules workbench as the issue tells it, in one go in headless Chromium against the demo company with 2026-10
 * evaluated: sales ops start a draft, break a rule and see the error at its line, fix it, raise the AMBER limits (of the
 * KPI statuses and of the overall score), run
 * the scenarios and see the boundary scenarios fail with expected and actual, preview the draft against the latest
 * period and see the territories that change, store and activate it, evaluate the period and see the new version on
 * the scorecards, and roll back.
 */
class WorkbenchFlowInBrowserTest {

    private static final String DATABASE = "jdbc:h2:mem:workbench-flow-" + UUID.randomUUID()
            + ";MODE=MySQL;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";
    private static final String PERIOD = "2026-10";
    private static final String BANDS = "12-kpi-status-bands.drl";
    private static final String SCORE_BANDS = "14-score-status-bands.drl";
    private static final String SHORTFALL = "60-flag-revenue-shortfall.drl";
    private static final String SCENARIOS = "scenarios/31-kpi-status.yaml";
    private static final String LABEL = "default-amber-95";

    static HeadlessChromium chromium;
    static WebDriver page;
    static ConfigurableApplicationContext server;
    static String base;
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
        jdbc = server.getBean(JdbcClient.class);
        ApiClient.anonymous(port).as(SALES_OPS).evaluate(PERIOD);
    }

    @AfterAll
    static void stop() throws Exception {
        HeadlessChromium.close(chromium, server);
    }

    @Test
    void salesOpsChangeTheAmberLimitsTestThemPreviewThemShipThemAndTakeThemBack() {
        long original = activeVersionId();
        chromium.signIn(base, SALES_OPS);
        page.get(base + "/rules/drafts");
        page.findElement(By.id("title")).sendKeys("AMBER from 95%");
        page.findElement(By.cssSelector("#start-draft button")).click();
        chromium.await("the editor of the new draft", d -> d.getCurrentUrl().matches(".*/rules/drafts/\\d+$"));
        long draft = Long.parseLong(page.getCurrentUrl().replaceAll(".*/", ""));

        // A typo in a rule's then part: the error is at the author's line, in words, and marked in the editor.
        openFile(SHORTFALL);
        int brokenLine = lineOf((String) chromium.script("return ruleEditor.getValue()"), "$a.getValue()");
        replaceInEditor("$a.getValue()", "$a.getValeu()");
        save();
        WebElement problem = chromium.await("the error of the typo", d -> d.findElement(
                By.cssSelector("#problems li.error")));
        assertThat(problem.getDomAttribute("data-file")).isEqualTo(SHORTFALL);
        assertThat(problem.getDomAttribute("data-line")).isEqualTo(Integer.toString(brokenLine));
        assertThat(problem.getText()).contains(SHORTFALL + ":" + brokenLine + ":").contains("getValeu")
                .doesNotContain(".java");
        assertThat((Object) chromium.await("the error marker at the broken line", d -> chromium.script(
                "var info = ruleEditor.lineInfo(arguments[0]);"
                        + " return info.gutterMarkers && info.gutterMarkers['CodeMirror-lint-markers'] ? true : null;",
                brokenLine - 1))).isEqualTo(true);
        replaceInEditor("$a.getValeu()", "$a.getValue()");
        save();
        chromium.await("the fixed draft", d -> d.findElement(By.id("validation-summary")).getText()
                .startsWith("No errors"));

        // The AMBER limit, and a label of its own for the version it becomes.
        openFile(BANDS);
        replaceInEditor("Status.AMBER, \"0.90\"", "Status.AMBER, \"0.95\"");
        save();
        chromium.await("the new AMBER limit saved", d -> d.findElement(By.id("notice")).getText()
                .equals("Saved " + BANDS + ". The draft is valid."));
        // On the demo company a KPI's AMBER limit changes flags only; an overall status comes from the score limits.
        openFile(SCORE_BANDS);
        replaceInEditor("Status.AMBER, \"60\"", "Status.AMBER, \"70\"");
        save();
        openFile("VERSION");
        chromium.script("ruleEditor.setValue(arguments[0])", LABEL + "\n");
        save();

        // The shipped boundary scenarios, which came with the draft: those at and just above the old limit now fail.
        assertThat(page.findElement(By.id("scenarios-not-run")).getText()).matches("\\d+ scenario files, not run.*");
        openFile(SCENARIOS);
        page.findElement(By.id("run-scenarios")).click();
        String summary = chromium.await("the scenario report", d -> d.findElement(By.id("scenario-summary")))
                .getText();
        assertThat(summary).matches("\\d+ passed, [1-9]\\d* failed \\(\\d+ scenarios in \\d+ files\\)\\.");
        List<List<String>> failures = rowsOf(page.findElement(By.id("scenario-failures")));
        String scenarioText = (String) chromium.script("return ruleEditor.getValue()");
        int atLimit = lineOf(scenarioText, "- name: KST-01 attainment 0.90 is AMBER (at the AMBER limit)");
        assertThat(failures).contains(List.of(SCENARIOS + ":" + atLimit,
                "KST-01 attainment 0.90 is AMBER (at the AMBER limit)", "KPI REVENUE status", "AMBER", "RED"));
        assertThat(scenarioText).as("the scenario file is open").contains("KST-01");
        chromium.keepScreenshots("draft-scenarios");
        chromium.script("ruleEditor.setCursor({line: 0, ch: 0})");
        page.findElement(By.cssSelector("#scenario-failures a.goto[data-line='" + atLimit + "']")).click();
        assertThat(((Number) chromium.script("return ruleEditor.getCursor().line")).intValue() + 1)
                .as("the cursor after a click on the failed scenario").isEqualTo(atLimit);

        // The preview against the latest period: a second one of the same content compiles nothing.
        assertThat(page.findElement(By.cssSelector("#preview-period option[selected]")).getText())
                .isEqualTo(PERIOD + " (latest)");
        double compilations = compilations();
        page.findElement(By.id("run-preview")).click();
        List<List<String>> changes = chromium.await("the preview", d -> rowsOf(d.findElement(By.id("status-changes"))));
        String meta = page.findElement(By.id("preview-meta")).getText();
        assertThat(meta).startsWith("Against the current results of " + PERIOD + " (evaluated with version "
                + original + ", ").contains(" s: compiling ");
        assertThat(changes).as("territories whose status changes").isNotEmpty();
        assertThat(page.findElements(By.cssSelector("#preview-summary li")).stream().map(WebElement::getText))
                .anyMatch(s -> s.matches("\\d+ territor(y|ies) turns? (AMBER|RED)"));
        String territory = changes.get(0).get(0).split(" ")[0];
        assertThat(page.findElement(By.linkText(changes.get(0).get(0))).getDomAttribute("href"))
                .isEqualTo("/scorecards/" + territory + "?period=" + PERIOD);
        chromium.keepScreenshots("draft-preview");
        page.navigate().refresh();
        assertThat(page.findElement(By.id("scenario-summary")).getText()).as("the scenario report kept across a "
                + "reload").isEqualTo(summary);
        assertThat(page.findElements(By.id("status-changes"))).as("the preview kept across a reload").isNotEmpty();
        // The preview kept across the reload is on the page until the second one replaces it: wait for the new page.
        WebElement kept = page.findElement(By.id("preview-meta"));
        page.findElement(By.id("run-preview")).click();
        chromium.await("the page of the second preview", ExpectedConditions.stalenessOf(kept)::apply);
        chromium.await("the second preview", ExpectedConditions.presenceOfElementLocated(By.id("preview-meta"))::apply);
        assertThat(compilations()).as("compilations after two previews of the same content")
                .isEqualTo(compilations);
        System.out.println("Draft previews: " + meta + " / " + page.findElement(By.id("preview-meta")).getText());

        // Store, activate, evaluate: the scorecards name the new version.
        page.findElement(By.id("note")).sendKeys("AMBER from 95%: earlier warning");
        page.findElement(By.id("store")).click();
        chromium.await("the activation confirmation", d -> d.getCurrentUrl().endsWith("/rules/drafts/" + draft
                + "/activate"));
        page.findElement(By.id("activate")).click();
        chromium.await("the activation", d -> d.findElement(By.id("notice")).getText().contains("is active"));
        long shipped = activeVersionId();
        assertThat(shipped).isNotEqualTo(original);

        page.get(base + "/evaluations");
        page.findElement(By.id("period")).sendKeys(PERIOD);
        page.findElement(By.cssSelector("form.filters button")).click();
        chromium.await("the scorecards of the new version", d -> {
            d.get(base + "/scorecards?period=" + PERIOD);
            return d.findElement(By.tagName("main")).getText().contains("Ruleset " + LABEL + ",") ? true : null;
        });
        page.get(base + "/scorecards/" + territory + "?period=" + PERIOD);
        assertThat(page.findElement(By.tagName("main")).getText()).contains("ruleset " + LABEL);

        // And back.
        page.get(base + "/rules");
        WebElement rollback = page.findElement(By.cssSelector("form.rollback"));
        rollback.findElement(By.id("rollback-note")).sendKeys("AMBER at 95% flags too many KPIs");
        rollback.findElement(By.xpath(".//button[.='Roll back']")).click();
        chromium.await("the rollback", d -> d.findElement(By.cssSelector("p.notice")).getText()
                .startsWith("Rolled back: version " + original + " "));
        assertThat(activeVersionId()).isEqualTo(original);
        assertThat(page.findElement(By.cssSelector("#active .headline")).getText()).contains("version " + original);
    }

    private static void openFile(String path) {
        page.findElement(By.linkText(path)).click();
        chromium.await(path + " in the editor", d -> path.equals(d.findElement(By.id("content"))
                .getDomAttribute("data-path")));
    }

    private static void save() {
        WebElement before = page.findElement(By.tagName("html"));
        page.findElement(By.id("save")).click();
        chromium.await("the page after saving", ExpectedConditions.stalenessOf(before)::apply);
    }

    /** Replaces text in the editor as typing would: select it, then type the new text over it. */
    private static void replaceInEditor(String text, String replacement) {
        chromium.script("var content = ruleEditor.getValue(); var at = content.indexOf(arguments[0]);"
                + " ruleEditor.focus(); ruleEditor.setSelection(ruleEditor.posFromIndex(at),"
                + " ruleEditor.posFromIndex(at + arguments[0].length));", text);
        page.switchTo().activeElement().sendKeys(replacement);
    }

    private static List<List<String>> rowsOf(WebElement table) {
        return table.findElements(By.cssSelector("tr")).stream().skip(1)
                .map(row -> row.findElements(By.cssSelector("td")).stream().map(WebElement::getText).toList())
                .toList();
    }

    private static int lineOf(String text, String part) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(part)) {
                return i + 1;
            }
        }
        throw new AssertionError(part + " is not in the text");
    }

    private static double compilations() {
        return server.getBean(MeterRegistry.class).get("scorecard.ruleset.compilations").functionCounter().count();
    }

    private static long activeVersionId() {
        return jdbc.sql("SELECT id FROM ruleset_version WHERE active = TRUE").query(Long.class).single();
    }
}
