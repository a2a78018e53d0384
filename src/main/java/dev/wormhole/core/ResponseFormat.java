package dev.wormhole.core;

import java.util.Map;

/** Requested output format: free text, any JSON object, or JSON following a schema. */
public record ResponseFormat(Type type, String schemaName, Map<String, Object> schema, Boolean strict) {

    /** The formats OpenAI's {@code response_format} can express. */
    public enum Type {
        TEXT, JSON_OBJECT, JSON_SCHEMA
    }
}
