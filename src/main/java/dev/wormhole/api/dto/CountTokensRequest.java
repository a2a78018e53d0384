package dev.wormhole.api.dto;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Anthropic's {@code POST /v1/messages/count_tokens} body: the prompt part of a messages request. Other
 * top-level fields land in {@code unknown} and are refused.
 */
@RegisterForReflection
public record CountTokensRequest(
        @NotBlank(message = "model is required") @ModelId String model,
        JsonNode system,
        @NotEmpty(message = "messages must hold at least one message")
        List<MessagesRequest.@Valid @NotNull MessageParam> messages,
        List<MessagesRequest.@Valid @NotNull ToolParam> tools,
        @JsonProperty("tool_choice") JsonNode toolChoice,
        JsonNode thinking,
        @JsonProperty("output_config") JsonNode outputConfig,
        @JsonProperty("cache_control") JsonNode cacheControl,
        @JsonAnySetter Map<String, Object> unknown) {

    public CountTokensRequest {
        unknown = unknown == null ? new LinkedHashMap<>() : unknown;
    }
}
