package dev.wormhole.provider.gemini;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.wormhole.core.GatewayException;

/**
 * JSON Schema → the OpenAPI subset Gemini reads ({@code responseSchema}, function {@code parameters}).
 * <ul>
 * <li>kept: type (upper-cased), format, title, description, nullable, enum, properties, required, items,
 * minItems, maxItems, minimum, maximum, minLength, maxLength, pattern, minProperties, maxProperties,
 * propertyOrdering, anyOf;</li>
 * <li>rewritten: a type list with {@code "null"} becomes the type plus {@code nullable}, several types become
 * {@code anyOf}; {@code const} becomes a one-value {@code enum}; {@code oneOf} becomes {@code anyOf}; a
 * one-element {@code allOf} is merged; local {@code $ref}s ({@code #/$defs/…}, {@code #/definitions/…})
 * are inlined;</li>
 * <li>dropped, as they only loosen what is checked: {@code additionalProperties}, {@code $schema},
 * {@code $id}, {@code default}, {@code examples} and other annotations;</li>
 * <li>refused with a 400: recursive or non-local references and a multi-element {@code allOf}.</li>
 * </ul>
 */
final class GeminiSchema {

    private static final Set<String> KEPT = Set.of("format", "title", "description", "nullable", "enum", "minItems",
            "maxItems", "minimum", "maximum", "minLength", "maxLength", "pattern", "minProperties", "maxProperties",
            "propertyOrdering", "required");
    private static final int MAX_DEPTH = 32;

    private GeminiSchema() {
    }

    static Map<String, Object> translate(Map<String, Object> schema, String param) {
        Object defs = schema.containsKey("$defs") ? schema.get("$defs") : schema.get("definitions");
        return node(schema, defs instanceof Map<?, ?> m ? m : Map.of(), param, 0);
    }

    private static Map<String, Object> node(Map<?, ?> schema, Map<?, ?> defs, String param, int depth) {
        if (depth > MAX_DEPTH) {
            throw refuse(param, "is nested too deeply or refers to itself; Gemini schemas cannot be recursive.");
        }
        if (schema.get("$ref") instanceof String ref) {
            return node(resolve(ref, defs, param), defs, param, depth + 1);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (schema.get("allOf") instanceof List<?> all) {
            if (all.size() != 1 || !(all.get(0) instanceof Map<?, ?> only)) {
                throw refuse(param, "uses allOf with several schemas, which Gemini cannot express.");
            }
            out.putAll(node(only, defs, param, depth + 1));
        }
        Object type = schema.get("type");
        if (type instanceof String t) {
            out.put("type", t.toUpperCase(Locale.ROOT));
        } else if (type instanceof List<?> types) {
            List<String> concrete = new ArrayList<>();
            for (Object t : types) {
                if ("null".equals(t)) {
                    out.put("nullable", true);
                } else {
                    concrete.add(String.valueOf(t).toUpperCase(Locale.ROOT));
                }
            }
            if (concrete.size() == 1) {
                out.put("type", concrete.get(0));
            } else if (concrete.size() > 1) {
                out.put("anyOf", concrete.stream().map(t -> Map.of("type", t)).toList());
            }
        }
        for (Map.Entry<?, ?> e : schema.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (KEPT.contains(key)) {
                out.put(key, e.getValue());
            }
        }
        if (schema.containsKey("const")) {
            out.put("enum", List.of(schema.get("const")));
        }
        if (schema.get("properties") instanceof Map<?, ?> properties) {
            Map<String, Object> translated = new LinkedHashMap<>();
            for (Map.Entry<?, ?> p : properties.entrySet()) {
                if (p.getValue() instanceof Map<?, ?> child) {
                    translated.put(String.valueOf(p.getKey()), node(child, defs, param, depth + 1));
                }
            }
            out.put("properties", translated);
        }
        if (schema.get("items") instanceof Map<?, ?> items) {
            out.put("items", node(items, defs, param, depth + 1));
        }
        Object alternatives = schema.containsKey("anyOf") ? schema.get("anyOf") : schema.get("oneOf");
        if (alternatives instanceof List<?> options) {
            List<Object> translated = new ArrayList<>();
            for (Object option : options) {
                if (option instanceof Map<?, ?> o) {
                    translated.add(node(o, defs, param, depth + 1));
                }
            }
            out.put("anyOf", translated);
        }
        return out;
    }

    private static Map<?, ?> resolve(String ref, Map<?, ?> defs, String param) {
        String name = ref.startsWith("#/$defs/") ? ref.substring(8)
                : ref.startsWith("#/definitions/") ? ref.substring(14) : null;
        if (name == null || !(defs.get(name) instanceof Map<?, ?> target)) {
            throw refuse(param, "refers to '" + ref + "', which is not a local definition; inline it for Gemini.");
        }
        return target;
    }

    private static GatewayException refuse(String param, String why) {
        return GatewayException.invalid(param, "The schema in '" + param + "' " + why);
    }
}
