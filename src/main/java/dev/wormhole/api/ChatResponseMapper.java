package dev.wormhole.api;

import java.util.List;
import java.util.Locale;

import dev.wormhole.api.dto.ChatCompletionChunk;
import dev.wormhole.api.dto.ChatCompletionResponse;
import dev.wormhole.api.dto.ThinkingBlock;
import dev.wormhole.api.dto.UsageDto;
import dev.wormhole.core.ChatDelta;
import dev.wormhole.core.ChatMessage;
import dev.wormhole.core.ChatResult;
import dev.wormhole.core.ContentPart;
import dev.wormhole.core.FinishReason;
import dev.wormhole.core.Usage;

/** Writes core chat answers in OpenAI's response and chunk shapes. */
final class ChatResponseMapper {

    private ChatResponseMapper() {
    }

    static ChatCompletionResponse toEdge(ChatResult result) {
        List<ChatCompletionResponse.Choice> choices = result.choices().stream()
                .map(c -> new ChatCompletionResponse.Choice(c.index(), message(c.message()),
                        finishReason(c.finishReason()), null))
                .toList();
        return new ChatCompletionResponse(result.id(), "chat.completion", result.created(), result.model(), choices,
                usage(result.usage()), result.systemFingerprint(), null);
    }

    private static ChatCompletionResponse.AssistantMessage message(ChatMessage message) {
        boolean hasText = message.content().stream().anyMatch(ContentPart.Text.class::isInstance);
        String content = hasText || message.toolCalls().isEmpty() ? message.text() : null;
        List<ChatCompletionResponse.ToolCallDto> calls = message.toolCalls().stream()
                .map(c -> new ChatCompletionResponse.ToolCallDto(c.id(), "function",
                        new ChatCompletionResponse.FunctionDto(c.name(), c.arguments())))
                .toList();
        List<ThinkingBlock> thinking = message.content().stream().filter(ContentPart.Thinking.class::isInstance)
                .map(p -> block((ContentPart.Thinking) p)).toList();
        String reasoning = thinking.stream().map(ThinkingBlock::thinking).filter(t -> t != null)
                .reduce(String::concat).orElse(null);
        return new ChatCompletionResponse.AssistantMessage("assistant", content, null, calls, reasoning, thinking);
    }

    private static ThinkingBlock block(ContentPart.Thinking thinking) {
        return thinking.redacted() != null ? new ThinkingBlock("redacted_thinking", null, null, thinking.redacted())
                : new ThinkingBlock("thinking", thinking.text(), thinking.signature(), null);
    }

    static ChatCompletionChunk toEdge(ChatDelta delta) {
        List<ChatCompletionChunk.Choice> choices = delta.choices().stream()
                .map(c -> new ChatCompletionChunk.Choice(c.index(), new ChatCompletionChunk.Delta(
                        c.role() == null ? null : c.role().name().toLowerCase(Locale.ROOT), c.content(),
                        c.toolCalls().stream().map(t -> new ChatCompletionChunk.ToolCallDelta(t.index(), t.id(),
                                t.id() == null ? null : "function",
                                new ChatCompletionChunk.FunctionDelta(t.name(), t.arguments()))).toList(),
                        c.thinking() == null ? null : c.thinking().text(),
                        // The signature (or a redacted block) closes a thinking block: sent as one, with no text.
                        c.thinking() == null || c.thinking().signature() == null && c.thinking().redacted() == null
                                ? List.of() : List.of(block(new ContentPart.Thinking(null, c.thinking().signature(),
                                        c.thinking().redacted())))),
                        finishReason(c.finishReason())))
                .toList();
        return new ChatCompletionChunk(delta.id(), "chat.completion.chunk", delta.created(), delta.model(), choices,
                delta.usage() == null ? null : usage(delta.usage()));
    }

    static String finishReason(FinishReason reason) {
        return reason == null ? null : reason.name().toLowerCase(Locale.ROOT);
    }

    static UsageDto usage(Usage usage) {
        if (usage == null) {
            return null;
        }
        return new UsageDto(usage.promptTokens(), usage.completionTokens(), usage.totalTokens(),
                usage.cachedPromptTokens() > 0 ? new UsageDto.PromptDetails(usage.cachedPromptTokens()) : null,
                usage.reasoningTokens() > 0 ? new UsageDto.CompletionDetails(usage.reasoningTokens()) : null);
    }
}
