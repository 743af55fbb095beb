package dev.mixguard.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one-line reasons readiness gives for a model that is not ready. */
class ModelStateTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aTensorRtBuildSaysWhatAndForHowLong() {
        ModelState state = ModelState.loading("m", Path.of("models/m"),
                LoadStage.opening(ExecutionProvider.TENSORRT, false), T0);
        assertEquals(Optional.of("model m: building TensorRT engine (provider tensorrt), started 12 s ago"),
                state.problem(T0.plusMillis(12_900)));
    }

    @Test
    void otherStagesSayWhatTheyAre() {
        assertEquals("loading pre-compiled TensorRT engine (provider tensorrt)",
                LoadStage.opening(ExecutionProvider.TENSORRT, true).activity());
        assertEquals("opening a session (provider cuda)", LoadStage.opening(ExecutionProvider.CUDA, false).activity());
        assertEquals("warming up on cpu (batch sizes [1, 64])",
                LoadStage.warmingUp(ExecutionProvider.CPU, List.of(1, 64)).activity());
        assertEquals(Optional.of("model m: loading, started 0 s ago"),
                ModelState.loading("m", Path.of("models/m"), LoadStage.loading(), T0).problem(T0));
    }

    @Test
    void aFailureNamesItsFilesByTheModelFolderNeverByTheirAbsolutePath() {
        ModelState given = ModelState.failed("m", Path.of("models/m"), "models/m/model.onnx: expected X, found Y");
        assertEquals(Optional.of("m/model.onnx: expected X, found Y"), given.problem(T0));
        Path absolute = Path.of("/srv/mixguard/models/m");
        ModelState loaded = ModelState.failed("m", absolute, absolute.resolve("model.onnx") + ": expected X, found Y");
        assertEquals(Optional.of("m/model.onnx: expected X, found Y"), loaded.problem(T0));
    }
}
