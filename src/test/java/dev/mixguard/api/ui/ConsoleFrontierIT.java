package dev.mixguard.api.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mixguard.support.BundledModel;
import dev.mixguard.support.ModelFolders;
import dev.mixguard.support.SpecRewrite;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Two models, one whose spec carries card.frontier, and request overrides on: the console offers a picker, draws the
 * frontier with the shipped knobs marked, falls back to the card's rows for the other (a card without a frontier),
 * and shows the knob sliders.
 */
@QuarkusIntegrationTest
@TestProfile(ConsoleFrontierIT.TwoModels.class)
class ConsoleFrontierIT {

    static final String OTHER = "fashion-mnist-b";
    static final double[] FIXED_ALPHAS = {0, 0.2, 0.4, 0.5, 0.65, 0.8, 1};
    static final double[] GAMMA_BIASES = {-1, 0, 1, 2, 3};

    /** The bundled model with a frontier in its card, a copy of it under another name without one, overrides on. */
    public static class TwoModels implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path dir = Files.createTempDirectory(Path.of("target"), "frontier-models");
                ModelFolders.copy(dir, BundledModel.NAME, SpecRewrite.spec(json(ConsoleFrontierIT::addFrontier)));
                ModelFolders.copy(dir, OTHER, SpecRewrite.spec(json(ConsoleFrontierIT::rowsWithoutFrontier)));
                return Map.of("mixguard.models.dir", dir.toString(), "mixguard.knobs.request-overrides", "true");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void theCardDrawsTheFrontierWithTheShippedKnobsMarkedAndThePickerSwitchesModels() {
        try (Browser browser = Browser.open(1280, 900)) {
            browser.get("/#card");
            WebElement chart = browser.visible(By.cssSelector("#frontier-chart canvas"));
            assertTrue(chart.getSize().getWidth() > 200, "chart width " + chart.getSize());
            assertTrue(colouredPixels(browser, 194, 65, 12) > 50, "the adaptive points are drawn");
            assertTrue(colouredPixels(browser, 31, 111, 235) > 50, "the fixed-alpha curve is drawn");
            List<WebElement> rows = browser.findAll(By.cssSelector("#frontier-table tbody tr"));
            assertEquals(FIXED_ALPHAS.length + GAMMA_BIASES.length, rows.size());
            List<String> shipped = rows.stream().map(WebElement::getText).filter(t -> t.contains("shipped")).toList();
            assertEquals(1, shipped.size(), "one point has the spec's knobs: " + shipped);
            assertTrue(shipped.get(0).startsWith("adaptive gamma_bias 2, alpha_low 0, alpha_high 1"), shipped.get(0));
            assertTrue(browser.find(By.id("frontier-chart")).getAttribute("aria-label").contains("shipped knobs at"));
            browser.screenshot("console-frontier");

            new Select(browser.visible(By.id("model-picker"))).selectByValue(OTHER);
            browser.textWhen(By.id("model-status"), t -> t.startsWith(OTHER + " v1"), 20);
            assertTrue(browser.visible(By.id("no-frontier")).isDisplayed());
            assertTrue(browser.findAll(By.cssSelector("#frontier-chart")).isEmpty());
            String adaptive = browser.visible(By.id("card-table"))
                    .findElement(By.xpath(".//tr[th[starts-with(., 'adaptive')]]")).getText();
            assertTrue(adaptive.contains("90.1%"), "the card's own rows are shown without a frontier: " + adaptive);
            browser.assertNoConsoleErrors();
        }
    }

    @Test
    void withOverridesOnTheKnobSlidersReclassifyFromTheKeyboard() {
        try (Browser browser = Browser.open(1280, 900)) {
            browser.get("/");
            browser.upload(BundledModel.SAMPLES.resolve("4-shirt.png"));
            browser.textWhen(By.id("alpha-text"), t -> t.contains("in [0, 1]"), 20);
            browser.visible(By.id("k-low")).sendKeys(Keys.END);
            String alpha = browser.textWhen(By.id("alpha-text"), t -> t.contains("in [1, 1]"), 20);
            assertTrue(alpha.startsWith("alpha 1 in [1, 1]"), alpha);
            assertEquals("1.00", browser.find(By.id("o-low")).getText());
            String robust = browser.find(By.cssSelector(".pair .verdict:nth-child(2) .what")).getText();
            assertEquals(robust, browser.find(By.id("predicted-label")).getText(), "alpha 1 answers as h does");
            assertTrue(browser.find(By.id("certificate")).getText().contains("cannot be flipped by g"));
            browser.screenshot("console-knobs");
            browser.find(By.id("k-reset")).click();
            browser.textWhen(By.id("alpha-text"), t -> t.contains("in [0, 1]"), 20);
            browser.assertNoConsoleErrors();
        }
    }

    /** Pixels of the chart's canvas within a small distance of the colour (r, g, b). */
    private static long colouredPixels(Browser browser, int r, int g, int b) {
        return (Long) browser.script("const c = document.querySelector('#frontier-chart canvas');"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
                + "for (let i = 0; i < d.length; i += 4) {"
                + "  if (Math.abs(d[i] - arguments[0]) + Math.abs(d[i + 1] - arguments[1])"
                + "      + Math.abs(d[i + 2] - arguments[2]) < 40 && d[i + 3] > 200) { n++; } }"
                + "return n;", r, g, b);
    }

    /**
     * Fixed-alpha points (alpha_low = alpha_high = alpha) and adaptive points over gamma_bias, with the spec's knobs
     * set to the adaptive point at gamma_bias 2 (whatever the bundled model ships), so that one is the shipped one.
     */
    private static void addFrontier(ObjectNode spec) {
        ((ObjectNode) spec.get("knobs")).put("gamma_bias", 2.0).put("alpha_low", 0.0).put("alpha_high", 1.0);
        ArrayNode frontier = ((ObjectNode) spec.get("card")).putArray("frontier");
        for (double alpha : FIXED_ALPHAS) {
            ObjectNode point = frontier.addObject().put("kind", "fixed").put("clean", 0.924 - 0.082 * alpha)
                    .put("worst", 0.725 * Math.sqrt(alpha)).put("images", 1000);
            point.putObject("knobs").put("alpha_low", alpha).put("alpha_high", alpha);
        }
        for (double gamma : GAMMA_BIASES) {
            ObjectNode point = frontier.addObject().put("kind", "adaptive").put("clean", 0.915 - 0.01 * gamma)
                    .put("worst", 0.30 + 0.04 * gamma).put("images", 1000);
            point.putObject("knobs").put("gamma_bias", gamma).put("alpha_low", 0.0).put("alpha_high", 1.0);
        }
    }

    /** Renamed, with a card of measured rows and no frontier, as cards were before card.frontier. */
    private static void rowsWithoutFrontier(ObjectNode spec) {
        spec.put("name", OTHER);
        ObjectNode card = spec.putObject("card");
        ObjectNode adaptive = card.putObject("models").putObject("adaptive").put("clean", 0.901);
        adaptive.putObject("robust").put("worst", 0.211);
    }

    private static UnaryOperator<String> json(Consumer<ObjectNode> edit) {
        ObjectMapper mapper = new ObjectMapper();
        return text -> {
            try {
                ObjectNode spec = (ObjectNode) mapper.readTree(text);
                edit.accept(spec);
                return mapper.writeValueAsString(spec);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}
