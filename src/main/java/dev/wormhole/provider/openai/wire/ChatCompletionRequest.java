package dev.wormhole.provider.openai.wire;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code POST /chat/completions} body. {@code toolChoice} is a String or {@link NamedToolChoice};
 * {@code extra} holds pass-through fields the gateway does not model. Reflection: serialized by the
 * dialect's ObjectMapper.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletionRequest(
        String model,
        List<WireMessage> messages,
        Double temperature,
        @JsonProperty("top_p") Double topP,
        @JsonProperty("max_tokens") Integer maxTokens,
        @JsonProperty("max_completion_tokens") Integer maxCompletionTokens,
        Integer n,
        List<String> stop,
        Long seed,
        @JsonProperty("presence_penalty") Double presencePenalty,
        @JsonProperty("frequency_penalty") Double frequencyPenalty,
        List<Tool> tools,
        @JsonProperty("tool_choice") Object toolChoice,
        @JsonProperty("parallel_tool_calls") Boolean parallelToolCalls,
        @JsonProperty("response_format") ResponseFormat responseFormat,
        @JsonProperty("reasoning_effort") String reasoningEffort,
        String user,
        Boolean stream,
        @JsonProperty("stream_options") StreamOptions streamOptions,
        @JsonIgnore Map<String, Object> extra) {

    @JsonAnyGetter
    Map<String, Object> extraFields() {
        return extra;
    }

    /** A function tool. */
    @RegisterForReflection
    public record Tool(String type, FunctionDef function) {
    }

    /** A function definition. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FunctionDef(String name, String description, Map<String, Object> parameters, Boolean strict) {
    }

    /** {@code {"type":"function","function":{"name":…}}}. */
    @RegisterForReflection
    public record NamedToolChoice(String type, Map<String, String> function) {
    }

    /** {@code response_format}. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ResponseFormat(String type, @JsonProperty("json_schema") JsonSchema jsonSchema) {
    }

    /** A named JSON schema. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record JsonSchema(String name, Map<String, Object> schema, Boolean strict) {
    }

    /** {@code stream_options}. */
    @RegisterForReflection
    public record StreamOptions(@JsonProperty("include_usage") boolean includeUsage) {
    }
}
