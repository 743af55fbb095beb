package dev.mixguard.api.probe.jobs;

/** A job's result was asked for before the job ended with one: answered 409. */
public class JobNotReadyException extends RuntimeException {

    public JobNotReadyException(String id, JobState state) {
        super("expected probe job \"" + id + "\" to have ended with a result, found it " + state.id());
    }
}
