package dev.mixguard.inference;

import dev.mixguard.config.InferenceConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the TensorRT attempt for one model opens and asks ONNX Runtime to write: the pre-compiled EPContext
 * model when it exists, otherwise the original graph, with the entries that make ONNX Runtime dump one.
 *
 * @param source the file the TensorRT session is created from
 * @param precompiled whether {@code source} is a pre-compiled EPContext model
 * @param sessionEntries session config entries ({@code ep.context_*}); empty unless a context model is to be written
 * @param tensorRtOptions the same request as TensorRT provider options ({@code trt_*ep_context*})
 */
record EpContextPlan(Path source, boolean precompiled, Map<String, String> sessionEntries,
        Map<String, String> tensorRtOptions) {

    /** ONNX Runtime's session config key that turns context-model writing on. */
    static final String ENABLE = "ep.context_enable";
    /** ONNX Runtime's session config key naming the context model to write. */
    static final String FILE_PATH = "ep.context_file_path";
    /** ONNX Runtime's session config key: 1 embeds the engine in the context model, 0 keeps it beside it. */
    static final String EMBED_MODE = "ep.context_embed_mode";

    EpContextPlan {
        sessionEntries = Map.copyOf(sessionEntries);
        tensorRtOptions = Map.copyOf(tensorRtOptions);
    }

    /** The plan for {@code modelFile} of the model called {@code name} under {@code config}. */
    static EpContextPlan of(InferenceConfig.EpContext config, Path modelFile, String name) {
        if (!config.enabled()) {
            return new EpContextPlan(modelFile, false, Map.of(), Map.of());
        }
        Path context = contextFile(config, modelFile, name);
        if (Files.isRegularFile(context)) {
            return new EpContextPlan(context, true, Map.of(), Map.of());
        }
        String embed = config.embed() ? "1" : "0";
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(ENABLE, "1");
        entries.put(FILE_PATH, context.toString());
        entries.put(EMBED_MODE, embed);
        Map<String, String> trt = new LinkedHashMap<>();
        trt.put("trt_dump_ep_context_model", "1");
        trt.put("trt_ep_context_file_path", context.toString());
        trt.put("trt_ep_context_embed_mode", embed);
        return new EpContextPlan(modelFile, false, entries, trt);
    }

    /** Where the context model of {@code name} lives: {@code dir/<name>_ctx.onnx} or beside the model. */
    static Path contextFile(InferenceConfig.EpContext config, Path modelFile, String name) {
        Path file = config.dir().map(dir -> Path.of(dir).resolve(name + "_ctx.onnx"))
                .orElseGet(() -> modelFile.resolveSibling(stem(modelFile) + "_ctx.onnx"));
        return file.toAbsolutePath();
    }

    private static String stem(Path file) {
        String fileName = file.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
