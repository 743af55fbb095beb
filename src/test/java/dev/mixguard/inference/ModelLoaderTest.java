package dev.mixguard.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixguard.support.BundledModel;
import dev.mixguard.support.ModelFolders;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken or inconsistent model folder fails with a message naming the file and what is wrong. */
@QuarkusTest
class ModelLoaderTest {

    @Inject
    ModelLoader loader;

    @TempDir
    Path models;

    @Test
    void folderWithoutAModelFileIsRefused() throws Exception {
        Path empty = Files.createDirectories(models.resolve("empty"));
        assertFails(empty, "model.onnx: expected an ONNX model file, found none");
    }

    @Test
    void bytesOnnxRuntimeCannotParseAreRefused() {
        Path folder = ModelFolders.withBytes(models, "garbage", "not a protobuf".getBytes(StandardCharsets.UTF_8));
        assertFails(folder, "model.onnx: expected a valid ONNX model, found one ONNX Runtime rejects");
    }

    @Test
    void graphWithoutASpecIsRefused() {
        Path folder = ModelFolders.copy(models, BundledModel.NAME,
                ModelFolders.replace("mixguard\\.(spec)", "spex"));
        assertFails(folder, "expected metadata key \"mixguard.spec\", found keys [mixguard.spex]");
    }

    @Test
    void specThatDisagreesWithTheGraphIsRefused() {
        Path folder = ModelFolders.copy(models, BundledModel.NAME,
                ModelFolders.replace("\"height\":\\s*(28)", "32"));
        assertFails(folder, "graph input \"image\": expected shape [?,1,32,28], found [?,1,28,28]");
    }

    @Test
    void specNamingAnotherModelThanItsFolderIsRefused() {
        Path folder = ModelFolders.copy(models, "renamed", ModelFolders.Edit.NONE);
        assertFails(folder, "spec field \"name\": expected the folder's name \"renamed\", found \"fashion-mnist\"");
    }

    @Test
    void labelsFileThatDisagreesWithTheSpecIsRefused() throws Exception {
        Path folder = ModelFolders.copy(models, BundledModel.NAME, ModelFolders.Edit.NONE);
        Files.writeString(folder.resolve("labels.txt"), "cat\ndog\n");
        assertFails(folder, "labels.txt: expected the spec's labels [T-shirt/top");
    }

    @Test
    void unavailableCudaFallsBackToCpuAndSaysWhy() throws Exception {
        try (LoadedModel model = loader.load(BundledModel.FOLDER,
                List.of(ExecutionProvider.CUDA, ExecutionProvider.CPU))) {
            assertEquals(ExecutionProvider.CPU, model.provider());
            assertEquals(1, model.skippedProviders().size());
            SkippedProvider cuda = model.skippedProviders().get(0);
            assertEquals("cuda", cuda.provider());
            assertTrue(cuda.reason().contains("CUDA"), cuda.reason());
            assertEquals(10, model.classify(List.of(new float[784])).get(0).logProbs().length);
        }
    }

    @Test
    void noUsableProviderIsALoadFailureListingEachReason() {
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> loader.load(BundledModel.FOLDER, List.of(ExecutionProvider.TENSORRT, ExecutionProvider.CUDA)));
        assertTrue(e.getMessage().contains("expected one of the execution providers [tensorrt, cuda] to open it, "
                + "found none usable"), e.getMessage());
        assertTrue(e.getMessage().contains("TensorRT") && e.getMessage().contains("CUDA"), e.getMessage());
    }

    @Test
    void eachStageIsReportedBeforeItStartsAndTheCpuSessionServesAfterTheGpuAttempts() throws Exception {
        List<String> stages = new ArrayList<>();
        try (LoadedModel model = loader.load(BundledModel.FOLDER,
                List.of(ExecutionProvider.TENSORRT, ExecutionProvider.CUDA, ExecutionProvider.CPU),
                stage -> stages.add(stage.activity()))) {
            assertEquals(4, stages.size(), stages.toString());
            assertEquals("building TensorRT engine (provider tensorrt)", stages.get(0));
            assertEquals("opening a session (provider cuda)", stages.get(1));
            assertTrue(stages.get(2).startsWith("warming up on cpu (batch sizes [1, "), stages.get(2));
            assertEquals("self-check on cpu (32 parity vectors)", stages.get(3));
            assertEquals(List.of("tensorrt", "cuda"), model.skippedProviders().stream()
                    .map(SkippedProvider::provider).toList());
            assertEquals(BundledModel.FOLDER.resolve("model.onnx"), model.source());
            assertEquals(10, model.classify(List.of(new float[784])).get(0).logProbs().length);
        }
    }

    @Test
    void unknownProviderNameInConfigIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExecutionProvider.parse("rocm"));
        assertEquals("mixguard.inference.providers: expected one of tensorrt, cuda, cpu, found \"rocm\"",
                e.getMessage());
    }

    private void assertFails(Path folder, String expected) {
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> loader.load(folder));
        assertTrue(e.getMessage().startsWith(folder.resolve("model.onnx").toString()),
                "names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(expected), "expected \"" + expected + "\" in: " + e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }
}
