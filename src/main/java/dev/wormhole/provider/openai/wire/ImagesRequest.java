package dev.wormhole.provider.openai.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code POST /images/generations} body. Reflection: serialized by the dialect's ObjectMapper. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImagesRequest(String model, String prompt, Integer n, String size, String quality, String style,
        String background, @JsonProperty("output_format") String outputFormat,
        @JsonProperty("response_format") String responseFormat, String user) {
}
