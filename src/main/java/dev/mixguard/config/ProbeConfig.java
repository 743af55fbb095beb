package dev.mixguard.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** Access to the robustness probe, its own executor, and the hard caps on queries, time, images and jobs. */
@ConfigMapping(prefix = "mixguard.probe")
public interface ProbeConfig {

    /** Whether the probe routes exist; when false they answer 404 naming this setting. */
    @WithDefault("true")
    boolean enabled();

    /** When set, probe routes need this value in the {@code X-API-Key} header, else 401. */
    Optional<String> apiKey();

    /** Threads of the probe executor: probes running at once, beside and never on the inference executor. */
    @WithDefault("1")
    int threads();

    /** Probes and jobs admitted beyond the running ones; when full, new ones get 429 with Retry-After. */
    @WithDefault("8")
    int queueSize();

    /** Most forward passes one image may cost, the clean pass included: 1 + restarts x (queries + 1). */
    @WithDefault("20000")
    int maxQueriesPerImage();

    /** Steps per restart (AutoAttack's n_queries) when a request names none. */
    @WithDefault("5000")
    int defaultQueries();

    /** Wall-time cap of one POST .../probe, counted from when it starts running. */
    @WithDefault("60s")
    Duration maxRequestTime();

    /** Wall-time cap of one probe job, counted from when its first batch starts running. */
    @WithDefault("30m")
    Duration maxJobTime();

    /** Most images one probe job may cover. */
    @WithDefault("1000")
    int maxJobImages();

    /** Probe jobs queued or running at once; more get 429. */
    @WithDefault("2")
    int maxConcurrentJobs();

    /** Jobs kept for GET after they finish; beyond this the oldest finished one is dropped. */
    @WithDefault("20")
    int maxRetainedJobs();

    /**
     * Bytes of adversarial-example PNGs that finished jobs keep for GET .../adversarial/{index}, all kept jobs
     * together; a job ending when it is full keeps its first examples that fit, in image order, or none.
     */
    @WithDefault("16M")
    MemorySize keptAdversarialMemory();

    /** Images per model call in a job (one executor task each); defaults to mixguard.limits.max-batch. */
    OptionalInt jobBatchSize();

    /**
     * On SIGTERM, how long before Quarkus stops waiting for requests in flight (the drain delay plus
     * {@code quarkus.shutdown.timeout} after the signal) the probes still running are stopped at their next step: a
     * probe request then answers 503, an event stream ends with an "error" event, a job ends cancelled with the
     * reason. Time for the stopped step, the answer and the job's ending to be written before the process exits.
     */
    @WithDefault("2s")
    Duration shutdownMargin();

    /** Seconds a client told 429 is asked to wait (the Retry-After header). */
    @WithDefault("5")
    int retryAfterSeconds();
}
