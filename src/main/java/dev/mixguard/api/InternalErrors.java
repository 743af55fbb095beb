package dev.mixguard.api;

import dev.mixguard.inference.InferenceException;
import dev.mixguard.inference.ModelUnavailableException;
import dev.mixguard.inference.OverloadedException;
import dev.mixguard.model.InvalidInputException;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * What a client is told of a failure it did not cause: the service's own failures that already say, in plain words,
 * what was expected and found keep their message; anything else is "an internal error" with an error id under which
 * the server log holds the exception, so no Java type, file path or stack trace reaches a client.
 */
public final class InternalErrors {

    private static final Logger LOG = Logger.getLogger(InternalErrors.class);
    /** Failures whose messages are written for clients. */
    private static final List<Class<? extends RuntimeException>> WORDED = List.of(InferenceException.class,
            ModelUnavailableException.class, OverloadedException.class, InvalidInputException.class);

    private InternalErrors() {
    }

    /** {@code e}'s own message when it is written for clients, else "an internal error; ..." once it is logged. */
    public static String describe(Throwable e, String context) {
        if (WORDED.stream().anyMatch(type -> type.isInstance(e))) {
            LOG.warnf("%s: %s", context, e.getMessage());
            return e.getMessage();
        }
        return "an internal error; " + logged(e, context);
    }

    /** Logs {@code e} with its stack under a fresh error id; says where to find it, in words a client may see. */
    public static String logged(Throwable e, String context) {
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "%s, error id %s", context, id);
        return "the server log has details under error id " + id;
    }
}
