package dev.mixguard.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Paths and JSON files of the bundled fashion-mnist model that tests read their expectations from. */
public final class BundledModel {

    public static final String NAME = "fashion-mnist";
    public static final Path FOLDER = Path.of("models", NAME);
    public static final Path SAMPLES = FOLDER.resolve("samples");

    private static final ObjectMapper JSON = new ObjectMapper();

    private BundledModel() {
    }

    /** Parses a JSON file of the model folder, e.g. "parity.json". */
    public static JsonNode json(String file) {
        try {
            return JSON.readTree(FOLDER.resolve(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample images ("{dataset index}-{label slug}.png", one per class), sorted by file name. */
    public static List<Path> samples() {
        try (var files = Files.list(SAMPLES)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".png")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of the n-th sample image in file-name order. */
    public static byte[] sample(int n) {
        try {
            return Files.readAllBytes(samples().get(n));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
