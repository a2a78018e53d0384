package dev.wormhole.core;

/** A model's request to call a function; {@code arguments} is the JSON text the model produced. */
public record ToolCall(String id, String name, String arguments) {
}
