package dev.wormhole.core;

import java.util.Map;

/**
 * A function the model may call.
 *
 * @param parameters the JSON schema of the arguments, as plain maps and lists
 * @param strict     whether the model must follow the schema exactly (null: provider default)
 */
public record ToolDefinition(String name, String description, Map<String, Object> parameters, Boolean strict) {
}
