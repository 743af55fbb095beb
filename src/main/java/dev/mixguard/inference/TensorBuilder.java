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

/** Builds the fused graph's input tensors from direct buffers, so ONNX Runtime reads them without a copy. */
final class TensorBuilder {

    private TensorBuilder() {
    }

    /** A float32 [N, C, H, W] tensor holding the images in order; each must have {@code shape.size()} values. */
    static OnnxTensor images(OrtEnvironment env, List<float[]> images, ImageShape shape) throws OrtException {
        int size = shape.size();
        FloatBuffer buffer = allocate((long) images.size() * size);
        for (int i = 0; i < images.size(); i++) {
            float[] image = images.get(i);
            if (image.length != size) {
                throw new InvalidInputException("image " + i + ": expected " + size + " values ("
                        + shape.channels() + "x" + shape.height() + "x" + shape.width() + "), found " + image.length);
            }
            buffer.put(image);
        }
        buffer.rewind();
        long[] dims = {images.size(), shape.channels(), shape.height(), shape.width()};
        return OnnxTensor.createTensor(env, buffer, dims);
    }

    /** A float32 tensor of shape [1] holding one value, as the knob inputs take. */
    static OnnxTensor scalar(OrtEnvironment env, float value) throws OrtException {
        FloatBuffer buffer = allocate(1);
        buffer.put(0, value);
        return OnnxTensor.createTensor(env, buffer, new long[] {1});
    }

    private static FloatBuffer allocate(long floats) {
        if (floats > Integer.MAX_VALUE / Float.BYTES) {
            throw new InvalidInputException("expected at most " + Integer.MAX_VALUE / Float.BYTES
                    + " input values, found " + floats);
        }
        return ByteBuffer.allocateDirect((int) floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
