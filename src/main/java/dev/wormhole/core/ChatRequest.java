package dev.wormhole.core;

import java.util.List;
import java.util.Map;

/**
 * A provider-neutral chat request. Optional numeric parameters are null when the caller left them to the
 * provider's default.
 *
 * @param model      the model as the provider knows it (no provider prefix once routed)
 * @param stop       stop sequences (empty when none)
 * @param extensions caller-supplied request fields the gateway does not model; dialects that speak the
 *                   caller's protocol pass them through, others ignore them
 */
public record ChatRequest(
        String model,
        List<ChatMessage> messages,
        Double temperature,
        Double topP,
        Integer maxTokens,
        Integer n,
        List<String> stop,
        Long seed,
        Double presencePenalty,
        Double frequencyPenalty,
        List<ToolDefinition> tools,
        ToolChoice toolChoice,
        Boolean parallelToolCalls,
        ResponseFormat responseFormat,
        String reasoningEffort,
        String user,
        Map<String, Object> extensions) {

    public ChatRequest {
        messages = List.copyOf(messages);
        stop = stop == null ? List.of() : List.copyOf(stop);
        tools = tools == null ? List.of() : List.copyOf(tools);
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    /** A request with only a model and messages, for tests and internal callers. */
    public static ChatRequest of(String model, List<ChatMessage> messages) {
        return new ChatRequest(model, messages, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    /** The same request addressed to another model name (routing strips the provider prefix). */
    public ChatRequest withModel(String otherModel) {
        return new ChatRequest(otherModel, messages, temperature, topP, maxTokens, n, stop, seed, presencePenalty,
                frequencyPenalty, tools, toolChoice, parallelToolCalls, responseFormat, reasoningEffort, user,
                extensions);
    }
}
