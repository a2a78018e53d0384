package dev.wormhole.api.dto;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Anthropic's {@code POST /v1/messages} body as its clients send it. Polymorphic fields ({@code system}, message
 * {@code content}, {@code tool_choice}, {@code thinking}, {@code output_config}) stay JSON trees until the mapper
 * reads them. An Anthropic upstream receives the body as sent; in translation for other providers,
 * {@code cache_control} is dropped (the core has no slot for it), and so are {@code context_management} (Claude
 * Code asks Anthropic to clear old thinking; the gateway sends every turn as given) and {@code service_tier}; any
 * other top-level field lands in {@code unknown} and is refused in translation, as Anthropic refuses it.
 */
@RegisterForReflection
public record MessagesRequest(
        @NotBlank(message = "model is required") @ModelId String model,
        @JsonProperty("max_tokens") @NotNull(message = "max_tokens is required") @Min(1) Integer maxTokens,
        JsonNode system,
        @NotEmpty(message = "messages must hold at least one message") List<@Valid @NotNull MessageParam> messages,
        @DecimalMin("0") @DecimalMax("1") Double temperature,
        @JsonProperty("top_p") @DecimalMin("0") @DecimalMax("1") Double topP,
        @JsonProperty("top_k") @Min(1) Integer topK,
        @JsonProperty("stop_sequences") List<@NotNull String> stopSequences,
        List<@Valid @NotNull ToolParam> tools,
        @JsonProperty("tool_choice") JsonNode toolChoice,
        JsonNode thinking,
        @JsonProperty("output_config") JsonNode outputConfig,
        @JsonProperty("cache_control") JsonNode cacheControl,
        @JsonProperty("context_management") JsonNode contextManagement,
        @JsonProperty("service_tier") String serviceTier,
        @Valid Metadata metadata,
        Boolean stream,
        @JsonAnySetter Map<String, Object> unknown) {

    public MessagesRequest {
        unknown = unknown == null ? new LinkedHashMap<>() : unknown;
    }

    /** One turn; {@code content} is a string or an array of content blocks. */
    @RegisterForReflection
    public record MessageParam(
            @NotBlank(message = "role is required") String role,
            @NotNull(message = "content is required") JsonNode content) {
    }

    /**
     * A tool: a client tool ({@code type} absent or {@code custom}, with its {@code input_schema}), or one of
     * Anthropic's server tools, which only an Anthropic upstream (receiving the request untranslated) can run.
     * {@code cache_control} is dropped in translation: the core model has no slot for it.
     */
    @RegisterForReflection
    public record ToolParam(
            String type,
            @NotBlank @Pattern(regexp = "[a-zA-Z0-9_-]{1,64}",
                    message = "must be 1 to 64 letters, digits, '_' or '-'") String name,
            String description,
            @JsonProperty("input_schema") Map<String, Object> inputSchema,
            @JsonProperty("cache_control") JsonNode cacheControl) {
    }

    /** {@code metadata}: only {@code user_id} is defined. */
    @RegisterForReflection
    public record Metadata(@JsonProperty("user_id") String userId) {
    }
}
