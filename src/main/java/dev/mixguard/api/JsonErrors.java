package dev.mixguard.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;

/** Says what was wrong with a JSON body in JSON's own terms (object, array, number, path), never Java type names. */
public final class JsonErrors {

    /** A Java type as Jackson quotes it, e.g. {@code `dev.mixguard.api.classify.ClassifyRequest`} or {@code `int`}. */
    private static final Pattern JAVA_TYPE = Pattern.compile("`[\\w.$\\[\\]<>, ]+`");

    private JsonErrors() {
    }

    /** What was found, and where, e.g. {@code "a string where a number belongs at $.tensor.shape[0]"}. */
    public static String found(JsonProcessingException e) {
        String where = e instanceof JsonMappingException mapping ? " at " + path(mapping) : location(e.getLocation());
        String message = e.getOriginalMessage() == null ? "unreadable JSON" : e.getOriginalMessage();
        message = message.lines().findFirst().orElse(message);
        boolean namesType = JAVA_TYPE.matcher(message).find();
        if (namesType && e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "a value that is not " + kind(mismatch.getTargetType()) + where;
        }
        return (namesType ? JAVA_TYPE.matcher(message).replaceAll("a value") : message) + where;
    }

    /** The JSON kind a Java type is read from. */
    static String kind(Class<?> type) {
        if (type == String.class || type == Character.class || type == char.class || type.isEnum()) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return Map.class.isAssignableFrom(type) || type.isRecord() ? "an object" : "a JSON value";
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder("$");
        for (JsonMappingException.Reference ref : e.getPath()) {
            path.append(ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]");
        }
        return path.toString();
    }

    private static String location(JsonLocation at) {
        return at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }
}
