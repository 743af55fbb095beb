package dev.mixguard.api;

import dev.mixguard.model.ImageShape;
import dev.mixguard.model.InvalidInputException;
import java.util.List;

/** The one check of an image tensor's shape [N, C, H, W] and value count against a model: v1 tensors and v2 inputs. */
public final class TensorShape {

    private TensorShape() {
    }

    /**
     * Checks {@code dims} and the number of {@code values} against {@code image}, and returns N; {@code owner} names
     * the tensor in messages. More than {@code maxBatch} images is a {@link BatchTooLargeException}.
     */
    public static int check(String owner, List<? extends Number> dims, long values, ImageShape image, int maxBatch) {
        String expected = "[N," + image.channels() + "," + image.height() + "," + image.width() + "]";
        if (dims == null || dims.size() != 4 || dims.contains(null) || dims.get(0).longValue() < 1
                || dims.get(1).longValue() != image.channels() || dims.get(2).longValue() != image.height()
                || dims.get(3).longValue() != image.width()) {
            throw new InvalidInputException(owner + ": expected shape " + expected + " with N >= 1, found "
                    + (dims == null ? "none" : text(dims)));
        }
        long count = dims.get(0).longValue();
        if (count > maxBatch) {
            throw new BatchTooLargeException(maxBatch, count);
        }
        if (values != count * image.size()) {
            throw new InvalidInputException(owner + ": expected " + count * image.size() + " values for shape "
                    + text(dims) + ", found " + values);
        }
        return (int) count;
    }

    /** The dims as text, e.g. {@code [1,1,28,28]}. */
    public static String text(List<?> dims) {
        return dims.toString().replace(" ", "");
    }
}
