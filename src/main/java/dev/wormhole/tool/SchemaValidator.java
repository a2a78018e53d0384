package dev.wormhole.tool;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks tool arguments against the subset of JSON Schema tools use: {@code type} (one or several),
 * {@code properties}, {@code required}, {@code additionalProperties}, {@code enum}, {@code const},
 * {@code minimum}/{@code maximum} (and exclusive), {@code minLength}/{@code maxLength}, {@code pattern},
 * {@code items}, {@code minItems}/{@code maxItems}, {@code anyOf}/{@code oneOf}. Keywords outside the subset
 * are ignored. Returns every problem found, each naming its path.
 */
final class SchemaValidator {

    private static final int MAX_DEPTH = 32;

    private SchemaValidator() {
    }

    static List<String> validate(JsonNode value, Map<String, Object> schema) {
        List<String> problems = new ArrayList<>();
        check(value, schema, "$", problems, 0);
        return problems;
    }

    @SuppressWarnings("unchecked")
    private static void check(JsonNode value, Object node, String path, List<String> problems, int depth) {
        if (!(node instanceof Map<?, ?> raw) || depth > MAX_DEPTH) {
            return;
        }
        Map<String, Object> schema = (Map<String, Object>) raw;
        for (String combinator : List.of("anyOf", "oneOf")) {
            if (schema.get(combinator) instanceof List<?> options && !options.isEmpty()) {
                boolean any = options.stream().anyMatch(o -> {
                    List<String> sub = new ArrayList<>();
                    check(value, o, path, sub, depth + 1);
                    return sub.isEmpty();
                });
                if (!any) {
                    problems.add(path + " matches none of the allowed shapes");
                }
            }
        }
        if (schema.containsKey("const") && !matches(value, schema.get("const"))) {
            problems.add(path + " must be " + schema.get("const"));
        }
        if (schema.get("enum") instanceof List<?> values && values.stream().noneMatch(v -> matches(value, v))) {
            problems.add(path + " must be one of " + values);
        }
        Object type = schema.get("type");
        if (type != null && !hasType(value, type)) {
            problems.add(path + " must be of type " + type);
            return;
        }
        if (value.isObject()) {
            object(value, schema, path, problems, depth);
        } else if (value.isArray()) {
            array(value, schema, path, problems, depth);
        } else if (value.isTextual()) {
            text(value.asText(), schema, path, problems);
        } else if (value.isNumber()) {
            number(value.asDouble(), schema, path, problems);
        }
    }

    @SuppressWarnings("unchecked")
    private static void object(JsonNode value, Map<String, Object> schema, String path, List<String> problems,
            int depth) {
        Map<String, Object> properties = schema.get("properties") instanceof Map<?, ?> p ? (Map<String, Object>) p
                : Map.of();
        if (schema.get("required") instanceof List<?> required) {
            for (Object name : required) {
                if (!value.has(String.valueOf(name))) {
                    problems.add(path + "." + name + " is required");
                }
            }
        }
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String fieldPath = path + "." + field.getKey();
            if (properties.containsKey(field.getKey())) {
                check(field.getValue(), properties.get(field.getKey()), fieldPath, problems, depth + 1);
            } else if (Boolean.FALSE.equals(schema.get("additionalProperties"))) {
                problems.add(fieldPath + " is not allowed");
            } else if (schema.get("additionalProperties") instanceof Map<?, ?> extra) {
                check(field.getValue(), extra, fieldPath, problems, depth + 1);
            }
        }
    }

    private static void array(JsonNode value, Map<String, Object> schema, String path, List<String> problems,
            int depth) {
        bound(value.size(), schema.get("minItems"), schema.get("maxItems"), path + " item count", problems);
        if (schema.containsKey("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), schema.get("items"), path + "[" + i + "]", problems, depth + 1);
            }
        }
    }

    private static void text(String text, Map<String, Object> schema, String path, List<String> problems) {
        bound(text.codePointCount(0, text.length()), schema.get("minLength"), schema.get("maxLength"),
                path + " length", problems);
        if (schema.get("pattern") instanceof String pattern) {
            try {
                if (!Pattern.compile(pattern).matcher(text).find()) {
                    problems.add(path + " must match " + pattern);
                }
            } catch (PatternSyntaxException e) {
                // A pattern Java cannot read is not enforced.
            }
        }
    }

    private static void number(double number, Map<String, Object> schema, String path, List<String> problems) {
        if (schema.get("minimum") instanceof Number min && number < min.doubleValue()) {
            problems.add(path + " must be at least " + min);
        }
        if (schema.get("maximum") instanceof Number max && number > max.doubleValue()) {
            problems.add(path + " must be at most " + max);
        }
        if (schema.get("exclusiveMinimum") instanceof Number min && number <= min.doubleValue()) {
            problems.add(path + " must be greater than " + min);
        }
        if (schema.get("exclusiveMaximum") instanceof Number max && number >= max.doubleValue()) {
            problems.add(path + " must be less than " + max);
        }
    }

    private static void bound(int size, Object min, Object max, String what, List<String> problems) {
        if (min instanceof Number n && size < n.intValue()) {
            problems.add(what + " must be at least " + n);
        }
        if (max instanceof Number n && size > n.intValue()) {
            problems.add(what + " must be at most " + n);
        }
    }

    private static boolean hasType(JsonNode value, Object type) {
        if (type instanceof List<?> types) {
            return types.stream().anyMatch(t -> hasType(value, t));
        }
        return switch (String.valueOf(type)) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber() || value.isNumber() && value.asDouble() == Math.rint(value.asDouble());
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> true;
        };
    }

    private static boolean matches(JsonNode value, Object expected) {
        if (expected == null) {
            return value.isNull();
        }
        if (expected instanceof Number n) {
            return value.isNumber() && value.asDouble() == n.doubleValue();
        }
        if (expected instanceof Boolean b) {
            return value.isBoolean() && value.asBoolean() == b;
        }
        return value.isTextual() && value.asText().equals(String.valueOf(expected));
    }
}
