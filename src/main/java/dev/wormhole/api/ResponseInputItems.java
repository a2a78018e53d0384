package dev.wormhole.api;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.wormhole.api.error.UnreadableJson;
import dev.wormhole.core.ChatMessage;
import dev.wormhole.core.ContentPart;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.Role;
import dev.wormhole.core.ToolCall;

/**
 * Reads a Responses API {@code input} (a string, or an array of items) into core messages: message items keep
 * their role, {@code function_call} items become the tool calls of an assistant message (merged into the
 * assistant message right before them), {@code function_call_output} items become tool messages, and
 * {@code reasoning} items whose {@code encrypted_content} the gateway wrote ({@link EncryptedReasoning}) become
 * the thinking of the assistant turn after them, with their summary as its text, so that a provider that signs
 * its reasoning sees it again; other reasoning items (OpenAI's own state, or none) are left out, as is
 * reasoning that no assistant turn follows. Anything else is refused with a 400 naming the item and field.
 */
final class ResponseInputItems {

    private static final Set<String> MESSAGE_KEYS = Set.of("type", "role", "content", "id", "status");
    private static final Set<String> CALL_KEYS = Set.of("type", "call_id", "name", "arguments", "id", "status");
    private static final Set<String> OUTPUT_KEYS = Set.of("type", "call_id", "output", "id", "status");
    private static final Set<String> REASONING_KEYS = Set.of("type", "id", "summary", "content", "encrypted_content",
            "status");

    private ResponseInputItems() {
    }

    /** The messages of {@code input}; {@code maxImageBytes} bounds each inline image. */
    static List<ChatMessage> messages(JsonNode input, long maxImageBytes) {
        if (input.isTextual()) {
            return List.of(ChatMessage.text(Role.USER, input.asText()));
        }
        if (!input.isArray() || input.isEmpty()) {
            throw GatewayException.invalid("input", "input must be a string or a non-empty array of input items.");
        }
        List<ChatMessage> messages = new ArrayList<>();
        List<ContentPart> thinking = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            String path = "input[" + i + "]";
            if (!item.isObject()) {
                throw GatewayException.invalid(path, path + " must be an object.");
            }
            String type = item.hasNonNull("type") ? text(item, "type", path) : "message";
            switch (type) {
                case "message" -> messages.add(withThinking(message(item, path, maxImageBytes), thinking));
                case "function_call" -> addCall(messages, call(item, path), thinking);
                case "function_call_output" -> messages.add(withThinking(output(item, path), thinking));
                case "reasoning" -> reasoning(item, path, thinking);
                default -> throw GatewayException.invalid(path + ".type", "Input item type '"
                        + UnreadableJson.key(type) + "' is not supported; use message, function_call, "
                        + "function_call_output or reasoning.");
            }
        }
        return messages;
    }

    private static ChatMessage message(JsonNode item, String path, long maxImageBytes) {
        allowOnly(item, MESSAGE_KEYS, path);
        String name = text(item, "role", path);
        Role role = switch (name) {
            case "user", "system", "developer", "assistant" -> Role.valueOf(name.toUpperCase(Locale.ROOT));
            default -> throw GatewayException.invalid(path + ".role", "role must be user, system, developer or "
                    + "assistant.");
        };
        JsonNode content = item.get("content");
        if (content == null || content.isNull()) {
            throw GatewayException.invalid(path + ".content", "A message item needs content.");
        }
        if (content.isTextual()) {
            return ChatMessage.text(role, content.asText());
        }
        if (!content.isArray()) {
            throw GatewayException.invalid(path + ".content", "content must be a string or an array of parts.");
        }
        List<ContentPart> parts = new ArrayList<>();
        for (int i = 0; i < content.size(); i++) {
            parts.add(ResponseContentParts.part(content.get(i), role, path + ".content[" + i + "]", maxImageBytes));
        }
        return new ChatMessage(role, parts, null, List.of(), null);
    }

    private static ToolCall call(JsonNode item, String path) {
        allowOnly(item, CALL_KEYS, path);
        return new ToolCall(text(item, "call_id", path), text(item, "name", path), text(item, "arguments", path));
    }

    /** Consecutive calls, and calls right after an assistant message, form one assistant turn. */
    private static void addCall(List<ChatMessage> messages, ToolCall call, List<ContentPart> thinking) {
        ChatMessage last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
        if (last != null && last.role() == Role.ASSISTANT) {
            List<ToolCall> calls = new ArrayList<>(last.toolCalls());
            calls.add(call);
            List<ContentPart> content = new ArrayList<>(last.content());
            content.addAll(thinking);
            thinking.clear();
            messages.set(messages.size() - 1, new ChatMessage(Role.ASSISTANT, content, null, calls, null));
        } else {
            messages.add(withThinking(new ChatMessage(Role.ASSISTANT, List.of(), null, List.of(call), null),
                    thinking));
        }
    }

    /** A reasoning item the gateway wrote, kept (in {@code thinking}) for the assistant turn after it. */
    private static void reasoning(JsonNode item, String path, List<ContentPart> thinking) {
        allowOnly(item, REASONING_KEYS, path);
        JsonNode encrypted = item.get("encrypted_content");
        if (encrypted == null || encrypted.isNull()) {
            return;
        }
        if (!encrypted.isTextual()) {
            throw GatewayException.invalid(path + ".encrypted_content", path + ".encrypted_content must be a string.");
        }
        StringBuilder summary = new StringBuilder();
        JsonNode parts = item.path("summary");
        if (!parts.isMissingNode() && !parts.isArray()) {
            throw GatewayException.invalid(path + ".summary", path + ".summary must be an array of summary_text parts.");
        }
        for (int i = 0; i < parts.size(); i++) {
            JsonNode text = parts.get(i).get("text");
            if (text == null || !text.isTextual()) {
                throw GatewayException.invalid(path + ".summary[" + i + "].text", path + ".summary[" + i
                        + "].text must be a string.");
            }
            summary.append(text.asText());
        }
        ContentPart.Thinking part = EncryptedReasoning.decode(encrypted.asText(), summary.toString());
        if (part != null) {
            thinking.add(part);
        }
    }

    /**
     * The message with the reasoning read before it: the thinking of an assistant turn (first, as providers
     * want it); any other turn means that reasoning answered nothing the conversation kept, and it is dropped.
     */
    private static ChatMessage withThinking(ChatMessage message, List<ContentPart> thinking) {
        if (thinking.isEmpty()) {
            return message;
        }
        List<ContentPart> content = new ArrayList<>(thinking);
        thinking.clear();
        if (message.role() != Role.ASSISTANT) {
            return message;
        }
        content.addAll(message.content());
        return new ChatMessage(message.role(), content, message.name(), message.toolCalls(), message.toolCallId());
    }

    private static ChatMessage output(JsonNode item, String path) {
        allowOnly(item, OUTPUT_KEYS, path);
        String callId = text(item, "call_id", path);
        JsonNode output = item.get("output");
        String result;
        if (output != null && output.isTextual()) {
            result = output.asText();
        } else if (output != null && output.isArray()) {
            StringBuilder joined = new StringBuilder();
            for (int i = 0; i < output.size(); i++) {
                JsonNode part = output.get(i);
                if (!"input_text".equals(part.path("type").asText()) || !part.path("text").isTextual()) {
                    throw GatewayException.invalid(path + ".output[" + i + "]", "Only input_text parts are "
                            + "supported in a function_call_output.");
                }
                joined.append(part.get("text").asText());
            }
            result = joined.toString();
        } else {
            throw GatewayException.invalid(path + ".output", "output must be a string or an array of input_text "
                    + "parts.");
        }
        return new ChatMessage(Role.TOOL, List.of(new ContentPart.Text(result)), null, List.of(), callId);
    }

    /** A required string field. */
    static String text(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw GatewayException.invalid(path + "." + field, path + "." + field + " must be a string.");
        }
        return value.asText();
    }

    /** Refuses a field the item type does not have, naming it. */
    static void allowOnly(JsonNode node, Set<String> keys, String path) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!keys.contains(name)) {
                String param = path + "." + UnreadableJson.key(name);
                throw GatewayException.invalid(param, "Unknown field '" + param + "'.");
            }
        }
    }
}
