package dev.wormhole.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.api.dto.MessagesResponse;
import dev.wormhole.api.dto.MessagesResponse.ContentBlock;
import dev.wormhole.core.ChatMessage;
import dev.wormhole.core.ChatResult;
import dev.wormhole.core.ContentPart;
import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.FinishReason;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.Usage;

/**
 * Writes core chat answers in Anthropic's message shape: thinking, text and tool_use blocks in that order,
 * {@code stop_reason} from the finish reason, usage with the cached prompt part apart. The core does not say which
 * stop sequence ended a message, so {@code stop_sequence} is always null and such a stop is {@code end_turn}.
 */
final class MessagesResponseMapper {

    private MessagesResponseMapper() {
    }

    static MessagesResponse toEdge(ChatResult result, String requestId, ObjectMapper json) {
        ChatMessage message = result.choices().isEmpty() ? null : result.choices().get(0).message();
        FinishReason finish = result.choices().isEmpty() ? null : result.choices().get(0).finishReason();
        return new MessagesResponse(messageId(result.id(), requestId), "message", "assistant", result.model(),
                message == null ? List.of() : content(message, json), stopReason(finish), null, usage(result.usage()));
    }

    /** Anthropic message ids start with {@code msg_}: the upstream's id, prefixed unless it already is. */
    static String messageId(String upstreamId, String requestId) {
        String id = upstreamId == null || upstreamId.isEmpty() ? requestId : upstreamId;
        return id.startsWith("msg_") ? id : "msg_" + id;
    }

    private static List<ContentBlock> content(ChatMessage message, ObjectMapper json) {
        List<ContentBlock> blocks = new ArrayList<>();
        for (ContentPart part : message.content()) {
            if (part instanceof ContentPart.Thinking t) {
                blocks.add(t.redacted() != null ? ContentBlock.redactedThinking(t.redacted())
                        : ContentBlock.thinking(t.text() == null ? "" : t.text(), t.signature() == null ? "" : t.signature()));
            } else if (part instanceof ContentPart.Text t && !t.text().isEmpty()) {
                blocks.add(ContentBlock.text(t.text()));
            }
        }
        message.toolCalls().forEach(c -> blocks.add(ContentBlock.toolUse(c.id(), c.name(), input(c.arguments(), json))));
        return blocks;
    }

    /** A tool call's arguments as the JSON object Anthropic's {@code input} is; empty arguments are {@code {}}. */
    static Object input(String arguments, ObjectMapper json) {
        if (arguments == null || arguments.isBlank()) {
            return Map.of();
        }
        try {
            JsonNode node = json.readTree(arguments);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (JsonProcessingException e) {
            // Reported below: the model's arguments are not an object, which Anthropic's clients cannot take.
        }
        throw GatewayException.of(ErrorKind.UPSTREAM_ERROR, "invalid_tool_arguments",
                "The model called a tool with arguments that are not a JSON object.");
    }

    static String stopReason(FinishReason finish) {
        if (finish == null) {
            return "end_turn";
        }
        return switch (finish) {
            case STOP -> "end_turn";
            case LENGTH -> "max_tokens";
            case TOOL_CALLS -> "tool_use";
            case CONTENT_FILTER -> "refusal";
        };
    }

    /** Anthropic's usage: {@code input_tokens} is the uncached prompt part; cache writes are not reported. */
    static MessagesResponse.MessagesUsage usage(Usage usage) {
        Usage u = usage == null ? Usage.ZERO : usage;
        return new MessagesResponse.MessagesUsage(Math.max(0, u.promptTokens() - u.cachedPromptTokens()),
                u.completionTokens(), 0L, u.cachedPromptTokens());
    }
}
