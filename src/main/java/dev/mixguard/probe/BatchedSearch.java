package dev.mixguard.probe;

import dev.mixguard.model.Scores;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * AutoAttack's restart-and-step loop: each step is one counted model call for every image still standing.
 *
 * <p>Standing means not yet fooled and with a query left; each step starts with one check for cancellation and
 * the deadline.
 */
final class BatchedSearch {

    /** How a state takes a scored point: a restart's start or a step's candidate. */
    private interface Update {
        void apply(SearchState state, float[] point, Scores scores);
    }

    private final Proposer proposer;
    private final int iterations;
    private final int restarts;
    private final CountingClassifier model;
    private final ProbeControl control;
    private final Runnable afterStep;

    BatchedSearch(Proposer proposer, AttackSettings settings, CountingClassifier model, ProbeControl control,
            Runnable afterStep) {
        this.proposer = proposer;
        this.iterations = settings.iterations();
        this.restarts = settings.restarts();
        this.model = model;
        this.control = control;
        this.afterStep = afterStep;
    }

    /** Runs every restart and step; on return every state has ended. */
    void run(List<SearchState> states) {
        for (int restart = 0; restart < restarts; restart++) {
            if (!step(states, s -> proposer.start(s.x, s.rng), SearchState::restartFrom)) {
                return;
            }
            for (int it = 0; it < iterations; it++) {
                int iteration = it;
                if (!step(states, s -> proposer.next(s.x, s.best(), iteration, s.rng), SearchState::offer)) {
                    return;
                }
            }
        }
        states.forEach(s -> s.end(ProbeStatus.NOT_FOUND));
    }

    /** One step; false when the search is over (nobody standing, cancelled or out of time). */
    private boolean step(List<SearchState> states, Function<SearchState, float[]> propose, Update update) {
        List<SearchState> standing = standing(states);
        if (standing.isEmpty()) {
            return false;
        }
        Optional<ProbeStatus> stop = control.stopReason();
        if (stop.isPresent()) {
            standing.forEach(s -> s.end(stop.get()));
            return false;
        }
        int[] ids = new int[standing.size()];
        List<float[]> candidates = new ArrayList<>(standing.size());
        for (int i = 0; i < ids.length; i++) {
            ids[i] = standing.get(i).id;
            candidates.add(propose.apply(standing.get(i)));
        }
        List<Scores> scores = model.classify(ids, candidates);
        for (int i = 0; i < ids.length; i++) {
            update.apply(standing.get(i), candidates.get(i), scores.get(i));
        }
        afterStep.run();
        return true;
    }

    /** States still running with a query left; those out of queries end as not found. */
    private List<SearchState> standing(List<SearchState> states) {
        List<SearchState> standing = new ArrayList<>();
        for (SearchState s : states) {
            if (s.running() && model.remaining(s.id) < 1) {
                s.end(ProbeStatus.NOT_FOUND);
            } else if (s.running()) {
                standing.add(s);
            }
        }
        return standing;
    }
}
