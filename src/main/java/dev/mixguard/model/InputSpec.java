package dev.mixguard.model;

/** The image input of a fused graph: tensor name, geometry and colour mode. */
public record InputSpec(String name, int channels, int height, int width, Colour colour) {

    public InputSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("expected an input name, found none");
        }
        if (colour.channels() != channels) {
            throw new IllegalArgumentException("expected " + colour.channels() + " channel(s) for colour "
                    + colour.id() + ", found " + channels);
        }
    }

    /** The CHW geometry of one image. */
    public ImageShape shape() {
        return new ImageShape(channels, height, width);
    }
}
