package dev.mixguard.probe;

import java.util.List;

/** Turns the states of a running search into progress snapshots: on every finished image and every 50 steps. */
final class ProgressReporter {

    private static final int EVERY_STEPS = 50;

    private final ProgressListener listener;
    private final List<SearchState> states;
    private final CountingClassifier model;
    private int steps;
    private int lastDone = -1;

    ProgressReporter(ProgressListener listener, List<SearchState> states, CountingClassifier model) {
        this.listener = listener;
        this.states = states;
        this.model = model;
    }

    /** Called after each step; reports when an image finished or every {@value #EVERY_STEPS} steps. */
    void afterStep() {
        steps++;
        ProbeProgress now = snapshot();
        if (now.imagesDone() != lastDone || steps % EVERY_STEPS == 0) {
            emit(now);
        }
    }

    /** Reports the final state. */
    void finish() {
        emit(snapshot());
    }

    private void emit(ProbeProgress progress) {
        lastDone = progress.imagesDone();
        listener.onProgress(progress);
    }

    private ProbeProgress snapshot() {
        int done = 0;
        int robust = 0;
        for (SearchState s : states) {
            if (!s.running()) {
                done++;
                if (s.status() != ProbeStatus.FOUND && s.status() != ProbeStatus.CLEAN_MISCLASSIFIED) {
                    robust++;
                }
            }
        }
        return new ProbeProgress(done, states.size(), robust, model.totalQueries());
    }
}
