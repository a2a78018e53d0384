package dev.wormhole.provider.anthropic.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A message the model wrote (also the {@code message} of a stream's {@code message_start}). */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record MessagesResponse(String id, String type, String model, List<Block> content,
        @JsonProperty("stop_reason") String stopReason, WireUsage usage) {
}
