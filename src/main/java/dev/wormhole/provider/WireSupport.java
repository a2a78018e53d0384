package dev.wormhole.provider;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.core.ChatMessage;
import dev.wormhole.core.ContentPart;
import dev.wormhole.core.GatewayException;

/** Pieces of request and reply translation that every non-OpenAI dialect mapper needs in the same form. */
public final class WireSupport {

    private static final Pattern DATA_URL = Pattern.compile("data:([^;,]+)(;base64)?,(.*)", Pattern.DOTALL);

    private WireSupport() {
    }

    /** An image's bytes as base64 with their media type (lower-cased). */
    public record InlineData(String mediaType, String base64) {
    }

    /** The bytes of a base64 {@code data:} URL, or null for any other URL. */
    public static InlineData inlineData(String url) {
        Matcher data = DATA_URL.matcher(url);
        if (!data.matches() || data.group(2) == null) {
            return null;
        }
        return new InlineData(data.group(1).toLowerCase(Locale.ROOT), data.group(3));
    }

    /**
     * Refuses a caller-supplied field the dialect has no use for (one set to null or false asks for nothing
     * and passes), naming it; {@code accepted} are the fields the dialect takes or harmlessly ignores.
     */
    public static void refuseUnknownFields(Map<String, Object> extensions, Set<String> accepted, String dialect) {
        for (Map.Entry<String, Object> field : extensions.entrySet()) {
            Object value = field.getValue();
            if (!accepted.contains(field.getKey()) && value != null && !Boolean.FALSE.equals(value)) {
                throw GatewayException.invalid(field.getKey(), dialect + " has no parameter '" + field.getKey()
                        + "'; leave it out or route to another provider.");
            }
        }
    }

    /** The caller's {@code top_k}, or null; anything but an integer is a 400. */
    public static Integer topK(Map<String, Object> extensions) {
        Object topK = extensions.get("top_k");
        if (topK != null && !(topK instanceof Integer)) {
            throw GatewayException.invalid("top_k", "top_k must be an integer.");
        }
        return (Integer) topK;
    }

    /** The text of a system message; one holding anything but text is a 400 naming it. */
    public static String systemText(ChatMessage m, int index, String dialect) {
        if (m.content().stream().anyMatch(p -> !(p instanceof ContentPart.Text))) {
            throw GatewayException.invalid("messages[" + index + "]", "A system message can only hold text for "
                    + dialect + ".");
        }
        return m.text();
    }

    /**
     * Adds parts as a turn of {@code role}, merged into the last turn when that has the same role (for dialects
     * that alternate roles strictly). Nothing is added for no parts.
     */
    public static <T, P> void appendTurn(List<T> turns, String role, List<P> parts, Function<T, String> roleOf,
            Function<T, List<P>> partsOf, BiFunction<String, List<P>, T> turn) {
        if (parts.isEmpty()) {
            return;
        }
        T last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
        if (last != null && roleOf.apply(last).equals(role)) {
            List<P> merged = new ArrayList<>(partsOf.apply(last));
            merged.addAll(parts);
            turns.set(turns.size() - 1, turn.apply(role, merged));
        } else {
            turns.add(turn.apply(role, parts));
        }
    }

    /** Tool-call arguments (JSON text) as an object; blank is empty, anything but an object is a 400. */
    public static Map<String, Object> jsonObject(String arguments, String param, String dialect, ObjectMapper json) {
        if (arguments == null || arguments.isBlank()) {
            return Map.of();
        }
        try {
            if (json.readValue(arguments, Object.class) instanceof Map<?, ?> map) {
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(String.valueOf(k), v));
                return out;
            }
        } catch (JsonProcessingException e) {
            // Reported below, like a non-object.
        }
        throw GatewayException.invalid(param, param + " must be a JSON object for " + dialect + ".");
    }

    /** A decoded JSON value written back as text (a tool call's arguments). */
    public static String writeJson(Object value, ObjectMapper json) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode a decoded JSON value", e);
        }
    }

    /** An RFC 3339 time in epoch seconds, or {@code fallback} when absent or unreadable. */
    public static long epochSeconds(String rfc3339, long fallback) {
        if (rfc3339 == null) {
            return fallback;
        }
        try {
            return OffsetDateTime.parse(rfc3339).toEpochSecond();
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }

    public static long orZero(Long count) {
        return count == null ? 0 : count;
    }
}
