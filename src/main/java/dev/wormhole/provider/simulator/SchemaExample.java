package dev.wormhole.provider.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deterministic value that satisfies a (subset of) JSON schema, as plain maps and lists: the simulator's
 * tool-call arguments and structured outputs. Strings take the supplied text, numbers their minimum or 1.
 */
final class SchemaExample {

    private static final int MAX_DEPTH = 8;

    private SchemaExample() {
    }

    static Object valueFor(Map<String, Object> schema, String text) {
        return value(schema, text, 0);
    }

    @SuppressWarnings("unchecked")
    private static Object value(Object node, String text, int depth) {
        if (!(node instanceof Map<?, ?> raw) || depth > MAX_DEPTH) {
            return text;
        }
        Map<String, Object> schema = (Map<String, Object>) raw;
        if (schema.get("const") != null) {
            return schema.get("const");
        }
        if (schema.get("enum") instanceof List<?> values && !values.isEmpty()) {
            return values.get(0);
        }
        for (String combinator : List.of("anyOf", "oneOf", "allOf")) {
            if (schema.get(combinator) instanceof List<?> options && !options.isEmpty()) {
                return value(options.get(0), text, depth + 1);
            }
        }
        Object type = schema.get("type");
        if (type instanceof List<?> types && !types.isEmpty()) {
            type = types.get(0);
            for (Object candidate : types) {
                if (!"null".equals(candidate)) {
                    type = candidate;
                    break;
                }
            }
        }
        if (type == null) {
            type = schema.containsKey("properties") ? "object" : "string";
        }
        return switch (String.valueOf(type)) {
            case "object" -> object(schema, text, depth);
            case "array" -> List.of(value(schema.get("items"), text, depth + 1));
            case "integer" -> schema.get("minimum") instanceof Number n ? (Object) n.longValue() : (Object) 1L;
            case "number" -> schema.get("minimum") instanceof Number n ? (Object) n.doubleValue() : (Object) 1.0;
            case "boolean" -> true;
            case "null" -> null;
            default -> text;
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> schema, String text, int depth) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!(schema.get("properties") instanceof Map<?, ?> properties)) {
            return out;
        }
        List<String> names = new ArrayList<>();
        if (schema.get("required") instanceof List<?> required && !required.isEmpty()) {
            required.forEach(r -> names.add(String.valueOf(r)));
        } else {
            properties.keySet().forEach(k -> names.add(String.valueOf(k)));
        }
        for (String name : names) {
            out.put(name, value(((Map<String, Object>) properties).get(name), text, depth + 1));
        }
        return out;
    }
}
