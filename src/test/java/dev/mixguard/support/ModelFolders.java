package dev.mixguard.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds model folders for tests: copies of the bundled model, optionally with bytes of its spec changed. */
public final class ModelFolders {

    private ModelFolders() {
    }

    /** Copies the bundled model.onnx (not its other files) into {@code parent/name}, changed by {@code edit}. */
    public static Path copy(Path parent, String name, Edit edit) {
        try {
            Path folder = Files.createDirectories(parent.resolve(name));
            byte[] bytes = Files.readAllBytes(BundledModel.FOLDER.resolve("model.onnx"));
            Files.write(folder.resolve("model.onnx"), edit.apply(bytes));
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the named files of the bundled model's folder (e.g. "parity.json") into {@code folder}. */
    public static Path withBundled(Path folder, String... files) {
        try {
            for (String file : files) {
                Files.copy(BundledModel.FOLDER.resolve(file), folder.resolve(file));
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A folder whose model.onnx holds {@code bytes}. */
    public static Path withBytes(Path parent, String name, byte[] bytes) {
        try {
            Path folder = Files.createDirectories(parent.resolve(name));
            Files.write(folder.resolve("model.onnx"), bytes);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Replaces the first match of {@code regex}'s group 1 with {@code replacement} of the same byte length, so
     * the protobuf around the embedded spec stays valid.
     */
    public static Edit replace(String regex, String replacement) {
        return bytes -> {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            Matcher m = Pattern.compile(regex).matcher(text);
            if (!m.find() || m.group(1).length() != replacement.length()) {
                throw new IllegalStateException("expected one same-length match of " + regex + " in model.onnx");
            }
            String edited = text.substring(0, m.start(1)) + replacement + text.substring(m.end(1));
            return edited.getBytes(StandardCharsets.ISO_8859_1);
        };
    }

    /** A change to the bytes of a model file. */
    @FunctionalInterface
    public interface Edit {

        Edit NONE = bytes -> bytes;

        byte[] apply(byte[] bytes);
    }
}
