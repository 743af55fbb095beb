package dev.mixguard.inference;

import dev.mixguard.model.Knobs;
import dev.mixguard.model.Scores;
import java.util.List;

/** What the batcher runs: one batch of flat CHW images under one set of knobs, one Scores per image in order. */
@FunctionalInterface
public interface BatchRunner {

    /** Runs the batch; may be called from several threads at once. */
    List<Scores> run(List<float[]> images, Knobs knobs);
}
