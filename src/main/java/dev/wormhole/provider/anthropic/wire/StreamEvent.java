package dev.wormhole.provider.anthropic.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One streamed event, by {@code type}: {@code message_start} ({@code message}), {@code content_block_start}
 * ({@code index}, {@code content_block}), {@code content_block_delta} ({@code index}, {@code delta}),
 * {@code content_block_stop}, {@code message_delta} ({@code delta} with the stop reason, {@code usage}),
 * {@code message_stop}, {@code ping} and {@code error} ({@code error}).
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record StreamEvent(String type, MessagesResponse message, Integer index,
        @JsonProperty("content_block") Block contentBlock, Delta delta, WireUsage usage, WireError error) {

    /**
     * {@code text_delta} ({@code text}), {@code input_json_delta} ({@code partial_json}), {@code thinking_delta}
     * ({@code thinking}), {@code signature_delta} ({@code signature}), or a message delta ({@code stop_reason}).
     */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Delta(String type, String text, @JsonProperty("partial_json") String partialJson, String thinking,
            String signature, @JsonProperty("stop_reason") String stopReason) {
    }
}
