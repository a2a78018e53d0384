package dev.wormhole.api.dto;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/** {@code GET /v1/tools}: the server-side tools. */
public record ToolList(String object, List<Entry> data) {

    /** One tool and the JSON schema of its arguments. */
    public record Entry(String name, String description, Map<String, Object> parameters, boolean idempotent) {
    }

    /** The result of {@code POST /v1/tools/{name}/invoke}. */
    public record Invocation(String tool, JsonNode result, @JsonProperty("duration_ms") long durationMs) {
    }
}
