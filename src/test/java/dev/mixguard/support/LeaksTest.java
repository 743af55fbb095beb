package dev.mixguard.support;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The leak check itself catches what it is for, and lets a model's folder-relative name through. */
class LeaksTest {

    @Test
    void catchesAbsolutePathsOfThisMachineAndJavaTypes() {
        String file = Path.of("target", "models", "m", "model.onnx").toAbsolutePath().toString();
        assertThrows(AssertionError.class, () -> Leaks.assertNone("x", "expected a model, found " + file));
        assertThrows(AssertionError.class, () -> Leaks.assertNone("x", "found: java.nio.file.AccessDeniedException"));
        assertThrows(AssertionError.class, () -> Leaks.assertNone("x", "found a `dev.mixguard.api.ClassifyRequest`"));
        assertThrows(AssertionError.class, () -> Leaks.assertNone("x", "found OutOfMemoryError"));
        assertThrows(AssertionError.class, () -> Leaks.assertNone("x", "at [Source: REDACTED "
                + "(`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 13]"));
    }

    @Test
    void letsNamesRelativeToTheModelsFolderThrough() {
        Leaks.assertNone("x", "m/model.onnx: expected a valid ONNX model, found one ONNX Runtime rejects (ORT_FAIL)");
        Leaks.assertNone("x", "expected a known route, found /v1/models/m/classify");
    }
}
