package dev.mixguard.api.v2;

import dev.mixguard.model.InvalidInputException;
import java.util.Map;

/** Typed reads of the {@code parameters} objects of v2 requests, inputs and outputs. */
final class Parameters {

    private Parameters() {
    }

    /** An integer parameter, or null when absent. */
    static Long longValue(Map<String, Object> parameters, String key, String owner) {
        Object value = parameters == null ? null : parameters.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
            return number.longValue();
        }
        throw new InvalidInputException(owner + ": expected parameter " + key + " to be an integer, found "
                + describe(value));
    }

    /** A boolean parameter, or {@code absent} when it is not there. */
    static boolean flag(Map<String, Object> parameters, String key, String owner, boolean absent) {
        Object value = parameters == null ? null : parameters.get(key);
        if (value == null) {
            return absent;
        }
        if (value instanceof Boolean bool) {
            return bool;
        }
        throw new InvalidInputException(owner + ": expected parameter " + key + " to be true or false, found "
                + describe(value));
    }

    private static String describe(Object value) {
        return value instanceof String text ? "\"" + text + "\"" : String.valueOf(value);
    }
}
