package dev.mixguard.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.util.List;
import java.util.Map;

/** The check every error test makes: the status, and a JSON body holding only a message, without stack traces. */
public final class ErrorBodies {

    private ErrorBodies() {
    }

    /** Asserts the status, a JSON body {@code {"error": "..."}} containing {@code expected}, and no stack trace. */
    public static void assertErrorBody(Response response, int status, String expected) {
        String body = response.asString();
        assertEquals(status, response.statusCode(), body);
        assertTrue(response.contentType().startsWith("application/json"), response.contentType());
        Map<String, Object> json = response.jsonPath().getMap("$");
        assertEquals(List.of("error"), List.copyOf(json.keySet()), body);
        String error = (String) json.get("error");
        assertTrue(error.contains(expected), "expected \"" + expected + "\" in: " + error);
        assertFalse(body.contains("Exception") || body.contains("\tat "), "no stack trace: " + body);
    }
}
