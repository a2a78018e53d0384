package dev.wormhole.provider.gemini.wire;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A turn ({@code user} or {@code model}) or the system instruction: a list of parts. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Content(String role, List<Part> parts) {

    /**
     * One part: {@code text} (with {@code thought} set on thinking summaries), {@code inlineData},
     * {@code functionCall} or {@code functionResponse}; {@code thoughtSignature} rides on a function call and
     * must be sent back with it.
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Part(String text, Boolean thought, Blob inlineData, FunctionCall functionCall,
            FunctionResponse functionResponse, String thoughtSignature) {

        public static Part text(String text) {
            return new Part(text, null, null, null, null, null);
        }
    }

    /** Base64 bytes with their media type. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Blob(String mimeType, String data) {
    }

    /** A call the model makes; {@code args} is a JSON object. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FunctionCall(String id, String name, Map<String, Object> args) {
    }

    /** A function's result, sent back by name; {@code response} is a JSON object. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FunctionResponse(String id, String name, Map<String, Object> response) {
    }
}
