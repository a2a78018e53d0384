package dev.wormhole.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The events of Anthropic's message stream, each written as {@code event: <type>} with this JSON as its data.
 * Reflection: written into SSE frames by the encoder's own ObjectMapper call.
 */
public sealed interface MessageStreamEvent {

    /** The event's name, also its {@code type} field. */
    String type();

    /** {@code message_start}: the message with empty content. */
    @RegisterForReflection
    record MessageStart(String type, MessagesResponse message) implements MessageStreamEvent {
        public MessageStart(MessagesResponse message) {
            this("message_start", message);
        }
    }

    /** {@code content_block_start}: a block opens at {@code index}, with its initial (empty) state. */
    @RegisterForReflection
    record BlockStart(String type, int index, @JsonProperty("content_block") MessagesResponse.ContentBlock contentBlock)
            implements MessageStreamEvent {
        public BlockStart(int index, MessagesResponse.ContentBlock contentBlock) {
            this("content_block_start", index, contentBlock);
        }
    }

    /** {@code content_block_delta}: the next fragment of the block at {@code index}. */
    @RegisterForReflection
    record BlockDelta(String type, int index, Delta delta) implements MessageStreamEvent {
        public BlockDelta(int index, Delta delta) {
            this("content_block_delta", index, delta);
        }
    }

    /** {@code content_block_stop}: the block at {@code index} is complete. */
    @RegisterForReflection
    record BlockStop(String type, int index) implements MessageStreamEvent {
        public BlockStop(int index) {
            this("content_block_stop", index);
        }
    }

    /** {@code message_delta}: why the message stopped, and its final usage. */
    @RegisterForReflection
    record MessageDelta(String type, StopDelta delta, MessagesResponse.MessagesUsage usage)
            implements MessageStreamEvent {
        public MessageDelta(StopDelta delta, MessagesResponse.MessagesUsage usage) {
            this("message_delta", delta, usage);
        }
    }

    /** The {@code delta} of a {@code message_delta}; both fields are written even when null, as Anthropic does. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record StopDelta(@JsonProperty("stop_reason") String stopReason, @JsonProperty("stop_sequence") String stopSequence) {
    }

    /** {@code ping}: a keep-alive, sent once the message has started, as Anthropic's streams do. */
    @RegisterForReflection
    record Ping(String type) implements MessageStreamEvent {
        public Ping() {
            this("ping");
        }
    }

    /** {@code message_stop}: the end of the stream. */
    @RegisterForReflection
    record MessageStop(String type) implements MessageStreamEvent {
        public MessageStop() {
            this("message_stop");
        }
    }

    /**
     * A block fragment: {@code text_delta} (text), {@code input_json_delta} (partial_json), {@code thinking_delta}
     * (thinking) or {@code signature_delta} (signature).
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Delta(String type, String text, @JsonProperty("partial_json") String partialJson, String thinking,
            String signature) {

        public static Delta text(String text) {
            return new Delta("text_delta", text, null, null, null);
        }

        public static Delta inputJson(String partialJson) {
            return new Delta("input_json_delta", null, partialJson, null, null);
        }

        public static Delta thinking(String thinking) {
            return new Delta("thinking_delta", null, null, thinking, null);
        }

        public static Delta signature(String signature) {
            return new Delta("signature_delta", null, null, null, signature);
        }
    }
}
