package dev.mixguard.model;

import java.util.Locale;

/** Colour mode a model expects its input images in, as named in the spec ("grey" or "rgb"). */
public enum Colour {
    GREY(1),
    RGB(3);

    private final int channels;

    Colour(int channels) {
        this.channels = channels;
    }

    /** Number of image channels this colour mode has. */
    public int channels() {
        return channels;
    }

    /** The name used in the spec and in responses. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the spec's name for a colour mode. */
    public static Colour parse(String text) {
        for (Colour colour : values()) {
            if (colour.id().equals(text)) {
                return colour;
            }
        }
        throw new IllegalArgumentException("expected colour \"grey\" or \"rgb\", found \"" + text + "\"");
    }
}
