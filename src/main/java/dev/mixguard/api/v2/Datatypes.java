package dev.mixguard.api.v2;

import dev.mixguard.model.InvalidInputException;

/** The v2 tensor datatypes the service reads and writes, and their sizes in the binary extension. */
final class Datatypes {

    /** 32-bit float: images in [0, 1], knobs, and every model output. */
    static final String FP32 = "FP32";
    /** 8-bit unsigned integer: images with 0 to 255 pixels, scaled to [0, 1]. */
    static final String UINT8 = "UINT8";
    /** Length-prefixed strings: the classification extension's "value:index:label" answers. */
    static final String BYTES = "BYTES";

    private Datatypes() {
    }

    /** Bytes per element of an input's datatype in the binary extension. */
    static int width(String input, String datatype) {
        return switch (datatype) {
            case FP32 -> Float.BYTES;
            case UINT8 -> 1;
            default -> throw new InvalidInputException("input \"" + input + "\": expected datatype " + FP32
                    + " or " + UINT8 + ", found " + datatype);
        };
    }
}
