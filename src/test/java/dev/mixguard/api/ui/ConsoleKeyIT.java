package dev.mixguard.api.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixguard.support.BundledModel;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** With mixguard.probe.api-key set, the console asks for the key, says when it is wrong, and then probes with it. */
@QuarkusIntegrationTest
@TestProfile(ConsoleKeyIT.WithApiKey.class)
class ConsoleKeyIT {

    private static final String KEY = "console-key-0123";

    /** Locks the probe with a key. */
    public static class WithApiKey implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mixguard.probe.api-key", KEY);
        }
    }

    @Test
    void aLockedProbeAsksForTheKeyRefusesAWrongOneAndWorksWithTheRightOne() {
        try (Browser browser = Browser.open(1280, 900)) {
            browser.get("/");
            assertTrue(browser.visible(By.id("key-message")).getText().contains("locked by an API key"));
            browser.upload(BundledModel.SAMPLES.resolve(ConsoleIT.FRAGILE));
            browser.textWhen(By.id("predicted-label"), t -> !t.isEmpty(), 20);
            browser.screenshot("console-key");

            browser.find(By.cssSelector("a[data-tab='attack']")).click();
            browser.type("a-queries", "100");
            browser.visible(By.id("a-run")).click();
            String refused = browser.textWhen(By.id("attack-error"), t -> !t.isEmpty(), 20);
            assertTrue(refused.startsWith("The probe needs an API key (expected the probe API key in header "
                    + "X-API-Key"), refused);

            browser.type("api-key", KEY + "-wrong");
            browser.find(By.cssSelector("#key-form button")).click();
            browser.textWhen(By.id("key-message"), t -> t.startsWith("That API key was refused"), 20);

            browser.type("api-key", KEY);
            browser.find(By.cssSelector("#key-form button")).click();
            browser.gone(By.id("key-form"), 20);
            browser.find(By.id("a-run")).click();
            assertTrue(browser.textWhen(By.id("attack-status"), t -> !t.isEmpty(), 30).startsWith("Fooled:"));
            browser.assertNoConsoleErrors("status of 401");
        }
    }
}
