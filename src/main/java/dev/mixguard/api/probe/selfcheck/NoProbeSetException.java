package dev.mixguard.api.probe.selfcheck;

/** The model bundles no probe set with a recorded clean count, so the self-check cannot run it: answered 404. */
class NoProbeSetException extends RuntimeException {

    NoProbeSetException(String message) {
        super(message);
    }
}
