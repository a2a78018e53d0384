package dev.wormhole.provider.ollama.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A whole answer, or one NDJSON line of a stream: {@code done} marks the last, which carries
 * {@code done_reason} and the token counts; {@code error} is set on an in-band failure.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApiChatResponse(String model, @JsonProperty("created_at") String createdAt, Message message, Boolean done,
        @JsonProperty("done_reason") String doneReason, @JsonProperty("prompt_eval_count") Long promptEvalCount,
        @JsonProperty("eval_count") Long evalCount, String error) {
}
