package dev.mixguard.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's in-process baseline: ONNX Runtime Java running one fused graph in a timed loop, with the
 * service's session settings (1 intra-op and 1 inter-op thread, all graph optimisations) and as many threads
 * sharing the session as the service has model instances. Prints one JSON line.
 *
 * <pre>java -cp target/test-classes:ORT_JAR dev.mixguard.bench.OrtLoop MODEL C H W BATCH SECONDS THREADS
 *     GAMMA_BIAS ALPHA_LOW ALPHA_HIGH</pre>
 */
public final class OrtLoop {

    private static final long WARM_UP_RUNS = 3;

    private OrtLoop() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 10) {
            throw new IllegalArgumentException("expected MODEL C H W BATCH SECONDS THREADS GAMMA_BIAS ALPHA_LOW "
                    + "ALPHA_HIGH, found " + args.length + " arguments");
        }
        long[] shape = {Integer.parseInt(args[4]), Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                Integer.parseInt(args[3])};
        double seconds = Double.parseDouble(args[5]);
        int threads = Integer.parseInt(args[6]);
        float[] knobs = {Float.parseFloat(args[7]), Float.parseFloat(args[8]), Float.parseFloat(args[9])};
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (SessionOptions options = new SessionOptions()) {
            options.setOptimizationLevel(SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            try (OrtSession session = env.createSession(args[0], options)) {
                long images = run(env, session, shape, knobs, seconds, threads);
                System.out.printf("{\"batch\": %d, \"threads\": %d, \"seconds\": %.3f, \"images\": %d, "
                        + "\"images_per_s\": %.1f}%n", shape[0], threads, seconds, images, images / seconds);
            }
        }
    }

    /** Runs {@code threads} loops for {@code seconds} after a short warm-up; returns the images done. */
    private static long run(OrtEnvironment env, OrtSession session, long[] shape, float[] knobs, double seconds,
            int threads) throws Exception {
        Input input = Input.of(session, shape, knobs);
        for (int i = 0; i < WARM_UP_RUNS; i++) {
            runOnce(env, session, input);
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong images = new AtomicLong();
        List<Thread> loops = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread loop = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        runOnce(env, session, input);
                        images.addAndGet(shape[0]);
                    }
                } catch (OrtException e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            loops.add(loop);
            loop.start();
        }
        Thread.sleep((long) (seconds * 1000));
        stop.set(true);
        long counted = images.get();
        for (Thread loop : loops) {
            loop.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        return counted;
    }

    /** One run as the service does it: pixels copied into a direct buffer, the knobs fed, every output read. */
    private static void runOnce(OrtEnvironment env, OrtSession session, Input input) throws OrtException {
        FloatBuffer pixels = direct(input.pixels().length);
        pixels.put(input.pixels()).rewind();
        try (OnnxTensor image = OnnxTensor.createTensor(env, pixels, input.shape());
                OnnxTensor gammaBias = OnnxTensor.createTensor(env, scalar(input.knobs()[0]), new long[] {1});
                OnnxTensor alphaLow = OnnxTensor.createTensor(env, scalar(input.knobs()[1]), new long[] {1});
                OnnxTensor alphaHigh = OnnxTensor.createTensor(env, scalar(input.knobs()[2]), new long[] {1});
                OrtSession.Result result = session.run(Map.of(input.name(), image, "gamma_bias", gammaBias,
                        "alpha_low", alphaLow, "alpha_high", alphaHigh))) {
            result.forEach(output -> ((OnnxTensor) output.getValue()).getFloatBuffer());
        }
    }

    /** What every run feeds: the image input's name, shape and pixels, and the three knobs. */
    private record Input(String name, long[] shape, float[] pixels, float[] knobs) {

        static Input of(OrtSession session, long[] shape, float[] knobs) throws OrtException {
            String name = session.getInputNames().stream().filter(n -> !n.equals("gamma_bias")
                    && !n.equals("alpha_low") && !n.equals("alpha_high")).findFirst().orElseThrow();
            float[] pixels = new float[(int) (shape[0] * shape[1] * shape[2] * shape[3])];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (i % 251) / 250f;
            }
            return new Input(name, shape, pixels, knobs);
        }
    }

    private static FloatBuffer scalar(float value) {
        FloatBuffer buffer = direct(1);
        buffer.put(0, value);
        return buffer;
    }

    private static FloatBuffer direct(int floats) {
        return ByteBuffer.allocateDirect(floats * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
