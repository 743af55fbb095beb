package dev.mixguard.api.probe.jobs;

/** A probe-job id that names no job kept for the model: answered 404. */
public class UnknownJobException extends RuntimeException {

    public UnknownJobException(String model, String id) {
        super("expected the id of a probe job of model \"" + model + "\" (finished jobs are kept up to "
                + "mixguard.probe.max-retained-jobs), found \"" + id + "\"");
    }
}
