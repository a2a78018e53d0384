package dev.wormhole.provider.ollama.wire;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code POST /api/chat} body. {@code format} is {@code "json"} or a JSON schema; {@code think} turns a
 * thinking model's reasoning on or off. Reflection: serialized by the dialect's ObjectMapper.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiChatRequest(String model, List<Message> messages, boolean stream, List<Tool> tools, Object format,
        Options options, Boolean think, @JsonProperty("keep_alive") String keepAlive) {

    /** A function offered to the model. */
    @RegisterForReflection
    public record Tool(String type, Function function) {
    }

    /** Its definition; {@code parameters} is a JSON schema. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Function(String name, String description, Map<String, Object> parameters) {
    }

    /** Sampling options, by Ollama's names. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Options(Double temperature, @JsonProperty("top_p") Double topP, @JsonProperty("top_k") Integer topK,
            @JsonProperty("num_predict") Integer numPredict, Long seed, List<String> stop,
            @JsonProperty("presence_penalty") Double presencePenalty,
            @JsonProperty("frequency_penalty") Double frequencyPenalty) {
    }
}
