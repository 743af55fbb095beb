package dev.mixguard.api.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.restassured.RestAssured;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver (Selenium Manager cannot download here), pointed at the
 * application under test, with screenshots under target/screenshots and the page's console errors at hand.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("mixguard.test.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("mixguard.test.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts Chromium with a fresh profile and a window of the given size; fails clearly when it is missing. */
    static Browser open(int width, int height) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            fail("expected Debian's chromium and chromium-driver (" + CHROMIUM + " and " + DRIVER + ") for the "
                    + "console's browser tests, found " + (Files.isExecutable(CHROMIUM) ? "" : CHROMIUM + " missing ")
                    + (Files.isExecutable(DRIVER) ? "" : DRIVER + " missing") + ": apt-get install chromium "
                    + "chromium-driver (.ci/run does), or point -Dmixguard.test.chromium/-Dmixguard.test.chromedriver "
                    + "at them");
        }
        try {
            Path profile = Files.createTempDirectory("chromium-profile");
            ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless=new",
                    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                    "--disable-extensions", "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                    .usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().window().setSize(new Dimension(width, height));
            return new Browser(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Resizes the window (a phone is about 390 x 844). */
    Browser resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        return this;
    }

    /** Loads a path of the application under test (its port as REST Assured knows it). */
    Browser get(String path) {
        driver.get("http://localhost:" + RestAssured.port + path);
        return this;
    }

    /** Waits (up to {@code seconds}) for the element to be visible and returns it. */
    WebElement visible(By by, int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds))
                .until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    WebElement visible(By by) {
        return visible(by, 20);
    }

    /** Waits (up to {@code seconds}) until the element is hidden or absent. */
    void gone(By by, int seconds) {
        new WebDriverWait(driver, Duration.ofSeconds(seconds))
                .until(ExpectedConditions.invisibilityOfElementLocated(by));
    }

    /** Waits until the element's text satisfies {@code test}, and returns that text. */
    String textWhen(By by, Predicate<String> test, int seconds) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(seconds));
        wait.ignoring(StaleElementReferenceException.class);
        return wait.until(d -> {
            List<WebElement> found = d.findElements(by);
            String text = found.isEmpty() ? null : found.get(0).getText();
            return text != null && test.test(text) ? text : null;
        });
    }

    /** Chooses {@code file} in the console's classify file field, once the page has loaded its model. */
    void upload(Path file) {
        textWhen(By.id("model-status"), t -> t.contains(" on "), 20);
        find(By.id("file")).sendKeys(file.toAbsolutePath().toString());
    }

    /** Replaces the value of the input with this id. */
    void type(String id, String value) {
        WebElement input = visible(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    /** Waits (up to {@code seconds}) until the image has loaded and decoded at {@code width} pixels wide. */
    void loaded(WebElement image, int width, int seconds) {
        new WebDriverWait(driver, Duration.ofSeconds(seconds)).withMessage("image " + image.getAttribute("src")
                + " loading at " + width + " px wide").until(d -> (Boolean) script(
                        "return arguments[0].complete && arguments[0].naturalWidth === arguments[1];", image, width));
    }

    WebElement find(By by) {
        return driver.findElement(by);
    }

    List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** Saves a PNG of the whole page (up to 2400 px tall) as target/screenshots/{name}.png. */
    Path screenshot(String name) {
        Dimension window = driver.manage().window().getSize();
        long page = (Long) script("return document.documentElement.scrollHeight;");
        long chrome = (Long) script("return window.outerHeight - window.innerHeight;");
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            resize(window.getWidth(), (int) Math.min(2400, Math.max(window.getHeight(), page + chrome)));
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            resize(window.getWidth(), window.getHeight());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts the page logged no error, apart from messages containing one of {@code allowed}. */
    void assertNoConsoleErrors(String... allowed) {
        List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage)
                .filter(m -> List.of(allowed).stream().noneMatch(m::contains)).toList();
        assertEquals(List.of(), errors, "console errors of the page");
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
