package dev.wormhole.provider.gemini;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.wormhole.core.ChatRequest;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.ResponseFormat;
import dev.wormhole.core.ToolChoice;
import dev.wormhole.provider.WireSupport;
import dev.wormhole.provider.gemini.wire.GenerateContentRequest;

/**
 * Which caller parameters Gemini can honour (the rest is a 400 naming them, before any I/O), and how the
 * honoured ones become its generation and function-calling settings. {@code parallel_tool_calls} is accepted
 * and not sent: Gemini has no such switch, and {@link dev.wormhole.provider.ParallelToolCalls} keeps {@code false}.
 */
final class GeminiParameters {

    /**
     * Caller-supplied fields Gemini takes ({@code top_k}) or accepts without sending, as they have no effect
     * on the answer ({@code store}, {@code metadata}, {@code service_tier}).
     */
    private static final Set<String> ACCEPTED_FIELDS = Set.of("top_k", "store", "metadata", "service_tier");
    private static final Map<String, Integer> THINKING_BUDGETS = Map.of("none", 0, "minimal", 0, "low", 1024,
            "medium", 8192, "high", 24576);
    private static final GenerateContentRequest.GenerationConfig NO_SETTINGS =
            new GenerateContentRequest.GenerationConfig(null, null, null, null, null, null, null, null, null, null, null,
                    null);

    private GeminiParameters() {
    }

    static void refuseUnsupported(ChatRequest r) {
        if (r.reasoningEffort() != null && !THINKING_BUDGETS.containsKey(r.reasoningEffort())) {
            throw GatewayException.invalid("reasoning_effort", "reasoning_effort must be one of "
                    + THINKING_BUDGETS.keySet() + " for Gemini.");
        }
        WireSupport.refuseUnknownFields(r.extensions(), ACCEPTED_FIELDS, "Gemini");
        WireSupport.topK(r.extensions());
    }

    /** Sampling, output format, candidate count and thinking budget; null when the caller set none. */
    static GenerateContentRequest.GenerationConfig generationConfig(ChatRequest r) {
        String mime = null;
        Map<String, Object> schema = null;
        ResponseFormat format = r.responseFormat();
        if (format != null && format.type() != ResponseFormat.Type.TEXT) {
            mime = "application/json";
            if (format.type() == ResponseFormat.Type.JSON_SCHEMA && format.schema() != null) {
                schema = GeminiSchema.translate(format.schema(), "response_format.json_schema.schema");
            }
        }
        Integer candidates = r.n() != null && r.n() > 1 ? r.n() : null;
        GenerateContentRequest.ThinkingConfig thinking = r.reasoningEffort() == null ? null
                : new GenerateContentRequest.ThinkingConfig(THINKING_BUDGETS.get(r.reasoningEffort()));
        GenerateContentRequest.GenerationConfig config = new GenerateContentRequest.GenerationConfig(r.temperature(),
                r.topP(), WireSupport.topK(r.extensions()), r.maxTokens(), r.stop().isEmpty() ? null : r.stop(),
                candidates, r.presencePenalty(), r.frequencyPenalty(), r.seed(), mime, schema, thinking);
        return config.equals(NO_SETTINGS) ? null : config;
    }

    /** {@code required} → {@code ANY}; a named choice → {@code ANY} limited to that function. */
    static GenerateContentRequest.ToolConfig toolConfig(ToolChoice choice) {
        if (choice == null) {
            return null;
        }
        GenerateContentRequest.FunctionCallingConfig config = switch (choice.mode()) {
            case AUTO -> new GenerateContentRequest.FunctionCallingConfig("AUTO", null);
            case NONE -> new GenerateContentRequest.FunctionCallingConfig("NONE", null);
            case REQUIRED -> new GenerateContentRequest.FunctionCallingConfig("ANY", null);
            case NAMED -> new GenerateContentRequest.FunctionCallingConfig("ANY", List.of(choice.name()));
        };
        return new GenerateContentRequest.ToolConfig(config);
    }
}
