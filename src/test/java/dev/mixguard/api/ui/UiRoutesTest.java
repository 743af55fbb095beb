package dev.mixguard.api.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The console is served at / and /ui/ by the service itself, every asset from this origin. */
@QuarkusTest
class UiRoutesTest {

    private static final Pattern HTML_ASSET = Pattern.compile("<(?:script|link|img)[^>]*?(?:src|href)=\"([^\"]+)\"");
    private static final Pattern JS_IMPORT = Pattern.compile("(?:from|import\\()\\s*'([^']+)'");

    @Test
    void theRootRedirectsToTheConsole() {
        given().redirects().follow(false).when().get("/").then().statusCode(302).header("Location", "/ui/");
        given().redirects().follow(false).when().get("/ui").then().statusCode(302).header("Location", "/ui/");
    }

    @Test
    void theConsolePageComesWithASameOriginPolicyAndNoLongCaching() {
        given().when().get("/ui/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<title>MixGuard console</title>"))
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("Content-Security-Policy", containsString("connect-src 'self'"))
                .header("Cache-Control", equalTo("no-cache"));
    }

    /** Follows every script, stylesheet and module import of the page: all served here, none from elsewhere. */
    @Test
    void everyAssetThePageLoadsIsServedByThisService() {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add("/ui/");
        while (!queue.isEmpty()) {
            String path = queue.poll();
            if (!seen.add(path)) {
                continue;
            }
            String body = given().when().get(path).then().statusCode(200).extract().asString();
            Matcher m = (path.endsWith(".js") ? JS_IMPORT : HTML_ASSET).matcher(body);
            while (m.find()) {
                String ref = m.group(1);
                assertFalse(ref.contains("//"), path + " refers to another origin: " + ref);
                queue.add(ref.startsWith("/") ? ref : path.substring(0, path.lastIndexOf('/') + 1)
                        + ref.replaceFirst("^\\./", ""));
            }
        }
        assertTrue(seen.contains("/webjars/uplot/dist/uPlot.esm.js"), "uPlot is loaded: " + seen);
        assertTrue(seen.contains("/ui/js/classify.js"), "the views are loaded: " + seen);
        assertEquals(0, seen.stream().filter(p -> p.startsWith("http")).count());
    }
}
