package dev.wormhole.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.wormhole.api.dto.ResponseCreateRequest;
import dev.wormhole.api.error.UnreadableJson;
import dev.wormhole.core.ChatMessage;
import dev.wormhole.core.ChatRequest;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.ResponseFormat;
import dev.wormhole.core.Role;
import dev.wormhole.core.ToolChoice;
import dev.wormhole.core.ToolDefinition;

/**
 * Reads an OpenAI Responses API request into the core model: {@code instructions} as a leading system message,
 * {@code input} as the conversation ({@link ResponseInputItems}), flat function tools, {@code text.format} as the
 * response format, {@code reasoning.effort} and {@code max_output_tokens}. Refuses, naming the field, tools other than
 * functions and fields it does not know. {@code store} and {@code previous_response_id} are not its business:
 * {@link StoredResponses} has already put the earlier turns into {@code input}. The gateway's own {@code "wormhole"}
 * object is read as on chat completions, for its {@code fallbacks}.
 */
final class ResponsesRequestMapper {

    private ResponsesRequestMapper() {
    }

    static ChatRequest toCore(ResponseCreateRequest body, long maxImageBytes) {
        Map<String, Object> unknown = new HashMap<>(body.extra());
        if (unknown.remove(ChatRequestMapper.EXTENSION) instanceof Map<?, ?> options && options.get("tools") != null) {
            throw GatewayException.invalid(ChatRequestMapper.EXTENSION + ".tools", "Server tools (the agent loop) "
                    + "are not supported on /v1/responses yet; use /v1/chat/completions.");
        }
        refuseUnknown(unknown, "");
        List<ChatMessage> messages = new ArrayList<>();
        if (body.instructions() != null) {
            messages.add(ChatMessage.text(Role.SYSTEM, body.instructions()));
        }
        messages.addAll(ResponseInputItems.messages(body.input(), maxImageBytes));
        List<ToolDefinition> tools = tools(body.tools());
        String effort = null;
        if (body.reasoning() != null) {
            refuseUnknown(body.reasoning().extra(), "reasoning.");
            effort = body.reasoning().effort();
        }
        return new ChatRequest(body.model(), messages, body.temperature(), body.topP(), body.maxOutputTokens(), null,
                List.of(), null, null, null, tools, toolChoice(body.toolChoice(), tools), body.parallelToolCalls(),
                format(body.text()), effort, body.user(), Map.of());
    }

    static List<ToolDefinition> tools(List<ResponseCreateRequest.ToolParam> tools) {
        if (tools == null) {
            return List.of();
        }
        DeclaredTools declared = new DeclaredTools(tools.size());
        for (int i = 0; i < tools.size(); i++) {
            ResponseCreateRequest.ToolParam t = tools.get(i);
            String at = "tools[" + i + "]";
            if (!"function".equals(t.type())) {
                throw GatewayException.invalid(at + ".type", "Tool type '" + UnreadableJson.key(String.valueOf(
                        t.type())) + "' is not supported; only 'function' tools are.");
            }
            refuseUnknown(t.extra(), at + ".");
            if (t.name() == null || !t.name().matches("[a-zA-Z0-9_-]{1,64}")) {
                throw GatewayException.invalid(at + ".name", "A function name is 1 to 64 letters, digits, '_' or '-'.");
            }
            declared.add(i, t.name(), at + ".name", t.description(), t.parameters(), at + ".parameters", t.strict());
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
                        "tool_choice must be 'auto', 'none', 'required' or {\"type\":\"function\",\"name\":…}.");
            };
        } else if (choice.isObject() && "function".equals(choice.path("type").asText())
                && choice.path("name").isTextual()) {
            parsed = ToolChoice.named(choice.get("name").asText());
        } else {
            throw GatewayException.invalid("tool_choice",
                    "tool_choice must be 'auto', 'none', 'required' or {\"type\":\"function\",\"name\":…}.");
        }
        boolean needsTools = parsed.mode() == ToolChoice.Mode.REQUIRED || parsed.mode() == ToolChoice.Mode.NAMED;
        if (needsTools && tools.stream().noneMatch(t -> parsed.name() == null || t.name().equals(parsed.name()))) {
            throw GatewayException.invalid("tool_choice", parsed.name() == null
                    ? "tool_choice 'required' needs at least one tool."
                    : "tool_choice names '" + UnreadableJson.key(parsed.name()) + "', which is not among the tools.");
        }
        return parsed;
    }

    static ResponseFormat format(ResponseCreateRequest.TextParam text) {
        if (text == null) {
            return null;
        }
        refuseUnknown(text.extra(), "text.");
        ResponseCreateRequest.FormatParam format = text.format();
        if (format == null) {
            return null;
        }
        refuseUnknown(format.extra(), "text.format.");
        String type = format.type() == null ? "" : format.type();
        return switch (type) {
            case "text" -> new ResponseFormat(ResponseFormat.Type.TEXT, null, null, null);
            case "json_object" -> new ResponseFormat(ResponseFormat.Type.JSON_OBJECT, null, null, null);
            case "json_schema" -> {
                if (format.name() == null || format.name().isBlank()) {
                    throw GatewayException.invalid("text.format.name", "A json_schema format needs a name.");
                }
                if (format.schema() == null) {
                    throw GatewayException.invalid("text.format.schema", "A json_schema format needs a schema object.");
                }
                yield new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, format.name(), format.schema(),
                        format.strict());
            }
            default -> throw GatewayException.invalid("text.format.type",
                    "text.format.type must be 'text', 'json_object' or 'json_schema'.");
        };
    }

    private static void refuseUnknown(Map<String, Object> extra, String prefix) {
        if (!extra.isEmpty()) {
            String param = prefix + UnreadableJson.key(extra.keySet().iterator().next());
            throw GatewayException.invalid(param, "Unknown field '" + param + "'.");
        }
    }
}
