package dev.mixguard.api.ui;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixguard.support.BundledModel;
import dev.mixguard.support.Metrics;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.FluentWait;

/** The console in a real headless Chromium against the packaged application: classify, attack, jobs, card. */
@QuarkusIntegrationTest
class ConsoleIT {

    /** A sample the attack fools within a few queries at the threat model's epsilon (seed 0). */
    static final String FRAGILE = "6-coat.png";

    private static Browser browser;

    @BeforeAll
    static void openBrowser() {
        browser = Browser.open(1280, 900);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @AfterEach
    void noScriptErrors() {
        browser.assertNoConsoleErrors();
    }

    @Test
    void anUploadedSampleShowsItsLabelBarsAlphaAndCertificate() {
        JsonPath api = classify("4-shirt.png");
        browser.resize(1280, 900).get("/");
        browser.upload(BundledModel.SAMPLES.resolve("4-shirt.png"));
        String label = browser.textWhen(By.id("predicted-label"), t -> !t.isEmpty(), 20);
        assertEquals(api.getString("predictions[0].label"), label);
        assertEquals(5, browser.findAll(By.cssSelector(".bars li")).size());
        assertTrue(browser.find(By.id("alpha-text")).getText().startsWith("alpha "));
        String certificate = browser.find(By.id("certificate")).getText();
        assertTrue(certificate.contains(api.getBoolean("predictions[0].certificate.holds")
                ? "cannot be flipped by g" : "no guarantee at this input"), certificate);
        assertTrue(browser.find(By.cssSelector(".pair")).getText().contains(api.getString(
                "predictions[0].robust.label")));
        browser.screenshot("console-classify");
    }

    @Test
    void onAPhoneASampleThumbnailWorksFromTheKeyboardWithoutSidewaysScrolling() {
        browser.resize(390, 844).get("/");
        WebElement sample = browser.visible(By.cssSelector("button.sample[data-file='0-ankle-boot.png']"));
        sample.sendKeys(Keys.ENTER);
        assertEquals(classify("0-ankle-boot.png").getString("predictions[0].label"),
                browser.textWhen(By.id("predicted-label"), t -> !t.isEmpty(), 20));
        browser.screenshot("console-phone");
        long overflow = (Long) browser.script("return document.documentElement.scrollWidth - window.innerWidth;");
        Object wide = browser.script("return [...document.querySelectorAll('body *')].filter(e => "
                + "e.getBoundingClientRect().right > window.innerWidth).map(e => e.tagName + '#' + e.id + '.' "
                + "+ e.className).slice(0, 5);");
        assertTrue(overflow <= 0, "the page is " + overflow + " px wider than a phone's screen: " + wide);
        browser.resize(1280, 900);
    }

    @Test
    void theAttackShowsTheAdversarialImageBesideTheOriginalAndTheHeatMap() {
        browser.get("/");
        browser.upload(BundledModel.SAMPLES.resolve(FRAGILE));
        browser.textWhen(By.id("predicted-label"), t -> !t.isEmpty(), 20);
        browser.find(By.cssSelector("a[data-tab='attack']")).click();
        browser.type("a-queries", "100");
        browser.visible(By.id("a-run")).click();
        String after = browser.textWhen(By.id("adversarial-label"), t -> t.startsWith("Adversarial: "), 30);
        assertTrue(browser.find(By.id("attack-status")).getText().startsWith("Fooled:"), after);
        List<WebElement> images = browser.findAll(By.cssSelector("#attack-result figure img"));
        assertEquals(3, images.size());
        assertTrue(images.get(1).getAttribute("alt").startsWith("adversarial image"));
        browser.loaded(images.get(1), 28, 10);
        assertTrue(browser.find(By.id("attack-result")).getText().contains("adversarial example found in"));
        browser.screenshot("console-attack");
    }

    @Test
    void cancellingAnAttackStopsItOnTheServer() {
        browser.get("/");
        browser.upload(BundledModel.SAMPLES.resolve("0-ankle-boot.png"));
        browser.textWhen(By.id("predicted-label"), t -> !t.isEmpty(), 20);
        browser.find(By.cssSelector("a[data-tab='attack']")).click();
        browser.type("a-eps", "0.005"); // a box too small to fool the model here: the attack runs until cancelled
        browser.type("a-queries", "19000");
        Metrics before = Metrics.scrape();
        browser.visible(By.id("a-run")).click();
        String progress = browser.textWhen(By.id("attack-elapsed"), t -> t.startsWith("Attacking: ")
                && !t.startsWith("Attacking: 1 of"), 10);
        assertTrue(progress.matches("Attacking: \\d+ of 19002 queries used · .* s"), progress);
        WebElement bar = browser.find(By.id("attack-bar"));
        assertEquals("19002", bar.getAttribute("max"));
        assertTrue(Double.parseDouble(bar.getAttribute("value")) > 1, "the bar shows queries used beyond the clean pass");
        browser.find(By.id("a-cancel")).click();
        assertTrue(browser.textWhen(By.id("attack-error"), t -> !t.isEmpty(), 10).startsWith("Cancelled"));
        String cancelled = "mixguard_probe_finished_total{attack=\"square-linf\",model=\"" + BundledModel.NAME
                + "\",outcome=\"cancelled\"}";
        double was = before.valueOr(cancelled, 0);
        new FluentWait<>(cancelled).withTimeout(Duration.ofSeconds(20)).pollingEvery(Duration.ofMillis(250))
                .withMessage("the server counting the attack as cancelled")
                .until(sample -> Metrics.scrape().valueOr(sample, 0) > was);
        assertTrue(browser.find(By.id("a-run")).isEnabled(), "the run button is back");
    }

    @Test
    void aJobOnTheBundledSetShowsProgressToDoneThenItsResult() {
        browser.get("/#jobs");
        browser.type("j-first", "8");
        browser.type("j-queries", "100");
        browser.visible(By.id("j-start")).click();
        String state = browser.textWhen(By.id("job-state"), t -> t.startsWith("succeeded"), 60);
        assertTrue(state.contains("8 of 8 images"), state);
        WebElement bar = browser.find(By.cssSelector("#job-progress progress"));
        assertEquals(bar.getAttribute("max"), bar.getAttribute("value"));
        String robust = browser.visible(By.id("robust-accuracy")).getText();
        String id = browser.find(By.id("job-progress")).getAttribute("data-id");
        JsonPath job = given().when().get("/v1/models/" + BundledModel.NAME + "/probe-jobs/" + id).then()
                .statusCode(200).extract().jsonPath();
        double accuracy = job.getDouble("result.robust_accuracy");
        assertEquals(String.format(Locale.ROOT, "Robust accuracy %.1f%%", 100 * accuracy), robust);
        int found = job.getInt("result.adversarial_found");
        List<WebElement> rows = browser.findAll(By.cssSelector("#fooled-table tbody tr"));
        assertTrue(found >= 1, "the first 8 images at 100 queries include one the attack fools (image 6)");
        assertEquals(found, rows.size());
        for (WebElement row : rows) {
            browser.script("arguments[0].scrollIntoView()", row);
            List<WebElement> images = row.findElements(By.tagName("img"));
            assertEquals(2, images.size(), "the clean image and the adversarial example found");
            assertTrue(images.get(1).getAttribute("alt").startsWith("adversarial example of image "));
            for (WebElement image : images) {
                browser.loaded(image, 28, 20);
            }
        }
        assertTrue(browser.find(By.id("job-csv")).isDisplayed());
        assertTrue(browser.find(By.id("job-list")).getText().contains("succeeded"));
        browser.screenshot("console-job");
    }

    @Test
    void theBundledCardShowsItsFrontierWithTheShippedPoint() {
        JsonPath model = given().when().get("/v1/models/" + BundledModel.NAME).then().extract().jsonPath();
        browser.get("/#card");
        browser.visible(By.cssSelector("#frontier-chart canvas"));
        List<String> shipped = browser.findAll(By.cssSelector("#frontier-table tbody tr")).stream()
                .map(WebElement::getText).filter(t -> t.contains("shipped")).toList();
        assertEquals(1, shipped.size(), "one frontier point has the spec's knobs: " + shipped);
        double worst = model.getList("card.frontier", Map.class).stream()
                .filter(p -> "adaptive".equals(p.get("kind")) && model.getMap("spec_knobs").equals(p.get("knobs")))
                .mapToDouble(p -> ((Number) p.get("worst")).doubleValue()).findFirst().orElseThrow();
        assertTrue(shipped.get(0).contains(String.format(Locale.ROOT, "%.1f%%", 100 * worst)), shipped.get(0));
        browser.find(By.cssSelector("a[data-tab='model']")).click();
        String info = browser.visible(By.id("model-info")).getText();
        assertTrue(info.contains("cpu") && info.contains("[-1, 1, 28, 28]"), info);
        assertEquals(model.getList("labels").size(), browser.findAll(By.cssSelector("ol.labels li")).size());
    }

    @Test
    void everyControlHasALabelAndEveryImageAnAltText() {
        browser.get("/");
        browser.upload(BundledModel.SAMPLES.resolve(FRAGILE));
        browser.textWhen(By.id("predicted-label"), t -> !t.isEmpty(), 20);
        Object unlabelled = browser.script("return [...document.querySelectorAll('input, select, textarea')]"
                + ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).map(e => e.id);");
        assertEquals(List.of(), unlabelled);
        Object noAlt = browser.script("return [...document.images].filter(i => !i.alt).map(i => i.src);");
        assertEquals(List.of(), noAlt);
    }

    @Test
    void anApiErrorIsShownAsASentenceNotAsJson() throws IOException {
        Path notAnImage = Files.writeString(Files.createTempFile("not-an-image", ".png"), "just text");
        browser.get("/");
        browser.visible(By.cssSelector("button.sample"));
        browser.find(By.id("file")).sendKeys(notAnImage.toAbsolutePath().toString());
        String error = browser.textWhen(By.id("classify-error"), t -> !t.isEmpty(), 20);
        assertTrue(error.startsWith("The request was refused (HTTP 400): image: expected a PNG or JPEG image"), error);
        assertFalse(error.contains("{"), error);
        browser.assertNoConsoleErrors("status of 400");
        Files.delete(notAnImage);
    }

    private static JsonPath classify(String sample) {
        return given().contentType("image/png").body(bytes(sample)).when()
                .post("/v1/models/" + BundledModel.NAME + "/classify").then().statusCode(200).extract().jsonPath();
    }

    private static byte[] bytes(String sample) {
        try {
            return Files.readAllBytes(BundledModel.SAMPLES.resolve(sample));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
