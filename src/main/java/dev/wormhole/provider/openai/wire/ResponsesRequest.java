package dev.wormhole.provider.openai.wire;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * {@code POST /responses} body. {@code input} holds message items ({@link InputMessage}) and function-call
 * items ({@link FunctionCallItem}, {@link FunctionCallOutput}); {@code toolChoice} is a String or
 * {@link NamedToolChoice}; {@code extra} holds the pass-through fields. Reflection: serialized by the
 * dialect's ObjectMapper.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResponsesRequest(String model, List<Object> input, List<Tool> tools,
        @JsonProperty("tool_choice") Object toolChoice, @JsonProperty("parallel_tool_calls") Boolean parallelToolCalls,
        @JsonProperty("max_output_tokens") Integer maxOutputTokens, Double temperature, @JsonProperty("top_p") Double topP,
        Text text, Reasoning reasoning, String user, Boolean stream, Boolean store,
        @JsonIgnore Map<String, Object> extra) {

    @JsonAnyGetter
    public Map<String, Object> extraFields() {
        return extra;
    }

    /** A message: {@code content} is a string or a list of {@link InputPart}s. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InputMessage(String role, Object content) {
    }

    /** {@code input_text} ({@code text}) or {@code input_image} ({@code image_url}, {@code detail}). */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InputPart(String type, String text, @JsonProperty("image_url") String imageUrl, String detail) {
    }

    /** A call the model made earlier in the conversation. */
    @RegisterForReflection
    public record FunctionCallItem(String type, @JsonProperty("call_id") String callId, String name, String arguments) {
    }

    /** The result of such a call. */
    @RegisterForReflection
    public record FunctionCallOutput(String type, @JsonProperty("call_id") String callId, String output) {
    }

    /** A function tool (flat, unlike Chat Completions). */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Tool(String type, String name, String description, Map<String, Object> parameters, Boolean strict) {
    }

    /** {@code {"type":"function","name":…}}. */
    @RegisterForReflection
    public record NamedToolChoice(String type, String name) {
    }

    /** The output format. */
    @RegisterForReflection
    public record Text(Format format) {
    }

    /** {@code text}, {@code json_object}, or {@code json_schema} with its name, schema and strictness. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Format(String type, String name, Map<String, Object> schema, Boolean strict) {
    }

    /** Reasoning settings. */
    @RegisterForReflection
    public record Reasoning(String effort) {
    }
}
