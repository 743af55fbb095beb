package dev.mixguard.api.ui;

import dev.mixguard.image.IdxReader;
import dev.mixguard.image.PngEncoder;
import dev.mixguard.inference.LoadedModel;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A model's bundled probe set (probe-images.idx beside model.onnx), read once and handed out as PNGs. */
@ApplicationScoped
public class ProbeSetImages {

    /** The bundled probe set's images, as probe jobs read them. */
    static final String IMAGES_FILE = "probe-images.idx";

    private final Map<Path, List<float[]>> cache = new ConcurrentHashMap<>();

    /** The model's probe-set images, or empty when it bundles none. */
    Optional<List<float[]>> images(LoadedModel model) {
        Path file = file(model);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(cache.computeIfAbsent(file, f -> read(f, model)));
    }

    /** Image {@code index} of {@code images} as an 8-bit PNG in the model's geometry. */
    static byte[] png(LoadedModel model, List<float[]> images, int index) {
        return PngEncoder.encode(images.get(index), model.inputShape());
    }

    static Path file(LoadedModel model) {
        return model.file().resolveSibling(IMAGES_FILE);
    }

    private static List<float[]> read(Path file, LoadedModel model) {
        try {
            return IdxReader.images(file, model.inputShape(), IdxReader.count(file));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
    }
}
