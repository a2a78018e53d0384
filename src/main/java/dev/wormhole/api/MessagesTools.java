package dev.wormhole.api;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.wormhole.api.dto.MessagesRequest;
import dev.wormhole.api.error.UnreadableJson;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.ToolChoice;
import dev.wormhole.core.ToolDefinition;

/**
 * Reads an Anthropic request's {@code tools} and {@code tool_choice}: client tools become core tool definitions
 * (their {@code input_schema} checked as chat tools' parameters are), and {@code auto}, {@code any},
 * {@code tool} and {@code none} become the core choices AUTO, REQUIRED, NAMED and NONE.
 */
final class MessagesTools {

    private MessagesTools() {
    }

    static List<ToolDefinition> tools(List<MessagesRequest.ToolParam> tools) {
        if (tools == null) {
            return List.of();
        }
        DeclaredTools declared = new DeclaredTools(tools.size());
        for (int i = 0; i < tools.size(); i++) {
            MessagesRequest.ToolParam t = tools.get(i);
            String at = "tools[" + i + "]";
            if (t.type() != null && !t.type().equals("custom")) {
                throw GatewayException.invalid(at + ".type", "Tool type '" + UnreadableJson.key(t.type())
                        + "' is an Anthropic server tool: only a model served by an Anthropic provider runs it; "
                        + "other providers take client tools (no type, or 'custom').");
            }
            if (t.inputSchema() == null) {
                throw GatewayException.invalid(at + ".input_schema", "input_schema is required for a client tool.");
            }
            declared.add(i, t.name(), at + ".name", t.description(), t.inputSchema(), at + ".input_schema", null);
        }
        return declared.list();
    }

    /** The core choice of {@code tool_choice}, or null when absent. */
    static ToolChoice toolChoice(JsonNode choice, List<ToolDefinition> tools) {
        if (choice == null || choice.isNull()) {
            return null;
        }
        if (!choice.isObject() || !choice.path("type").isTextual()) {
            throw GatewayException.invalid("tool_choice", "tool_choice is an object with a 'type': auto, any, tool "
                    + "or none.");
        }
        ToolChoice parsed = switch (choice.get("type").asText()) {
            case "auto" -> ToolChoice.AUTO;
            case "any" -> ToolChoice.REQUIRED;
            case "none" -> ToolChoice.NONE;
            case "tool" -> {
                JsonNode name = choice.path("name");
                if (!name.isTextual() || name.asText().isBlank()) {
                    throw GatewayException.invalid("tool_choice.name", "tool_choice of type 'tool' needs a 'name'.");
                }
                yield ToolChoice.named(name.asText());
            }
            default -> throw GatewayException.invalid("tool_choice.type", "tool_choice.type must be auto, any, tool "
                    + "or none.");
        };
        boolean needsTools = parsed.mode() == ToolChoice.Mode.REQUIRED || parsed.mode() == ToolChoice.Mode.NAMED;
        if (needsTools && tools.stream().noneMatch(t -> parsed.name() == null || t.name().equals(parsed.name()))) {
            throw GatewayException.invalid("tool_choice", parsed.name() == null
                    ? "tool_choice 'any' needs at least one tool."
                    : "tool_choice names '" + UnreadableJson.key(parsed.name()) + "', which is not among the tools.");
        }
        return parsed;
    }

    /** {@code disable_parallel_tool_use: true} as the core's {@code parallelToolCalls = false}; else null. */
    static Boolean parallelToolCalls(JsonNode choice) {
        if (choice == null || !choice.has("disable_parallel_tool_use")) {
            return null;
        }
        JsonNode disable = choice.get("disable_parallel_tool_use");
        if (!disable.isBoolean()) {
            throw GatewayException.invalid("tool_choice.disable_parallel_tool_use",
                    "disable_parallel_tool_use must be true or false.");
        }
        return disable.asBoolean() ? Boolean.FALSE : null;
    }
}
