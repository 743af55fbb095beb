package dev.mixguard.inference;

import ai.onnxruntime.OrtSession;
import java.util.List;

/** A session opened on the first execution provider that worked, and the providers skipped on the way. */
record OpenedSession(OrtSession session, Choice choice) {

    /** The provider in use and why the ones before it were skipped. */
    record Choice(ExecutionProvider provider, List<SkippedProvider> skipped) {

        Choice {
            skipped = List.copyOf(skipped);
        }
    }
}
