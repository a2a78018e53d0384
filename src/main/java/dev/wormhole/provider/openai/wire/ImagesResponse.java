package dev.wormhole.provider.openai.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code POST /images/generations} reply: each image as {@code b64_json} or {@code url}; {@code usage} in tokens
 * (GPT Image models only). Reflection: read by the dialect's ObjectMapper.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImagesResponse(Long created, List<Image> data, @JsonProperty("output_format") String outputFormat,
        Usage usage) {

    /** One image. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Image(@JsonProperty("b64_json") String b64Json, String url,
            @JsonProperty("revised_prompt") String revisedPrompt) {
    }

    /** Token usage of a GPT Image call. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Usage(@JsonProperty("input_tokens") Long inputTokens,
            @JsonProperty("output_tokens") Long outputTokens) {
    }
}
