package dev.mixguard.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixguard.support.BundledModel;
import dev.mixguard.support.ModelFolders;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine self-check as the loader runs it: the bundled model passes on CPU within the parity tests' 1e-4; a
 * tolerance of 0 fails it, naming the errors; with fallback the provider is skipped with that reason. CPU is the
 * only provider that opens here, so "cpu, cpu" stands in for a GPU provider whose answers drift followed by CPU.
 */
@QuarkusTest
class SelfCheckTest {

    private static final SelfCheckPolicy.Tolerance ZERO = new SelfCheckPolicy.Tolerance(0, "test.zero");
    private static final SelfCheckPolicy.Tolerance PARITY = new SelfCheckPolicy.Tolerance(1e-4, "test.parity");
    private static final List<ExecutionProvider> CPU = List.of(ExecutionProvider.CPU);

    @Inject
    ModelLoader loader;

    @TempDir
    Path models;

    @Test
    void theBundledModelPassesOnCpuWithEveryOutputsErrorsRecorded() throws Exception {
        try (LoadedModel model = loader.load(BundledModel.FOLDER, CPU, new SelfCheckPolicy(p -> PARITY, false))) {
            ParityReport report = model.selfCheck().orElseThrow();
            assertTrue(report.passed(), report.summary());
            assertEquals(List.of("log_probs", "alpha", "std_logits", "rob_logits"),
                    List.copyOf(report.outputs().keySet()));
            assertEquals(32, report.vectors());
            report.outputs().forEach((output, error) -> assertTrue(
                    error.maxRelError() <= 1e-4 && error.maxRelError() <= error.maxAbsError(), output + error));
            assertTrue(report.summary().startsWith("passed on cpu: largest error "), report.summary());
        }
    }

    @Test
    void aToleranceOfZeroFailsTheModelNamingTheErrorsAndTheKey() {
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> loader.load(BundledModel.FOLDER, CPU, new SelfCheckPolicy(p -> ZERO, false)));
        assertTrue(e.getMessage().contains("model.onnx: self-check failed on cpu: expected every output of the 32 "
                + "parity vectors within 0.0e+00 (test.zero), found log_probs "), e.getMessage());
        assertTrue(e.getMessage().endsWith("(mixguard.inference.self-check.on-failure=fallback would try the next "
                + "provider instead)"), e.getMessage());
    }

    @Test
    void withFallbackAFailedProviderIsSkippedWithItsErrorsAndTheNextServes() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        SelfCheckPolicy firstFails = new SelfCheckPolicy(p -> attempts.getAndIncrement() == 0 ? ZERO : PARITY, true);
        try (LoadedModel model = loader.load(BundledModel.FOLDER, List.of(ExecutionProvider.CPU,
                ExecutionProvider.CPU), firstFails)) {
            assertEquals(2, attempts.get());
            assertEquals(1, model.skippedProviders().size());
            SkippedProvider skipped = model.skippedProviders().get(0);
            assertEquals("cpu", skipped.provider());
            assertTrue(skipped.reason().startsWith("self-check failed on cpu: expected every output of the 32 parity "
                    + "vectors within 0.0e+00 (test.zero), found log_probs "), skipped.reason());
            assertTrue(model.selfCheck().orElseThrow().passed());
            assertEquals(10, model.classify(List.of(new float[784])).get(0).logProbs().length);
        }
    }

    @Test
    void withFallbackAndNoProviderLeftTheModelFailsListingEachReason() {
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> loader.load(BundledModel.FOLDER,
                List.of(ExecutionProvider.CUDA, ExecutionProvider.CPU), new SelfCheckPolicy(p -> ZERO, true)));
        assertTrue(e.getMessage().contains("expected one of the execution providers [cuda, cpu] to open it, found "
                + "none usable"), e.getMessage());
        assertTrue(e.getMessage().contains("provider=cuda") && e.getMessage().contains("CUDA"), e.getMessage());
        assertTrue(e.getMessage().contains("provider=cpu, reason=self-check failed on cpu"), e.getMessage());
    }

    @Test
    void aFolderWithoutParityVectorsLoadsWithNoSelfCheck() throws Exception {
        Path folder = ModelFolders.copy(models, BundledModel.NAME, ModelFolders.Edit.NONE);
        try (LoadedModel model = loader.load(folder, CPU, new SelfCheckPolicy(p -> ZERO, false))) {
            assertTrue(model.selfCheck().isEmpty());
        }
    }

    @Test
    void parityVectorsOfAnotherGeometryFailTheModelNamingTheField() throws Exception {
        Path folder = ModelFolders.copy(models, BundledModel.NAME, ModelFolders.Edit.NONE);
        String parity = Files.readString(BundledModel.FOLDER.resolve("parity.json"));
        Files.writeString(folder.resolve("parity.json"), parity.replace("\"shape\": [32, 1, 28, 28]",
                "\"shape\": [32, 1, 32, 32]"));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> loader.load(folder));
        assertTrue(e.getMessage().endsWith("model.onnx: parity.json field \"shape\": expected [N, 1, 28, 28] with "
                + "N >= 1, found [32,1,32,32]"), e.getMessage());
    }

    @Test
    void parityVectorsMissingAnOutputAreRefused() throws Exception {
        Path folder = ModelFolders.copy(models, BundledModel.NAME, ModelFolders.Edit.NONE);
        String parity = Files.readString(BundledModel.FOLDER.resolve("parity.json"));
        Files.writeString(folder.resolve("parity.json"), parity.replace("\"rob_logits\"", "\"rob_logitz\""));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> loader.load(folder));
        assertTrue(e.getMessage().endsWith("parity.json field \"outputs.rob_logits\": expected an array of 320 "
                + "numbers, found none"), e.getMessage());
    }
}
