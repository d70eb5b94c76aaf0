package io.territoryscorecard.workbench;

import static io.territoryscorecard.DemoAccount.ADMIN;
import static io.territoryscorecard.DemoAccount.NORTH_MANAGER;
import static io.territoryscorecard.DemoAccount.SALES_OPS;
import static io.territoryscorecard.DemoAccount.SOUTH_VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import io.territoryscorecard.ApiClient;
import io.territoryscorecard.Browser;
import io.territoryscorecard.DemoAccount;
import io.territoryscorecard.HeadlessChromium;
import io.territoryscorecard.HttpAnswer;
import io.territoryscorecard.Launcher;
import io.territoryscorecard.MultipartForm;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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
 * Drafts as sales ops use them, in headless Chromium against the running service with the demo company and 2026-10
 * evaluated: start a draft, break a rule in the editor and see the error at its line, fix it, store it, see what it
 * changes in the latest period and activate it; a draft that outlives a restart, a stale draft refused, paths refused
 * in words, and everybody but sales ops (and admins, who read) kept out. One server and one browser for the class
 * (the restart test starts the server again on the same database).
 */
class DraftEditorInBrowserTest {

    private static final String DATABASE = "jdbc:h2:mem:draft-editor-" + UUID.randomUUID()
            + ";MODE=MySQL;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";
    private static final String PERIOD = "2026-10";
    private static final String BANDS = "12-kpi-status-bands.drl";
    private static final String STATUS = "31-kpi-status.drl";

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
        startServer();
        api.as(SALES_OPS).evaluate(PERIOD);
    }

    private static void startServer() {
        server = Launcher.startServer("--spring.datasource.url=" + DATABASE,
                "--scorecard.demo.evaluate-on-start=false");
        int port = Launcher.port(server);
        base = "http://127.0.0.1:" + port;
        api = ApiClient.anonymous(port);
        jdbc = server.getBean(JdbcClient.class);
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
    void salesOpsBreaksARuleSeesTheErrorAtItsLineFixesItAndShipsIt() {
        long activeBefore = activeVersionId();
        chromium.signIn(base, SALES_OPS);
        page.get(base + "/rules/drafts");
        page.findElement(By.id("title")).sendKeys("AMBER from 0.85");
        page.findElement(By.cssSelector("#start-draft button")).click();
        chromium.await("the editor of the new draft", d -> d.getCurrentUrl().matches(".*/rules/drafts/\\d+$"));
        long draft = Long.parseLong(page.getCurrentUrl().replaceAll(".*/", ""));
        assertThat(page.findElement(By.id("base-version")).getText()).startsWith("version " + activeBefore + " (");

        page.findElement(By.linkText(STATUS)).click();
        chromium.await("the KPI status rules in the editor", d -> STATUS.equals(editorPath()));
        String original = (String) chromium.script("return ruleEditor.getValue()");
        int brokenLine = lineOf(original, "$a : Attainment($value : value");
        // A misspelt field, typed where the author would: the error belongs to this line.
        replaceInEditor("$value : value", "$value : valeu");
        page.findElement(By.id("save")).click();

        WebElement problem = chromium.await("the error of the broken rule", d -> d.findElement(
                By.cssSelector("#problems li.error")));
        assertThat(page.findElement(By.id("error")).getText()).startsWith("Saved " + STATUS + ", but the draft has")
                .contains("it is kept as it is");
        assertThat(problem.getDomAttribute("data-file")).isEqualTo(STATUS);
        assertThat(problem.getDomAttribute("data-line")).isEqualTo(Integer.toString(brokenLine));
        assertThat(problem.getText()).contains(STATUS + ":" + brokenLine + ":").contains("valeu");
        assertThat((String) chromium.script("return ruleEditor.getValue()")).as("the broken text was kept")
                .contains("$value : valeu");
        assertThat((Object) chromium.await("the error marker in the gutter", d -> chromium.script(
                "var info = ruleEditor.lineInfo(arguments[0]);"
                        + " return info.gutterMarkers && info.gutterMarkers['CodeMirror-lint-markers'] ? true : null;",
                brokenLine - 1))).isEqualTo(true);
        assertThat(page.findElements(By.cssSelector(".CodeMirror .CodeMirror-lint-mark-error"))).isNotEmpty();
        chromium.keepScreenshots("draft-editor");

        chromium.script("ruleEditor.setCursor({line: 0, ch: 0})");
        problem.findElement(By.tagName("a")).click();
        assertThat(((Number) chromium.script("return ruleEditor.getCursor().line")).intValue() + 1)
                .as("the cursor after a click on the problem").isEqualTo(brokenLine);
        assertThat(page.getCurrentUrl()).as("the click stayed on the page").endsWith("file=" + STATUS);

        replaceInEditor("$value : valeu", "$value : value");
        page.findElement(By.id("save")).click();
        chromium.await("the fixed, valid draft", d -> d.findElement(By.id("validation-summary")).getText()
                .startsWith("No errors"));
        assertThat(page.findElements(By.cssSelector("#problems li.error"))).isEmpty();

        page.findElement(By.linkText(BANDS)).click();
        chromium.await("the bands file in the editor", d -> BANDS.equals(editorPath()));
        replaceInEditor("Status.AMBER, \"0.90\"", "Status.AMBER, \"0.85\"");
        page.findElement(By.id("save")).click();
        chromium.await("the changed AMBER limit saved", d -> d.findElement(By.id("notice")).getText()
                .equals("Saved " + BANDS + ". The draft is valid."));
        page.findElement(By.id("validate")).click();
        chromium.await("the draft validated again", d -> d.findElement(By.id("notice")).getText()
                .startsWith("The draft is valid"));

        page.findElement(By.id("note")).sendKeys("AMBER from 85%: fewer RED KPIs");
        page.findElement(By.id("store")).click();
        chromium.await("the activation confirmation", d -> d.getCurrentUrl().endsWith("/rules/drafts/" + draft
                + "/activate"));
        long stored = jdbc.sql("SELECT stored_version_id FROM rule_draft WHERE id = :id").param("id", draft)
                .query(Long.class).single();
        assertThat(page.findElement(By.tagName("h1")).getText()).startsWith("Activate version " + stored);
        assertThat(page.findElement(By.id("preview-heading")).getText()).isEqualTo("What it changes in " + PERIOD);
        List<String> summary = page.findElements(By.cssSelector("#preview-summary li")).stream()
                .map(WebElement::getText).toList();
        assertThat(summary).as("the preview's sentences").isNotEmpty().anyMatch(s -> s.contains("flag"));
        assertThat(activeVersionId()).as("nothing is active before the confirmation").isEqualTo(activeBefore);
        chromium.keepScreenshots("draft-activate");

        page.findElement(By.id("activate")).click();
        chromium.await("the draft after its activation", d -> d.findElement(By.id("notice")).getText()
                .startsWith("Version " + stored + " "));
        assertThat(activeVersionId()).isEqualTo(stored);
        assertThat(page.findElement(By.id("base-version")).getText()).startsWith("version " + stored + " (");
        assertThat(auditActions()).contains("RULE_DRAFT_STARTED", "RULE_DRAFT_FILE_SAVED", "RULE_DRAFT_VALIDATED",
                "RULESET_STORED", "RULESET_PREVIEWED", "RULESET_ACTIVATED");
    }

    @Test
    void aDraftWhoseBaseIsNoLongerActiveIsRefusedNamingBothVersions() {
        ApiClient salesOps = api.as(SALES_OPS);
        long started = activeVersionId();
        String startedLabel = label(started);
        long mine = startDraft();
        assertThat(salesOps.send("PUT", "/api/rulesets/drafts/" + mine + "/file?path=16-mine.drl",
                "{\"content\":\"package scorecard;\\n// mine\\n\"}").status()).isEqualTo(200);
        assertThat(salesOps.post("/api/rulesets/drafts/" + mine + "/store", "{\"note\":\"mine\"}").status())
                .isEqualTo(201);
        // Meanwhile someone else ships a draft of their own.
        long theirs = startDraft();
        salesOps.send("PUT", "/api/rulesets/drafts/" + theirs + "/file?path=16-theirs.drl",
                "{\"content\":\"package scorecard;\\n// theirs\\n\"}");
        salesOps.post("/api/rulesets/drafts/" + theirs + "/store", "{\"note\":\"theirs\"}");
        HttpAnswer shipped = salesOps.post("/api/rulesets/drafts/" + theirs + "/activate", "{}");
        assertThat(shipped.status()).as("%s", shipped).isEqualTo(200);
        long now = activeVersionId();
        String expected = "This draft was started from version " + started + " (" + startedLabel + "), but version "
                + now
                + " (" + label(now) + ") is active now";

        chromium.signIn(base, SALES_OPS);
        page.get(base + "/rules/drafts/" + mine + "/activate");

        assertThat(page.findElement(By.id("refusal")).getText()).startsWith(expected)
                .contains("Start a new draft from version " + now);
        assertThat(page.findElements(By.id("activate"))).as("no activate button").isEmpty();
        HttpAnswer refused = salesOps.post("/api/rulesets/drafts/" + mine + "/activate", "{}");
        assertThat(refused.status()).as("%s", refused).isEqualTo(409);
        assertThat(refused.json().path("detail").asString()).startsWith(expected);
        assertThat(activeVersionId()).isEqualTo(now);
    }

    @Test
    void aDraftOutlivesARestartOfTheService() {
        long draft = startDraft();
        api.as(SALES_OPS).send("PUT", "/api/rulesets/drafts/" + draft + "/file?path=16-kept.drl",
                "{\"content\":\"package scorecard;\\n// kept across a restart\\n\"}");

        server.close();
        startServer();

        chromium.signIn(base, SALES_OPS);
        page.get(base + "/rules/drafts");
        page.findElement(By.linkText("draft " + draft)).click();
        page.findElement(By.linkText("16-kept.drl")).click();
        chromium.await("the kept file in the editor", d -> "16-kept.drl".equals(editorPath()));
        assertThat((String) chromium.script("return ruleEditor.getValue()")).contains("// kept across a restart");
    }

    @Test
    void filesAreAddedUploadedRenamedAndDeletedAndBadNamesAreRefusedInWords() {
        long draft = startDraft();
        chromium.signIn(base, SALES_OPS);
        page.get(base + "/rules/drafts/" + draft);

        for (Map.Entry<String, String> bad : Map.of(
                "../outside.drl", "contains '..'",
                "/etc/rules.drl", "is an absolute path",
                "notes.txt", "does not end in .drl, .drl.csv, .drl.xlsx or .yaml",
                "16-amber.yaml", "scenarios go in the scenarios/ folder, for example scenarios/16-amber.yaml",
                "scenarios/16-amber.drl", "which is not part of the ruleset").entrySet()) {
            addFile(bad.getKey());
            assertThat(chromium.await("the refusal of " + bad.getKey(), d -> d.findElement(By.id("error")))
                    .getText()).as(bad.getKey()).startsWith("No file was added: ").contains(bad.getValue());
        }
        HttpAnswer api400 = api.as(SALES_OPS).send("PUT", "/api/rulesets/drafts/" + draft + "/file?path=../x.drl",
                "{\"content\":\"\"}");
        assertThat(api400.status()).isEqualTo(400);
        assertThat(api400.json().path("detail").asString()).contains("contains '..'");
        HttpAnswer tooLong = api.as(SALES_OPS).send("PUT", "/api/rulesets/drafts/" + draft + "/file?path="
                + "x".repeat(201) + ".drl", "{\"content\":\"\"}");
        assertThat(tooLong.json().path("detail").asString()).contains("has 205 characters; at most 200 are allowed");

        addFile("scenarios/16-amber.yaml");
        chromium.await("the new scenario in the editor", d -> "scenarios/16-amber.yaml".equals(editorPath()));
        assertThat(files()).contains("scenarios/16-amber.yaml");

        page.findElement(By.id("upload")).sendKeys(Path.of("rules/examples/thresholds.drl.xlsx").toAbsolutePath()
                .toString());
        page.findElement(By.cssSelector("#upload-file button")).click();
        chromium.await("the uploaded spreadsheet", d -> d.findElement(By.id("notice")).getText()
                .startsWith("Uploaded thresholds.drl.xlsx"));
        assertThat(page.findElement(By.cssSelector("main")).getText()).contains("This is a spreadsheet: it cannot be "
                + "edited in the browser");
        assertThat(page.findElements(By.id("content"))).isEmpty();

        page.findElement(By.linkText("15-flag-limits.drl")).click();
        page.findElement(By.cssSelector("details.file-actions summary")).click();
        WebElement renameTo = page.findElement(By.id("rename-to"));
        renameTo.clear();
        renameTo.sendKeys("15-flag-thresholds.drl");
        page.findElement(By.cssSelector("#rename-file button")).click();
        chromium.await("the renamed file", d -> "15-flag-thresholds.drl".equals(editorPath()));
        assertThat(files()).contains("15-flag-thresholds.drl").doesNotContain("15-flag-limits.drl");

        page.findElement(By.cssSelector("details.file-actions summary")).click();
        page.findElement(By.cssSelector("#delete-file button")).click();
        page.switchTo().alert().accept();
        chromium.await("the file deleted", d -> d.findElement(By.id("notice")).getText()
                .equals("Deleted 15-flag-thresholds.drl."));
        assertThat(files()).doesNotContain("15-flag-thresholds.drl");
        assertThat(auditActions()).contains("RULE_DRAFT_FILE_ADDED", "RULE_DRAFT_FILE_UPLOADED",
                "RULE_DRAFT_FILE_RENAMED", "RULE_DRAFT_FILE_DELETED");

        page.findElement(By.cssSelector("#discard-form button")).click();
        page.switchTo().alert().accept();
        chromium.await("the list after discarding", d -> d.getCurrentUrl().equals(base + "/rules/drafts"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM rule_draft WHERE id = :id").param("id", draft).query(Long.class)
                .single()).isZero();
        assertThat(auditActions()).contains("RULE_DRAFT_DISCARDED");
    }

    @Test
    void aDraftIsItsAuthorsAdminsOnlyReadItAndOtherSalesOpsDoNotSeeIt() {
        long draft = startDraft();
        HttpAnswer created = api.as(ADMIN).post("/api/accounts", """
                {"username":"other.salesops","password":"a-long-enough-password","role":"SALES_OPS"}""");
        assertThat(created.status()).as("%s", created).isIn(201, 409);
        ApiClient other = api.basic("other.salesops", "a-long-enough-password");

        assertThat(other.get("/api/rulesets/drafts/" + draft).status()).isEqualTo(404);
        assertThat(other.get("/api/rulesets/drafts").json().valueStream().map(d -> d.path("id").asLong()))
                .doesNotContain(draft);
        assertThat(other.send("PUT", "/api/rulesets/drafts/" + draft + "/file?path=16-x.drl", "{\"content\":\"\"}")
                .status()).isEqualTo(404);
        assertThat(other.send("DELETE", "/api/rulesets/drafts/" + draft, null).status()).isEqualTo(404);

        chromium.signIn(base, ADMIN);
        page.get(base + "/rules/drafts/" + draft);
        assertThat(page.findElement(By.tagName("main")).getText()).contains("You are reading salesops's draft: only "
                + "its author changes it.");
        assertThat(page.findElements(By.id("save"))).isEmpty();
        assertThat(page.findElements(By.id("store-form"))).isEmpty();
        assertThat(page.findElements(By.cssSelector("#scenarios-form, #preview-form"))).isEmpty();
        assertThat(chromium.script("return ruleEditor.getOption('readOnly')")).isEqualTo(true);
        Browser browser = new Browser(Launcher.port(server));
        browser.signIn(ADMIN);
        String csrf = browser.csrfTokenOf("/rules/drafts/" + draft);
        for (String form : List.of("/scenarios", "/preview")) {
            HttpAnswer answer = browser.postForm("/rules/drafts/" + draft + form, Map.of("_csrf", csrf, "period",
                    PERIOD));
            assertThat(answer.status()).as("POST %s as admin: %s", form, answer).isEqualTo(403);
        }
    }

    @Test
    void managersAndViewersAreRefusedEveryDraftPageAndForm() {
        long draft = startDraft();
        for (DemoAccount account : List.of(NORTH_MANAGER, SOUTH_VIEWER)) {
            Browser browser = new Browser(Launcher.port(server));
            browser.signIn(account);
            String csrf = browser.csrfTokenOf("/scorecards");
            for (String path : List.of("/rules/drafts", "/rules/drafts/" + draft, "/rules/drafts/" + draft
                    + "/activate", "/rules/drafts/" + draft + "/download?path=VERSION")) {
                assertThat(browser.get(path).status()).as("GET %s as %s", path, account).isEqualTo(403);
            }
            for (String form : List.of("", "/" + draft + "/save", "/" + draft + "/validate", "/" + draft + "/files",
                    "/" + draft + "/rename", "/" + draft + "/delete", "/" + draft + "/scenarios", "/" + draft
                            + "/preview", "/" + draft + "/store", "/" + draft
                            + "/activate", "/" + draft + "/discard")) {
                HttpAnswer answer = browser.postForm("/rules/drafts" + form, Map.of("_csrf", csrf, "path", "VERSION",
                        "newPath", "VERSION2", "content", "x", "note", "x"));
                assertThat(answer.status()).as("POST /rules/drafts%s as %s: %s", form, account, answer)
                        .isEqualTo(403);
            }
            HttpAnswer upload = browser.post("/rules/drafts/" + draft + "/upload", new MultipartForm()
                    .field("_csrf", csrf).file("file", "16-x.drl", "package scorecard;"));
            assertThat(upload.status()).as("upload as %s", account).isEqualTo(403);
        }
        assertThat(api.as(SALES_OPS).get("/api/rulesets/drafts/" + draft).json().path("files").has("VERSION"))
                .as("the draft unchanged").isTrue();
    }

    @Test
    void theDraftFormsNeedTheCsrfToken() {
        Browser browser = new Browser(Launcher.port(server));
        browser.signIn(SALES_OPS);
        long before = draftCount();

        HttpAnswer withoutToken = browser.postForm("/rules/drafts", Map.of("title", "no token"));

        assertThat(withoutToken.status()).isEqualTo(403);
        assertThat(draftCount()).isEqualTo(before);
        HttpAnswer withToken = browser.postForm("/rules/drafts", Map.of("title", "with token",
                "_csrf", browser.csrfTokenOf("/rules/drafts")));
        assertThat(withToken.status()).as("%s", withToken).isEqualTo(302);
        assertThat(withToken.location()).matches(".*/rules/drafts/\\d+$");
        assertThat(draftCount()).isEqualTo(before + 1);
    }

    @Test
    void aSalesOpsUserWithoutDraftsIsToldHowToStartOne() {
        HttpAnswer created = api.as(ADMIN).post("/api/accounts", """
                {"username":"new.salesops","password":"a-long-enough-password","role":"SALES_OPS"}""");
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        page.get(base + "/login");
        chromium.submitSignIn("new.salesops", "a-long-enough-password");
        chromium.await("signed in", d -> d.getCurrentUrl().equals(base + "/scorecards"));

        page.get(base + "/rules/drafts");

        assertThat(page.findElement(By.id("no-drafts")).getText()).startsWith("No drafts yet. Start one above");
        assertThat(page.findElement(By.cssSelector("#fromVersion option[selected]")).getText())
                .isEqualTo("Version " + activeVersionId() + " (" + label(activeVersionId()) + ") - active");
        assertThat(page.findElement(By.cssSelector("label[for=title]")).getText()).startsWith("Title");
        chromium.keepScreenshots("drafts");
    }

    private static long startDraft() {
        HttpAnswer draft = api.as(SALES_OPS).post("/api/rulesets/drafts", "{}");
        assertThat(draft.status()).as("%s", draft).isEqualTo(201);
        long id = draft.json().path("id").asLong();
        // a title to find it by in the list
        jdbc.sql("UPDATE rule_draft SET title = :title WHERE id = :id").param("title", "draft " + id).param("id", id)
                .update();
        return id;
    }

    /** Adds a file through the form and waits for the page that answers (not the one the form was on). */
    private static void addFile(String path) {
        WebElement before = page.findElement(By.tagName("html"));
        WebElement name = page.findElement(By.id("new-path"));
        name.clear();
        name.sendKeys(path);
        page.findElement(By.cssSelector("#add-file button")).click();
        chromium.await("the page after adding " + path, ExpectedConditions.stalenessOf(before)::apply);
        chromium.await("the answer to adding " + path, d -> d.findElement(By.cssSelector("#notice, #error")));
    }

    /** Replaces text in the editor as typing would: select it, then type the new text over it. */
    private static void replaceInEditor(String text, String replacement) {
        chromium.script("var content = ruleEditor.getValue(); var at = content.indexOf(arguments[0]);"
                + " ruleEditor.focus(); ruleEditor.setSelection(ruleEditor.posFromIndex(at),"
                + " ruleEditor.posFromIndex(at + arguments[0].length));", text);
        page.switchTo().activeElement().sendKeys(replacement);
    }

    private static String editorPath() {
        return page.findElement(By.id("content")).getDomAttribute("data-path");
    }

    private static List<String> files() {
        return page.findElements(By.cssSelector("#files li a")).stream().map(WebElement::getText).toList();
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

    private static long activeVersionId() {
        return jdbc.sql("SELECT id FROM ruleset_version WHERE active = TRUE").query(Long.class).single();
    }

    private static String label(long version) {
        return jdbc.sql("SELECT label FROM ruleset_version WHERE id = :id").param("id", version).query(String.class)
                .single();
    }

    private static long draftCount() {
        return jdbc.sql("SELECT COUNT(*) FROM rule_draft").query(Long.class).single();
    }

    private static List<String> auditActions() {
        return jdbc.sql("SELECT action FROM audit_event WHERE actor = 'salesops'").query(String.class).list();
    }
}
