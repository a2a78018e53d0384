package dev.wormhole.tool;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;

/**
 * A tool the gateway runs itself. Every CDI bean implementing this interface is registered at start-up;
 * arguments are validated against {@link #parameters()} before {@link #execute} is called, and every call
 * runs under the tool's own fault-tolerance guards.
 */
public interface Tool {

    /** The name models call it by: 1 to 64 letters, digits, '_' or '-'. */
    String name();

    /** What it does, for the model. */
    String description();

    /** The JSON schema of its arguments (an object schema), as plain maps and lists. */
    Map<String, Object> parameters();

    /** Whether running it twice has the effect of running it once; only idempotent tools are retried. */
    boolean idempotent();

    /** Runs the tool. Must not block the calling thread; fails with {@link ToolException} for a tool error. */
    Uni<JsonNode> execute(JsonNode arguments);
}
