package dev.mixguard.api.probe.jobs;

import dev.mixguard.image.PngEncoder;
import dev.mixguard.model.ImageShape;
import dev.mixguard.probe.ProbeResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The adversarial examples a finished job keeps, as 8-bit PNGs by image index: the first ones in image order that fit
 * in the shared {@link AdversarialMemory}; the float images themselves are let go with the job.
 */
final class AdversarialPngs {

    private final Map<Integer, byte[]> pngs;
    private final long bytes;
    private final AdversarialMemory memory;
    private boolean released;

    private AdversarialPngs(Map<Integer, byte[]> pngs, long bytes, AdversarialMemory memory) {
        this.pngs = pngs;
        this.bytes = bytes;
        this.memory = memory;
    }

    /** Encodes and keeps the adversarial examples of {@code rows} while {@code memory} has room. */
    static AdversarialPngs keep(List<ProbeResult> rows, ImageShape shape, AdversarialMemory memory) {
        Map<Integer, byte[]> kept = new HashMap<>();
        long total = 0;
        for (ProbeResult r : rows) {
            if (r.adversarial() == null) {
                continue;
            }
            byte[] png = PngEncoder.encode(r.adversarial().image(), shape);
            if (!memory.reserve(png.length)) {
                break;
            }
            kept.put(r.index(), png);
            total += png.length;
        }
        return new AdversarialPngs(kept, total, memory);
    }

    /** Whether the example of image {@code index} is kept. */
    synchronized boolean has(int index) {
        return !released && pngs.containsKey(index);
    }

    /** The PNG of image {@code index}'s example, if kept. */
    synchronized Optional<byte[]> png(int index) {
        return released ? Optional.empty() : Optional.ofNullable(pngs.get(index));
    }

    /** Gives the bytes back to the shared cap (once). */
    synchronized void release() {
        if (!released) {
            released = true;
            memory.release(bytes);
        }
    }
}
