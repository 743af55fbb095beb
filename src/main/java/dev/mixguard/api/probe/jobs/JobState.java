package dev.mixguard.api.probe.jobs;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a probe job is: waiting for the probe executor, running, or ended in one of four ways. */
public enum JobState {
    QUEUED, RUNNING, SUCCEEDED, CANCELLED, TIMED_OUT, FAILED;

    /** Whether the job has ended. */
    public boolean finished() {
        return this != QUEUED && this != RUNNING;
    }

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
