package dev.mixguard.inference;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import dev.mixguard.model.ImageShape;
import dev.mixguard.model.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * Builds the fused graph's input tensors for one thread from direct buffers it keeps between runs, so ONNX Runtime
 * reads them without a copy and a run allocates no native memory of its own for them. A tensor it built reads
 * its buffer until closed: close it before this builder builds the next one of the same kind.
 */
final class TensorBuilder {

    /** Image buffers up to this size are kept for the next run; larger batches get one of their own. */
    static final int KEPT_BYTES = 4 << 20;

    private final OrtEnvironment env;
    private final ImageShape shape;
    private final FloatBuffer[] scalars = {allocate(1), allocate(1), allocate(1)};
    private FloatBuffer images = allocate(0);

    TensorBuilder(OrtEnvironment env, ImageShape shape) {
        this.env = env;
        this.shape = shape;
    }

    /** A float32 [N, C, H, W] tensor holding the images in order; each must have {@code shape.size()} values. */
    OnnxTensor images(List<float[]> batch) throws OrtException {
        int size = shape.size();
        FloatBuffer buffer = buffer((long) batch.size() * size);
        for (int i = 0; i < batch.size(); i++) {
            float[] image = batch.get(i);
            if (image.length != size) {
                throw new InvalidInputException("image " + i + ": expected " + size + " values ("
                        + shape.channels() + "x" + shape.height() + "x" + shape.width() + "), found " + image.length);
            }
            buffer.put(image);
        }
        buffer.flip();
        long[] dims = {batch.size(), shape.channels(), shape.height(), shape.width()};
        return OnnxTensor.createTensor(env, buffer, dims);
    }

    /** A float32 tensor of shape [1] holding one value, as the knob inputs take; {@code slot} 0 to 2. */
    OnnxTensor scalar(int slot, float value) throws OrtException {
        FloatBuffer buffer = scalars[slot];
        buffer.put(0, value);
        return OnnxTensor.createTensor(env, buffer, new long[] {1});
    }

    /** The kept buffer, cleared, when {@code floats} fit it or may be kept; otherwise a fresh one. */
    private FloatBuffer buffer(long floats) {
        if (floats > Integer.MAX_VALUE / Float.BYTES) {
            throw new InvalidInputException("expected at most " + Integer.MAX_VALUE / Float.BYTES
                    + " input values, found " + floats);
        }
        if (floats <= images.capacity()) {
            images.clear();
            return images;
        }
        FloatBuffer fresh = allocate((int) floats);
        if (floats * Float.BYTES <= KEPT_BYTES) {
            images = fresh;
        }
        return fresh;
    }

    private static FloatBuffer allocate(int floats) {
        return ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
