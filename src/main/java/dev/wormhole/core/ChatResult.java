package dev.wormhole.core;

import java.util.List;

/** A complete (non-streamed) chat answer. {@code created} is in epoch seconds. */
public record ChatResult(String id, String model, long created, List<Choice> choices, Usage usage,
        String systemFingerprint) {

    public ChatResult {
        choices = List.copyOf(choices);
    }

    /** One alternative answer; {@code message} is an assistant message. */
    public record Choice(int index, ChatMessage message, FinishReason finishReason) {
    }
}
