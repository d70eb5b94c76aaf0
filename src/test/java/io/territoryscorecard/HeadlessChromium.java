package io.territoryscorecard;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, with a fresh profile that is deleted on close.
 * Both paths are given explicitly, so Selenium Manager never runs (it would try to download a driver and a browser,
 * and the machines have no internet). Chromium missing is a failure that says how to install it, never a skip.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriverService service, ChromeDriver driver, Path profile) {
        this.service = service;
        this.driver = driver;
        this.profile = profile;
    }

    public static HeadlessChromium start() {
        for (Path binary : new Path[] {CHROMIUM, CHROMEDRIVER}) {
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException(binary + " is missing: the browser tests need Debian's chromium and "
                        + "chromium-driver. Run .ci/install-chromium (as root), or mvn verify, which runs it.");
            }
        }
        Path profile = createProfile();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1280,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogOutput(OutputStream.nullOutputStream())
                .build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new HeadlessChromium(service, driver, profile);
        } catch (RuntimeException e) {
            service.stop();
            delete(profile);
            throw e;
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /**
     * Waits (polling, up to 15 s) until the condition gives something other than null or false, and returns it. While
     * the page is being replaced (a redirect after a form) the browser answers with stale elements or nodes that "do
     * not belong to the document"; that just means: not yet. An error that lasts ends the wait with it as the cause.
     */
    public <T> T await(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, PATIENCE).withMessage(what)
                .ignoring(WebDriverException.class).until(condition::apply);
    }

    /** Runs JavaScript in the page, as a developer would in the browser's console (not subject to the page's CSP). */
    public Object script(String javaScript, Object... arguments) {
        return driver.executeScript(javaScript, arguments);
    }

    /** For {@code @RegisterExtension}: keeps the page of a failed test as target/browser-failures/TEST.png. */
    public static AfterTestExecutionCallback keepingPageOfFailure(Supplier<HeadlessChromium> browser) {
        return context -> {
            if (context.getExecutionException().isPresent() && browser.get() != null) {
                browser.get().keepPage(Path.of("target", "browser-failures",
                        context.getRequiredTestMethod().getName() + ".png"));
            }
        };
    }

    /** Closes the browser, then the server; either may be null when a class did not get as far as starting it. */
    public static void close(HeadlessChromium browser, AutoCloseable server) throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    /** Forgets the signed-in session, so that the next page is seen signed out. */
    public void signOut(String base) {
        driver.get(base + "/login");
        driver.manage().deleteAllCookies();
    }

    /** Keeps what the browser shows (a PNG) and the page's source beside it, to look at after a failure. */
    public void keepPage(Path png) {
        try {
            Files.createDirectories(png.getParent());
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), png, StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(png.resolveSibling(png.getFileName().toString().replace(".png", ".html")),
                    driver.getCurrentUrl() + "\n" + driver.getPageSource());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Keeps the whole page as the browser shows it at this width (a PNG as tall as the page, at most 5000 pixels),
     * then returns the window to its size.
     */
    public void screenshot(Path png, int width) {
        Dimension before = driver.manage().window().getSize();
        try {
            driver.manage().window().setSize(new Dimension(width, 900));
            long height = ((Number) script("return Math.max(document.documentElement.scrollHeight, "
                    + "document.body.scrollHeight)")).longValue();
            // Chromium's own capture beyond the window: a window as tall as the page is not always granted
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                    "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", width,
                            "height", Math.min(5000, Math.max(600, height)), "scale", 1)));
            Files.createDirectories(png.getParent());
            Files.write(png, Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    /**
     * Keeps the whole page at 1400 and at 390 pixels (a desktop and a phone) as {@code docs/screenshots/name-1400.png}
     * and {@code name-390.png}, where the docs show them.
     */
    public void keepScreenshots(String name) {
        for (int width : new int[] {1400, 390}) {
            screenshot(Path.of("docs", "screenshots", name + "-" + width + ".png"), width);
        }
    }

    /** Signs in on the sign-in page of the server at {@code base} and waits for the scorecards, where it lands. */
    public void signIn(String base, DemoAccount account) {
        driver.get(base + "/login");
        submitSignIn(account.username(), account.password());
        await("signed in as " + account, d -> d.getCurrentUrl().equals(base + "/scorecards"));
    }

    /** Fills in and sends the sign-in form of the page shown. */
    public void submitSignIn(String username, String password) {
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.xpath("//button[.='Sign in']")).click();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            delete(profile);
        }
    }

    private static Path createProfile() {
        try {
            return Files.createTempDirectory("chromium-profile-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A profile left in the temporary folder harms nothing.
        }
    }
}
