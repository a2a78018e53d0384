package dev.wormhole.api.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * OpenAI's images answer: each image as {@code b64_json} or {@code url}, and the token usage when the provider
 * reported one. Reflection: written by the resource's ObjectMapper call.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImagesResponse(long created, List<Item> data, Usage usage) {

    /** One image. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(@JsonProperty("b64_json") String b64Json, String url,
            @JsonProperty("revised_prompt") String revisedPrompt) {
    }

    /** Tokens of the call, as GPT Image models report them. */
    @RegisterForReflection
    public record Usage(@JsonProperty("input_tokens") long inputTokens,
            @JsonProperty("output_tokens") long outputTokens, @JsonProperty("total_tokens") long totalTokens) {
    }
}
