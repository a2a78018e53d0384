package dev.wormhole.api;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.wormhole.api.dto.ChatCompletionRequest;
import dev.wormhole.api.error.UnreadableJson;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.ToolChoice;
import dev.wormhole.core.ToolDefinition;

/**
 * Reads a chat request's {@code tools} and {@code tool_choice}, refusing before any upstream call what OpenAI
 * refuses: more than {@value #MAX_TOOLS} tools, a function name used twice, a malformed parameters schema, or a
 * choice that names no declared function.
 */
final class ToolDefinitions {

    /** Most tools one request may declare. */
    static final int MAX_TOOLS = 128;

    private ToolDefinitions() {
    }

    static List<ToolDefinition> tools(List<ChatCompletionRequest.ToolParam> tools) {
        if (tools == null) {
            return List.of();
        }
        DeclaredTools declared = new DeclaredTools(tools.size());
        for (int i = 0; i < tools.size(); i++) {
            ChatCompletionRequest.ToolParam t = tools.get(i);
            String at = "tools[" + i + "]";
            if (t.type() != null && !t.type().equals("function")) {
                throw GatewayException.invalid(at + ".type", "Tool type '" + t.type()
                        + "' is not supported; use 'function'.");
            }
            declared.add(i, t.function().name(), at + ".function.name", t.function().description(),
                    t.function().parameters(), at + ".function.parameters", t.function().strict());
        }
        return declared.list();
    }

    static ToolChoice toolChoice(JsonNode choice, List<ToolDefinition> tools) {
        if (choice == null || choice.isNull()) {
            return null;
        }
        ToolChoice parsed;
        if (choice.isTextual()) {
            parsed = switch (choice.asText()) {
                case "auto" -> ToolChoice.AUTO;
                case "none" -> ToolChoice.NONE;
                case "required" -> ToolChoice.REQUIRED;
                default -> throw GatewayException.invalid("tool_choice",
                        "tool_choice must be 'auto', 'none', 'required' or a named function.");
            };
        } else if (choice.isObject()) {
            JsonNode type = choice.get("type");
            if (type != null && !"function".equals(type.asText(null))) {
                throw GatewayException.invalid("tool_choice.type", "A named tool_choice has type 'function'.");
            }
            JsonNode name = choice.path("function").path("name");
            if (!name.isTextual() || name.asText().isBlank()) {
                throw GatewayException.invalid("tool_choice.function.name", "A named tool_choice needs function.name.");
            }
            parsed = ToolChoice.named(name.asText());
        } else {
            throw GatewayException.invalid("tool_choice", "tool_choice must be a string or an object.");
        }
        boolean needsTools = parsed.mode() == ToolChoice.Mode.REQUIRED || parsed.mode() == ToolChoice.Mode.NAMED;
        if (needsTools && tools.stream().noneMatch(t -> parsed.name() == null || t.name().equals(parsed.name()))) {
            throw GatewayException.invalid("tool_choice", parsed.name() == null
                    ? "tool_choice 'required' needs at least one tool."
                    : "tool_choice names '" + UnreadableJson.key(parsed.name()) + "', which is not among the tools.");
        }
        return parsed;
    }
}
