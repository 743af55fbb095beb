package dev.mixguard.inference;

import ai.onnxruntime.OrtSession;
import java.nio.file.Path;
import java.util.List;

/** A session opened on the first execution provider that worked, and the providers skipped on the way. */
record OpenedSession(OrtSession session, Choice choice) {

    /**
     * The provider in use, why the ones before it were skipped, and the file the session was created from
     * (the model, or its pre-compiled EPContext model).
     */
    record Choice(ExecutionProvider provider, List<SkippedProvider> skipped, Path source) {

        Choice {
            skipped = List.copyOf(skipped);
        }
    }
}
