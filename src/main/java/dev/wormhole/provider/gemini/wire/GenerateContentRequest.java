package dev.wormhole.provider.gemini.wire;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** {@code models/{model}:generateContent} body. Reflection: serialized by the dialect's ObjectMapper. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GenerateContentRequest(List<Content> contents, Content systemInstruction, List<Tool> tools,
        ToolConfig toolConfig, GenerationConfig generationConfig) {

    /** Function declarations offered to the model. */
    @RegisterForReflection
    public record Tool(List<FunctionDeclaration> functionDeclarations) {
    }

    /** One function; {@code parameters} is in Gemini's OpenAPI schema subset. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FunctionDeclaration(String name, String description, Map<String, Object> parameters) {
    }

    /** How functions may be called. */
    @RegisterForReflection
    public record ToolConfig(FunctionCallingConfig functionCallingConfig) {
    }

    /** {@code AUTO}, {@code ANY} (optionally limited to {@code allowedFunctionNames}) or {@code NONE}. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FunctionCallingConfig(String mode, List<String> allowedFunctionNames) {
    }

    /** Sampling and output settings. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GenerationConfig(Double temperature, Double topP, Integer topK, Integer maxOutputTokens,
            List<String> stopSequences, Integer candidateCount, Double presencePenalty, Double frequencyPenalty,
            Long seed, String responseMimeType, Map<String, Object> responseSchema, ThinkingConfig thinkingConfig) {
    }

    /** The thinking budget in tokens (0 turns thinking off where the model allows it). */
    @RegisterForReflection
    public record ThinkingConfig(int thinkingBudget) {
    }
}
