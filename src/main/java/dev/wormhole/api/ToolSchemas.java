package dev.wormhole.api;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.wormhole.api.error.UnreadableJson;
import dev.wormhole.core.GatewayException;

/**
 * Checks that a function's {@code parameters} is a well-formed JSON Schema object, as OpenAI does before a
 * model sees it: the keywords that hold types, schemas and names have the shape the specification gives them,
 * and nesting is bounded. Keywords it does not list (descriptions, formats, bounds) are left to the upstream.
 */
final class ToolSchemas {

    /** Deepest schema nesting accepted; the parameters object itself is level 1. */
    static final int MAX_DEPTH = 64;

    private static final Set<String> TYPES = Set.of("object", "array", "string", "number", "integer", "boolean",
            "null");
    private static final List<String> SCHEMA_LISTS = List.of("anyOf", "oneOf", "allOf", "prefixItems");
    private static final List<String> SCHEMA_MAPS = List.of("properties", "$defs", "definitions", "patternProperties");
    private static final List<String> SINGLE_SCHEMAS = List.of("not", "if", "then", "else", "contains",
            "propertyNames");

    private ToolSchemas() {
    }

    /** Refuses a malformed {@code parameters} schema with a 400 naming the offending keyword's path. */
    static void check(Map<String, Object> parameters, String path) {
        if (parameters == null) {
            return;
        }
        Object type = parameters.get("type");
        if (type != null && !"object".equals(type)) {
            throw GatewayException.invalid(path + ".type", "A function's parameters must be a JSON Schema of type "
                    + "'object'.");
        }
        node(parameters, path, 1);
    }

    private static void node(Object node, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw GatewayException.invalid(path, "The schema nests deeper than " + MAX_DEPTH + " levels.");
        }
        if (!(node instanceof Map<?, ?> schema)) {
            throw GatewayException.invalid(path, path + " must be a JSON Schema object.");
        }
        type(schema.get("type"), path + ".type");
        for (String keyword : SCHEMA_MAPS) {
            schemaMap(schema.get(keyword), path + "." + keyword, depth);
        }
        for (String keyword : SCHEMA_LISTS) {
            schemaList(schema.get(keyword), path + "." + keyword, depth);
        }
        for (String keyword : SINGLE_SCHEMAS) {
            if (schema.containsKey(keyword)) {
                node(schema.get(keyword), path + "." + keyword, depth + 1);
            }
        }
        Object items = schema.get("items");
        if (items instanceof List<?>) {
            schemaList(items, path + ".items", depth);
        } else if (items != null) {
            node(items, path + ".items", depth + 1);
        }
        Object additional = schema.get("additionalProperties");
        if (additional != null && !(additional instanceof Boolean)) {
            node(additional, path + ".additionalProperties", depth + 1);
        }
        Object required = schema.get("required");
        if (required != null
                && !(required instanceof List<?> names && names.stream().allMatch(String.class::isInstance))) {
            throw GatewayException.invalid(path + ".required", "required must be an array of property names.");
        }
        if (schema.containsKey("enum") && !(schema.get("enum") instanceof List<?>)) {
            throw GatewayException.invalid(path + ".enum", "enum must be an array of values.");
        }
    }

    private static void type(Object type, String path) {
        boolean valid = type == null || typeName(type) || type instanceof List<?> list && !list.isEmpty()
                && list.stream().allMatch(ToolSchemas::typeName);
        if (!valid) {
            throw GatewayException.invalid(path, "type must be one of " + String.join(", ", TYPES.stream().sorted()
                    .toList()) + ", or an array of them.");
        }
    }

    private static boolean typeName(Object type) {
        return type instanceof String name && TYPES.contains(name);
    }

    private static void schemaMap(Object value, String path, int depth) {
        if (value == null) {
            return;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw GatewayException.invalid(path, path.substring(path.lastIndexOf('.') + 1)
                    + " must be an object of schemas.");
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            node(entry.getValue(), path + "." + UnreadableJson.key(entry.getKey().toString()), depth + 1);
        }
    }

    private static void schemaList(Object value, String path, int depth) {
        if (value == null) {
            return;
        }
        if (!(value instanceof List<?> list)) {
            throw GatewayException.invalid(path, path.substring(path.lastIndexOf('.') + 1)
                    + " must be an array of schemas.");
        }
        for (int i = 0; i < list.size(); i++) {
            node(list.get(i), path + "[" + i + "]", depth + 1);
        }
    }
}
