package dev.mixguard.api;

import dev.mixguard.model.InvalidInputException;
import java.util.function.Function;

/**
 * Parses query parameters read as text, so a malformed number is a 400 naming the parameter rather than the bare
 * 404 JAX-RS gives when it cannot convert one.
 */
public final class QueryValues {

    private QueryValues() {
    }

    /** {@code text} as an int, or null when absent. */
    public static Integer integer(String name, String text) {
        return parse(name, text, "an integer", Integer::valueOf);
    }

    /** {@code text} as a long, or null when absent. */
    public static Long longValue(String name, String text) {
        return parse(name, text, "an integer", Long::valueOf);
    }

    /** {@code text} as a double, or null when absent. */
    public static Double number(String name, String text) {
        return parse(name, text, "a number", Double::valueOf);
    }

    /** {@code text} as a float, or null when absent. */
    public static Float floatValue(String name, String text) {
        return parse(name, text, "a number", Float::valueOf);
    }

    private static <T> T parse(String name, String text, String expected, Function<String, T> parser) {
        if (text == null) {
            return null;
        }
        try {
            return parser.apply(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name + ": expected " + expected + ", found \"" + text + "\"");
        }
    }
}
