package dev.wormhole.api;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.wormhole.api.dto.MessagesRequest.MessageParam;
import dev.wormhole.api.error.UnreadableJson;
import dev.wormhole.core.ChatMessage;
import dev.wormhole.core.ContentPart;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.Role;
import dev.wormhole.core.ToolCall;

/**
 * Reads Anthropic message content into core messages. A user turn's {@code tool_result} blocks become core
 * {@link Role#TOOL} messages, one per result and in order, followed by one user message with the turn's other
 * blocks; an assistant turn's {@code tool_use} blocks become its tool calls, and a tool result's
 * {@code is_error} its {@link ChatMessage#toolError()}. {@code cache_control} is dropped: the core model has no
 * slot for it.
 */
final class MessagesContent {

    private MessagesContent() {
    }

    /** The system prompt: a string or an array of text blocks; null when absent. */
    static ChatMessage system(JsonNode system) {
        return system == null || system.isNull() ? null : system(system, "system");
    }

    /** System text at {@code path}: a string or an array of text blocks. */
    private static ChatMessage system(JsonNode system, String path) {
        if (system.isTextual()) {
            return ChatMessage.text(Role.SYSTEM, system.asText());
        }
        if (!system.isArray()) {
            throw GatewayException.invalid(path, path + " must be a string or an array of text blocks.");
        }
        List<ContentPart> parts = new ArrayList<>();
        for (int i = 0; i < system.size(); i++) {
            parts.add(text(system.get(i), path + "[" + i + "]"));
        }
        return new ChatMessage(Role.SYSTEM, parts, null, List.of(), null);
    }

    /** The core messages of one Anthropic turn at {@code path} (one, or several for tool results). */
    static List<ChatMessage> turn(MessageParam m, String path, long maxImageBytes) {
        return switch (m.role()) {
            case "user" -> user(m.content(), path, maxImageBytes);
            case "assistant" -> List.of(assistant(m.content(), path));
            // A system turn inside the conversation, as Claude Code sends under its mid-conversation-system beta.
            case "system" -> List.of(system(m.content(), path + ".content"));
            default -> throw GatewayException.invalid(path + ".role",
                    "'" + UnreadableJson.key(m.role()) + "' is not a valid role; use user, assistant or system.");
        };
    }

    private static List<ChatMessage> user(JsonNode content, String path, long maxImageBytes) {
        if (content.isTextual()) {
            return List.of(ChatMessage.text(Role.USER, content.asText()));
        }
        List<ChatMessage> out = new ArrayList<>();
        List<ContentPart> rest = new ArrayList<>();
        JsonNode blocks = blocks(content, path);
        for (int i = 0; i < blocks.size(); i++) {
            JsonNode block = blocks.get(i);
            String at = path + ".content[" + i + "]";
            switch (type(block, at)) {
                case "text" -> rest.add(text(block, at));
                case "image" -> rest.add(image(block, at, maxImageBytes));
                case "tool_result" -> out.add(toolResult(block, at, maxImageBytes));
                default -> throw unsupported(block, at, "text, image or tool_result");
            }
        }
        if (!rest.isEmpty() || out.isEmpty()) {
            out.add(new ChatMessage(Role.USER, rest, null, List.of(), null));
        }
        return out;
    }

    private static ChatMessage assistant(JsonNode content, String path) {
        if (content.isTextual()) {
            return ChatMessage.text(Role.ASSISTANT, content.asText());
        }
        List<ContentPart> parts = new ArrayList<>();
        List<ToolCall> calls = new ArrayList<>();
        JsonNode blocks = blocks(content, path);
        for (int i = 0; i < blocks.size(); i++) {
            JsonNode block = blocks.get(i);
            String at = path + ".content[" + i + "]";
            switch (type(block, at)) {
                case "text" -> parts.add(text(block, at));
                case "thinking" -> parts.add(new ContentPart.Thinking(string(block, "thinking", at),
                        block.path("signature").asText(null), null));
                case "redacted_thinking" -> parts.add(new ContentPart.Thinking(null, null, string(block, "data", at)));
                case "tool_use" -> calls.add(toolUse(block, at));
                default -> throw unsupported(block, at, "text, thinking, redacted_thinking or tool_use");
            }
        }
        return new ChatMessage(Role.ASSISTANT, parts, null, calls, null);
    }

    private static ToolCall toolUse(JsonNode block, String path) {
        JsonNode input = block.get("input");
        if (input == null || !input.isObject()) {
            throw GatewayException.invalid(path + ".input", "A tool_use block needs an object 'input'.");
        }
        return new ToolCall(string(block, "id", path), string(block, "name", path), input.toString());
    }

    private static ChatMessage toolResult(JsonNode block, String path, long maxImageBytes) {
        String id = string(block, "tool_use_id", path);
        JsonNode content = block.get("content");
        List<ContentPart> parts = new ArrayList<>();
        if (content == null || content.isNull()) {
            parts.add(new ContentPart.Text(""));
        } else if (content.isTextual()) {
            parts.add(new ContentPart.Text(content.asText()));
        } else {
            JsonNode blocks = blocks(content, path);
            for (int i = 0; i < blocks.size(); i++) {
                JsonNode inner = blocks.get(i);
                String at = path + ".content[" + i + "]";
                switch (type(inner, at)) {
                    case "text" -> parts.add(text(inner, at));
                    case "image" -> parts.add(image(inner, at, maxImageBytes));
                    default -> throw unsupported(inner, at, "text or image");
                }
            }
        }
        return new ChatMessage(Role.TOOL, parts, null, List.of(), id, isError(block.get("is_error"), path));
    }

    private static boolean isError(JsonNode flag, String path) {
        if (flag == null || flag.isNull()) {
            return false;
        }
        if (!flag.isBoolean()) {
            throw GatewayException.invalid(path + ".is_error", path + ".is_error must be a boolean.");
        }
        return flag.booleanValue();
    }

    private static ContentPart.Text text(JsonNode block, String path) {
        if (!"text".equals(type(block, path))) {
            throw unsupported(block, path, "text");
        }
        return new ContentPart.Text(string(block, "text", path));
    }

    /** An image block: {@code source} {@code {type: base64, media_type, data}} becomes a {@code data:} URL. */
    private static ContentPart.Image image(JsonNode block, String path, long maxImageBytes) {
        JsonNode source = block.path("source");
        String url = switch (source.path("type").asText("")) {
            case "base64" -> "data:" + string(source, "media_type", path + ".source") + ";base64,"
                    + string(source, "data", path + ".source");
            case "url" -> string(source, "url", path + ".source");
            default -> throw GatewayException.invalid(path + ".source.type",
                    "An image source is {\"type\":\"base64\",\"media_type\",\"data\"} or {\"type\":\"url\",\"url\"}.");
        };
        ImageUrls.check(url, path + ".source", maxImageBytes);
        return new ContentPart.Image(url, null);
    }

    private static JsonNode blocks(JsonNode content, String path) {
        if (!content.isArray()) {
            throw GatewayException.invalid(path + ".content", "content must be a string or an array of content blocks.");
        }
        return content;
    }

    private static String type(JsonNode block, String path) {
        if (!block.isObject() || !block.path("type").isTextual()) {
            throw GatewayException.invalid(path + ".type", "A content block is an object with a string 'type'.");
        }
        return block.get("type").asText();
    }

    private static String string(JsonNode node, String field, String path) {
        if (!node.path(field).isTextual()) {
            throw GatewayException.invalid(path + "." + field, "'" + path + "." + field + "' must be a string.");
        }
        return node.get(field).asText();
    }

    private static GatewayException unsupported(JsonNode block, String path, String allowed) {
        return GatewayException.invalid(path + ".type", "Content block type '"
                + UnreadableJson.key(block.path("type").asText("")) + "' is not supported here; use " + allowed
                + " (a model served by an Anthropic provider receives every block as sent).");
    }
}
