package dev.wormhole.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.wormhole.api.dto.ChatCompletionRequest;
import dev.wormhole.api.dto.ChatCompletionRequest.MessageParam;
import dev.wormhole.core.ChatMessage;
import dev.wormhole.core.ChatRequest;
import dev.wormhole.core.ContentPart;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.ModelIds;
import dev.wormhole.core.ResponseFormat;
import dev.wormhole.core.Role;
import dev.wormhole.core.ToolCall;
import dev.wormhole.core.ToolDefinition;
import dev.wormhole.tool.AgentOptions;

/**
 * Reads an OpenAI chat request into the core model, rejecting what bean validation cannot express (roles,
 * content shapes, tool references) with a 400 that names the field to fix.
 */
final class ChatRequestMapper {

    private static final int MAX_STOP_SEQUENCES = 4;
    private static final int MAX_FALLBACKS = 8;
    /** The request's extension object: gateway options, never forwarded upstream. */
    static final String EXTENSION = "wormhole";

    private ChatRequestMapper() {
    }

    /** The core request of a chat body; {@code maxImageBytes} bounds each inline (data: URL) image. */
    static ChatRequest toCore(ChatCompletionRequest body, long maxImageBytes) {
        if (body.streamOptions() != null && !Boolean.TRUE.equals(body.stream())) {
            throw GatewayException.invalid("stream_options", "stream_options is only allowed when stream is true.");
        }
        List<ChatMessage> messages = new ArrayList<>();
        for (int i = 0; i < body.messages().size(); i++) {
            messages.add(message(body.messages().get(i), "messages[" + i + "]", maxImageBytes));
        }
        List<ToolDefinition> tools = ToolDefinitions.tools(body.tools());
        return new ChatRequest(body.model(), messages, body.temperature(), body.topP(),
                body.maxCompletionTokens() != null ? body.maxCompletionTokens() : body.maxTokens(), body.n(),
                stop(body.stop()), body.seed(), body.presencePenalty(), body.frequencyPenalty(), tools,
                ToolDefinitions.toolChoice(body.toolChoice(), tools), body.parallelToolCalls(),
                responseFormat(body.responseFormat()), body.reasoningEffort(), body.user(), passThrough(body.extra()));
    }

    /** Upstream fields the gateway does not model, minus its own extension object. */
    private static Map<String, Object> passThrough(Map<String, Object> extra) {
        PassThroughParams.check(extra);
        if (!extra.containsKey(EXTENSION)) {
            return extra;
        }
        Map<String, Object> rest = new java.util.LinkedHashMap<>(extra);
        rest.remove(EXTENSION);
        return rest;
    }

    /**
     * The agent-loop options of {@code "wormhole": {"tools": [...] | "all", "max_steps": n}}, or empty when the
     * request names no server tools.
     */
    static java.util.Optional<AgentOptions> agentOptions(Map<String, Object> extra, java.util.Collection<String> allTools,
            int defaultMaxSteps, int maxSteps) {
        if (!(extra.get(EXTENSION) instanceof Map<?, ?> options) || options.get("tools") == null) {
            return java.util.Optional.empty();
        }
        Object tools = options.get("tools");
        List<String> names;
        if ("all".equals(tools)) {
            names = List.copyOf(allTools);
        } else if (tools instanceof List<?> list && list.stream().allMatch(t -> t instanceof String)) {
            names = list.stream().map(String.class::cast).distinct().toList();
        } else {
            throw GatewayException.invalid(EXTENSION + ".tools", "wormhole.tools must be \"all\" or a list of tool names.");
        }
        Object steps = options.get("max_steps");
        int limit = defaultMaxSteps;
        if (steps != null) {
            if (!(steps instanceof Integer n) || n < 1 || n > maxSteps) {
                throw GatewayException.invalid(EXTENSION + ".max_steps", "wormhole.max_steps must be an integer from 1 to "
                        + maxSteps + ".");
            }
            limit = n;
        }
        return java.util.Optional.of(new AgentOptions(names, limit));
    }

    /** The request's own fallback models, {@code "wormhole": {"fallbacks": ["provider/model", …]}}. */
    static List<String> fallbacks(Map<String, Object> extra) {
        Object extension = extra.get(EXTENSION);
        if (extension == null) {
            return List.of();
        }
        if (!(extension instanceof Map<?, ?> options)) {
            throw GatewayException.invalid(EXTENSION, "wormhole must be an object of gateway options.");
        }
        Object fallbacks = options.get("fallbacks");
        if (fallbacks == null) {
            return List.of();
        }
        if (!(fallbacks instanceof List<?> list) || list.size() > MAX_FALLBACKS
                || !list.stream().allMatch(f -> f instanceof String s && ModelIds.isValid(s))) {
            throw GatewayException.invalid(EXTENSION + ".fallbacks", "wormhole.fallbacks must be a list of at most "
                    + MAX_FALLBACKS + " model names; each " + ModelIds.RULE + ".");
        }
        return list.stream().map(String.class::cast).toList();
    }

    private static ChatMessage message(MessageParam m, String path, long maxImageBytes) {
        Role role = role(m.role(), path);
        List<ContentPart> content = content(m.content(), role, path, maxImageBytes);
        List<ToolCall> calls = new ArrayList<>();
        if (m.toolCalls() != null && !m.toolCalls().isEmpty()) {
            if (role != Role.ASSISTANT) {
                throw GatewayException.invalid(path + ".tool_calls", "Only assistant messages may carry tool_calls.");
            }
            m.toolCalls().forEach(c -> calls.add(new ToolCall(c.id(), c.function().name(),
                    c.function().arguments() == null ? "" : c.function().arguments())));
        }
        if (role == Role.TOOL && (m.toolCallId() == null || m.toolCallId().isBlank())) {
            throw GatewayException.invalid(path + ".tool_call_id", "A tool message must name the tool_call_id it answers.");
        }
        if (m.thinkingBlocks() != null && !m.thinkingBlocks().isEmpty()) {
            if (role != Role.ASSISTANT) {
                throw GatewayException.invalid(path + ".thinking_blocks", "Only assistant messages may carry "
                        + "thinking_blocks.");
            }
            List<ContentPart> withThinking = new ArrayList<>();
            for (int i = 0; i < m.thinkingBlocks().size(); i++) {
                withThinking.add(thinking(m.thinkingBlocks().get(i), path + ".thinking_blocks[" + i + "]"));
            }
            withThinking.addAll(content);
            content = withThinking;
        }
        if (content.isEmpty() && calls.isEmpty() && role != Role.ASSISTANT) {
            throw GatewayException.invalid(path + ".content", "content is required for a " + m.role() + " message.");
        }
        return new ChatMessage(role, content, m.name(), calls, m.toolCallId());
    }

    private static ContentPart.Thinking thinking(dev.wormhole.api.dto.ThinkingBlock block, String path) {
        if ("thinking".equals(block.type()) && block.thinking() != null) {
            return new ContentPart.Thinking(block.thinking(), block.signature(), null);
        }
        if ("redacted_thinking".equals(block.type()) && block.data() != null) {
            return new ContentPart.Thinking(null, null, block.data());
        }
        throw GatewayException.invalid(path, "A thinking block is {\"type\":\"thinking\",\"thinking\":…,"
                + "\"signature\":…} or {\"type\":\"redacted_thinking\",\"data\":…}.");
    }

    private static Role role(String role, String path) {
        try {
            return Role.valueOf(role.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw GatewayException.invalid(path + ".role",
                    "'" + role + "' is not a valid role; use system, developer, user, assistant or tool.");
        }
    }

    private static List<ContentPart> content(JsonNode content, Role role, String path, long maxImageBytes) {
        if (content == null || content.isNull()) {
            return List.of();
        }
        if (content.isTextual()) {
            return List.of(new ContentPart.Text(content.asText()));
        }
        if (!content.isArray()) {
            throw GatewayException.invalid(path + ".content", "content must be a string or an array of content parts.");
        }
        List<ContentPart> parts = new ArrayList<>();
        for (int i = 0; i < content.size(); i++) {
            parts.add(part(content.get(i), role, path + ".content[" + i + "]", maxImageBytes));
        }
        return parts;
    }

    private static ContentPart part(JsonNode part, Role role, String path, long maxImageBytes) {
        String type = part.path("type").asText("");
        switch (type) {
            case "text":
                if (!part.path("text").isTextual()) {
                    throw GatewayException.invalid(path + ".text", "A text part needs a string 'text'.");
                }
                return new ContentPart.Text(part.get("text").asText());
            case "image_url":
                JsonNode image = part.path("image_url");
                String url = image.isTextual() ? image.asText() : image.path("url").asText(null);
                if (url == null || url.isBlank()) {
                    throw GatewayException.invalid(path + ".image_url.url", "An image_url part needs a 'url'.");
                }
                if (role != Role.USER) {
                    throw GatewayException.invalid(path, "Images are only allowed in user messages.");
                }
                ImageUrls.check(url, path + ".image_url.url", maxImageBytes);
                return new ContentPart.Image(url, image.path("detail").asText(null));
            default:
                throw GatewayException.invalid(path + ".type", "Content part type '" + type
                        + "' is not supported; use 'text' or 'image_url'.");
        }
    }

    private static List<String> stop(JsonNode stop) {
        if (stop == null || stop.isNull()) {
            return List.of();
        }
        if (stop.isTextual()) {
            return List.of(stop.asText());
        }
        if (stop.isArray() && stop.size() <= MAX_STOP_SEQUENCES) {
            List<String> out = new ArrayList<>();
            for (JsonNode s : stop) {
                if (!s.isTextual()) {
                    throw GatewayException.invalid("stop", "stop must be a string or an array of strings.");
                }
                out.add(s.asText());
            }
            return out;
        }
        throw GatewayException.invalid("stop", "stop must be a string or an array of at most "
                + MAX_STOP_SEQUENCES + " strings.");
    }

    private static ResponseFormat responseFormat(ChatCompletionRequest.ResponseFormatParam format) {
        if (format == null) {
            return null;
        }
        return switch (format.type()) {
            case "text" -> new ResponseFormat(ResponseFormat.Type.TEXT, null, null, null);
            case "json_object" -> new ResponseFormat(ResponseFormat.Type.JSON_OBJECT, null, null, null);
            case "json_schema" -> {
                if (format.jsonSchema() == null) {
                    throw GatewayException.invalid("response_format.json_schema",
                            "response_format of type json_schema needs a json_schema object.");
                }
                Map<String, Object> schema = format.jsonSchema().schema();
                yield new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, format.jsonSchema().name(), schema,
                        format.jsonSchema().strict());
            }
            default -> throw GatewayException.invalid("response_format.type",
                    "response_format.type must be 'text', 'json_object' or 'json_schema'.");
        };
    }
}
