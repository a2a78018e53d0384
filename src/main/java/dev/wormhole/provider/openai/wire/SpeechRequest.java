package dev.wormhole.provider.openai.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code POST /audio/speech} body. Reflection: serialized by the dialect's ObjectMapper. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SpeechRequest(String model, String input, String voice,
        @JsonProperty("response_format") String responseFormat, Double speed, String instructions) {
}
