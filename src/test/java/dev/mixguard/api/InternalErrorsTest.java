package dev.mixguard.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixguard.inference.InferenceException;
import dev.mixguard.inference.ModelUnavailableException;
import dev.mixguard.support.Leaks;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A failure the client did not cause reaches it as its own plain message, or as an internal error with an id. */
class InternalErrorsTest {

    private static final String INTERNAL = "an internal error; the server log has details under error id ";

    @Test
    void theServicesOwnWordedFailuresKeepTheirMessage() {
        String unavailable = "model \"m\": expected ready, found loading (loading)";
        assertEquals(unavailable, InternalErrors.describe(new ModelUnavailableException(unavailable), "test"));
        String inference = "model \"m\" on cpu: expected ONNX Runtime to run the batch, found it failed (ORT_FAIL)";
        assertEquals(inference, InternalErrors.describe(new InferenceException(inference,
                new IllegalStateException(Path.of("x").toAbsolutePath().toString())), "test"));
    }

    @Test
    void anyOtherFailureIsAnInternalErrorWithAFreshIdAndNothingOfItsOwn() {
        String upload = Path.of(System.getProperty("java.io.tmpdir"), "uploads", "part-1").toAbsolutePath().toString();
        RuntimeException failure = new UncheckedIOException("reading " + upload, new AccessDeniedException(upload));
        String first = InternalErrors.describe(failure, "test");
        String second = InternalErrors.describe(failure, "test");
        assertTrue(first.startsWith(INTERNAL), first);
        assertNotEquals(first, second, "each failure gets its own error id");
        Leaks.assertNone("the answer", first);
        Leaks.assertNone("the answer", InternalErrors.describe(new NullPointerException(
                "Cannot invoke \"java.io.InputStream.read()\" because \"in\" is null"), "test"));
    }
}
