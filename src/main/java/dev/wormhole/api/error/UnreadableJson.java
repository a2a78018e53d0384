package dev.wormhole.api.error;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * What is wrong with a body the strict JSON reader refused, as the field to name ({@code param}, null when the
 * failure is not about one field) and a message that tells the caller what to send instead.
 */
public record UnreadableJson(String param, String message) {

    private static final String DUPLICATE = "Duplicate field '";
    private static final int MAX_KEY = 64;

    /** The description of a Jackson failure; a syntax error or a repeated key wins over the path it was met on. */
    public static UnreadableJson of(JsonProcessingException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StreamReadException syntax) {
                return syntax(syntax);
            }
        }
        String detail = firstLine(failure.getOriginalMessage());
        if (!(failure instanceof JsonMappingException mapping)) {
            return new UnreadableJson(null, "The request body is not valid JSON (" + detail + ").");
        }
        if (mapping.getPath().isEmpty()) {
            if (detail.startsWith("Trailing token")) {
                return new UnreadableJson(null, "The request body holds more than one JSON value; send exactly one "
                        + "object.");
            }
            return new UnreadableJson(null, "The request body must be a JSON object of the documented shape.");
        }
        String param = ExceptionMappers.path(mapping);
        Class<?> target = failure instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        return new UnreadableJson(param, "'" + param + "' " + expected(target)
                + "; values of another type are not converted.");
    }

    private static UnreadableJson syntax(StreamReadException failure) {
        String detail = firstLine(failure.getOriginalMessage());
        if (detail.startsWith(DUPLICATE)) {
            String param = failure.getProcessor() == null ? null : path(failure.getProcessor());
            return new UnreadableJson(param, "The key " + (param == null ? "" : "'" + param + "' ")
                    + "appears more than once in the same object; send each key once.");
        }
        return new UnreadableJson(null, "The request body is not valid JSON (" + detail + ").");
    }

    /** Where the parser stands, e.g. {@code messages[0].role}, or null at the top level. */
    private static String path(JsonParser parser) {
        Deque<String> segments = new ArrayDeque<>();
        for (JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                segments.push("[" + c.getCurrentIndex() + "]");
            } else if (c.getCurrentName() != null) {
                segments.push("." + key(c.getCurrentName()));
            }
        }
        String path = String.join("", segments);
        return path.isEmpty() ? null : path.substring(path.startsWith(".") ? 1 : 0);
    }

    /** A client-chosen key as it may appear in an error: long ones are cut short. */
    public static String key(String key) {
        return key.length() <= MAX_KEY ? key : key.substring(0, MAX_KEY) + "…";
    }

    private static String expected(Class<?> target) {
        if (target == null || target == Object.class || JsonNode.class.isAssignableFrom(target)) {
            return "has the wrong type";
        }
        if (target == Integer.class || target == Long.class || target == Short.class || target == int.class
                || target == long.class) {
            return "must be an integer (5, not \"5\" or 5.5)";
        }
        if (Number.class.isAssignableFrom(target) || target == double.class || target == float.class) {
            return "must be a number (0.5, not \"0.5\")";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "must be true or false (not 1 or \"true\")";
        }
        if (target == String.class) {
            return "must be a string";
        }
        if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "must be an array";
        }
        return Map.class.isAssignableFrom(target) || target.isRecord() ? "must be an object" : "has the wrong type";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
