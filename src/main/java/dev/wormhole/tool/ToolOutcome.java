package dev.wormhole.tool;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How one tool call ended: its result, or a structured error that the model (or the caller) can read.
 *
 * @param errorType {@code invalid_arguments}, {@code unknown_tool}, {@code timeout}, {@code circuit_open},
 *                  {@code bulkhead_full}, {@code output_too_large} or {@code tool_error}; null on success
 */
public record ToolOutcome(String tool, JsonNode result, String errorType, String errorMessage, long durationMillis) {

    public boolean succeeded() {
        return errorType == null;
    }
}
