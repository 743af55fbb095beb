package dev.mixguard.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixguard.config.InferenceConfig;
import dev.mixguard.support.Mappings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which file the TensorRT attempt opens, and which ep.context_* entries it sets, for each EPContext setting. */
class EpContextPlanTest {

    @TempDir
    Path folder;

    @Test
    void disabledOpensTheModelAndAsksForNothing() throws IOException {
        Path model = model();
        Files.writeString(folder.resolve("model_ctx.onnx"), "ignored while disabled");
        EpContextPlan plan = EpContextPlan.of(epContext(Map.of()), model, "m");
        assertEquals(model, plan.source());
        assertFalse(plan.precompiled());
        assertEquals(Map.of(), plan.sessionEntries());
        assertEquals(Map.of(), plan.tensorRtOptions());
    }

    @Test
    void enabledWithoutAContextModelAsksOnnxRuntimeToWriteOneBesideTheModel() throws IOException {
        Path model = model();
        EpContextPlan plan = EpContextPlan.of(epContext(Map.of("enabled", "true")), model, "m");
        String written = folder.resolve("model_ctx.onnx").toAbsolutePath().toString();
        assertEquals(model, plan.source());
        assertFalse(plan.precompiled());
        assertEquals(Map.of("ep.context_enable", "1", "ep.context_file_path", written, "ep.context_embed_mode", "1"),
                plan.sessionEntries());
        assertEquals(Map.of("trt_dump_ep_context_model", "1", "trt_ep_context_file_path", written,
                "trt_ep_context_embed_mode", "1"), plan.tensorRtOptions());
    }

    @Test
    void aConfiguredFolderHoldsOneContextModelPerModelName() throws IOException {
        Path dir = Files.createDirectories(folder.resolve("ctx"));
        EpContextPlan plan = EpContextPlan.of(epContext(Map.of("enabled", "true", "dir", dir.toString(),
                "embed", "false")), model(), "fashion-mnist");
        assertEquals(dir.resolve("fashion-mnist_ctx.onnx").toAbsolutePath().toString(),
                plan.sessionEntries().get("ep.context_file_path"));
        assertEquals("0", plan.sessionEntries().get("ep.context_embed_mode"));
        assertEquals("0", plan.tensorRtOptions().get("trt_ep_context_embed_mode"));
    }

    @Test
    void anExistingContextModelIsOpenedInsteadAndNothingIsWritten() throws IOException {
        Path model = model();
        Path context = Files.writeString(folder.resolve("model_ctx.onnx"), "pre-compiled");
        EpContextPlan plan = EpContextPlan.of(epContext(Map.of("enabled", "true")), model, "m");
        assertEquals(context.toAbsolutePath(), plan.source());
        assertTrue(plan.precompiled());
        assertEquals(Map.of(), plan.sessionEntries());
        assertEquals(Map.of(), plan.tensorRtOptions());
    }

    private Path model() throws IOException {
        return Files.writeString(folder.resolve("model.onnx"), "graph");
    }

    private static InferenceConfig.EpContext epContext(Map<String, String> settings) {
        Map<String, String> properties = new HashMap<>();
        settings.forEach((key, value) -> properties.put("mixguard.inference.tensorrt.ep-context." + key, value));
        return Mappings.of(InferenceConfig.class, properties).tensorrt().epContext();
    }
}
