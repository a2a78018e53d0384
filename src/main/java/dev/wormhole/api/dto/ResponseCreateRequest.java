package dev.wormhole.api.dto;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * OpenAI's {@code POST /v1/responses} body as clients send it. {@code input}, {@code tool_choice} and
 * {@code text.format} stay JSON trees until the mapper reads them; {@code client_metadata} (Codex sends its
 * session and turn ids there) is accepted and not forwarded; fields the gateway does not know land in
 * {@code extra}, which the mapper refuses by name.
 */
@RegisterForReflection
public record ResponseCreateRequest(
        @NotBlank(message = "model is required") @ModelId String model,
        @NotNull(message = "input is required") JsonNode input,
        String instructions,
        List<@NotNull ToolParam> tools,
        @JsonProperty("tool_choice") JsonNode toolChoice,
        @JsonProperty("parallel_tool_calls") Boolean parallelToolCalls,
        TextParam text,
        ReasoningParam reasoning,
        @JsonProperty("max_output_tokens") @Min(1) Integer maxOutputTokens,
        @DecimalMin("0") @DecimalMax("2") Double temperature,
        @JsonProperty("top_p") @DecimalMin("0") @DecimalMax("1") Double topP,
        Map<String, String> metadata,
        String user,
        Boolean store,
        @JsonProperty("previous_response_id") String previousResponseId,
        List<@NotNull String> include,
        @JsonProperty("prompt_cache_key") String promptCacheKey,
        @JsonProperty("client_metadata") Map<String, String> clientMetadata,
        Boolean stream,
        @JsonAnySetter Map<String, Object> extra) {

    public ResponseCreateRequest {
        extra = extra == null ? new LinkedHashMap<>() : extra;
    }

    /** This request with another {@code input}, e.g. the conversation a {@code previous_response_id} stands for. */
    public ResponseCreateRequest withInput(JsonNode newInput) {
        return new ResponseCreateRequest(model, newInput, instructions, tools, toolChoice, parallelToolCalls, text,
                reasoning, maxOutputTokens, temperature, topP, metadata, user, store, previousResponseId, include,
                promptCacheKey, clientMetadata, stream, extra);
    }

    /**
     * A tool offered to the model. Only {@code function} tools are supported; their fields are flat (not nested
     * under {@code function}). Fields of other tool types land in {@code extra}.
     */
    @RegisterForReflection
    public record ToolParam(String type, String name, String description, Map<String, Object> parameters,
            Boolean strict, @JsonAnySetter Map<String, Object> extra) {

        public ToolParam {
            extra = extra == null ? new LinkedHashMap<>() : extra;
        }
    }

    /** {@code text}: the output format ({@code text}, {@code json_object} or {@code json_schema}). */
    @RegisterForReflection
    public record TextParam(FormatParam format, String verbosity, @JsonAnySetter Map<String, Object> extra) {

        public TextParam {
            extra = extra == null ? new LinkedHashMap<>() : extra;
        }
    }

    /** {@code text.format}: {@code name}, {@code schema} and {@code strict} belong to {@code json_schema}. */
    @RegisterForReflection
    public record FormatParam(String type, String name, String description, Map<String, Object> schema,
            Boolean strict, @JsonAnySetter Map<String, Object> extra) {

        public FormatParam {
            extra = extra == null ? new LinkedHashMap<>() : extra;
        }
    }

    /** {@code reasoning}: the effort to spend; {@code summary} is accepted and echoed. */
    @RegisterForReflection
    public record ReasoningParam(String effort, String summary, @JsonAnySetter Map<String, Object> extra) {

        public ReasoningParam {
            extra = extra == null ? new LinkedHashMap<>() : extra;
        }
    }
}
