package dev.wormhole.provider.gemini;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.core.ChatMessage;
import dev.wormhole.core.ChatRequest;
import dev.wormhole.core.ChatResult;
import dev.wormhole.core.ContentPart;
import dev.wormhole.core.EmbeddingRequest;
import dev.wormhole.core.EmbeddingResult;
import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.FinishReason;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.ModelCapability;
import dev.wormhole.core.ModelInfo;
import dev.wormhole.core.Role;
import dev.wormhole.core.ToolCall;
import dev.wormhole.core.ToolDefinition;
import dev.wormhole.core.Usage;
import dev.wormhole.provider.MessageRepair;
import dev.wormhole.provider.WireSupport;
import dev.wormhole.provider.gemini.wire.Content;
import dev.wormhole.provider.gemini.wire.EmbedRequest;
import dev.wormhole.provider.gemini.wire.EmbedResponse;
import dev.wormhole.provider.gemini.wire.GenerateContentRequest;
import dev.wormhole.provider.gemini.wire.GenerateContentResponse;
import dev.wormhole.provider.gemini.wire.ModelList;

/**
 * Pure translation between the core model and Gemini's {@code generateContent} API. A function call's
 * {@code thoughtSignature}, which Gemini needs back with the call, travels inside the OpenAI tool-call id
 * ({@code <id>__thought__<signature>}), which every client echoes unchanged. The signature is written in
 * base64url without padding, so that the id stays within {@code [A-Za-z0-9_-]} (Anthropic's {@code tool_use} id
 * pattern, for Messages API clients); an id in standard base64 (as the gateway wrote them before) is read too.
 */
final class GeminiMapper {

    static final String SIGNATURE_SEPARATOR = "__thought__";

    private GeminiMapper() {
    }

    static GenerateContentRequest toWire(ChatRequest request, ObjectMapper json) {
        GeminiParameters.refuseUnsupported(request);
        List<ChatMessage> messages = MessageRepair.repair(request.messages(), UnaryOperator.identity());
        Map<String, String> callNames = new HashMap<>();
        List<Content.Part> system = new ArrayList<>();
        List<Content> turns = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage m = messages.get(i);
            switch (m.role()) {
                case SYSTEM, DEVELOPER -> system.add(Content.Part.text(WireSupport.systemText(m, i, "Gemini")));
                case USER -> append(turns, "user", userParts(m, i));
                case TOOL -> append(turns, "user", List.of(functionResponse(m, callNames.get(m.toolCallId()), json)));
                case ASSISTANT -> {
                    m.toolCalls().forEach(c -> callNames.put(c.id(), c.name()));
                    append(turns, "model", modelParts(m, i, json));
                }
            }
        }
        if (turns.isEmpty()) {
            throw GatewayException.invalid("messages", "Gemini needs at least one user or assistant message besides "
                    + "the system instruction.");
        }
        List<GenerateContentRequest.FunctionDeclaration> functions = new ArrayList<>();
        for (int t = 0; t < request.tools().size(); t++) {
            ToolDefinition tool = request.tools().get(t);
            Map<String, Object> parameters = tool.parameters() == null || tool.parameters().isEmpty()
                    || isEmptyObject(tool.parameters()) ? null
                            : GeminiSchema.translate(tool.parameters(), "tools[" + t + "].function.parameters");
            functions.add(new GenerateContentRequest.FunctionDeclaration(tool.name(), tool.description(), parameters));
        }
        return new GenerateContentRequest(turns, system.isEmpty() ? null : new Content(null, system),
                functions.isEmpty() ? null : List.of(new GenerateContentRequest.Tool(functions)),
                functions.isEmpty() ? null : GeminiParameters.toolConfig(request.toolChoice()),
                GeminiParameters.generationConfig(request));
    }

    private static boolean isEmptyObject(Map<String, Object> schema) {
        return "object".equals(schema.get("type"))
                && (!(schema.get("properties") instanceof Map<?, ?> p) || p.isEmpty());
    }

    /** Consecutive contents of one role become one, as Gemini alternates user and model. */
    private static void append(List<Content> turns, String role, List<Content.Part> parts) {
        WireSupport.appendTurn(turns, role, parts, Content::role, Content::parts, Content::new);
    }

    private static List<Content.Part> userParts(ChatMessage m, int i) {
        List<Content.Part> parts = new ArrayList<>();
        for (ContentPart part : m.content()) {
            if (part instanceof ContentPart.Text text) {
                if (!text.text().isEmpty()) {
                    parts.add(Content.Part.text(text.text()));
                }
            } else if (part instanceof ContentPart.Image image) {
                parts.add(new Content.Part(null, null, inlineData(image.url(), i), null, null, null));
            }
        }
        if (parts.isEmpty()) {
            throw GatewayException.invalid("messages[" + i + "]", "messages[" + i + "] is empty; Gemini needs content "
                    + "in every user message.");
        }
        return parts;
    }

    private static Content.Blob inlineData(String url, int i) {
        WireSupport.InlineData data = WireSupport.inlineData(url);
        if (data == null) {
            throw GatewayException.invalid("messages[" + i + "]", "Gemini takes images inline: send a base64 data: URL"
                    + " (the gateway does not fetch http(s) images for it).");
        }
        return new Content.Blob(data.mediaType(), data.base64());
    }

    private static List<Content.Part> modelParts(ChatMessage m, int i, ObjectMapper json) {
        List<Content.Part> parts = new ArrayList<>();
        if (!m.text().isEmpty()) {
            parts.add(Content.Part.text(m.text()));
        }
        for (int c = 0; c < m.toolCalls().size(); c++) {
            ToolCall call = m.toolCalls().get(c);
            int cut = call.id().indexOf(SIGNATURE_SEPARATOR);
            String signature = cut < 0 ? null : signature(call.id().substring(cut + SIGNATURE_SEPARATOR.length()));
            parts.add(new Content.Part(null, null, null, new Content.FunctionCall(null, call.name(),
                    WireSupport.jsonObject(call.arguments(), "messages[" + i + "].tool_calls[" + c
                            + "].function.arguments", "Gemini", json)),
                    null, signature));
        }
        return parts;
    }

    /** A tool's result: its JSON object as is, anything else (other JSON, plain text) as {@code {"result": …}}. */
    @SuppressWarnings("unchecked")
    private static Content.Part functionResponse(ChatMessage m, String name, ObjectMapper json) {
        String text = m.text();
        Object parsed;
        try {
            // Trailing tokens fail: "18 °C, light rain" is text, not the number 18 followed by noise.
            parsed = text.isBlank() ? "" : json.readerFor(Object.class)
                    .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(text);
        } catch (JsonProcessingException e) {
            parsed = text;
        }
        // Gemini reads a failed call's details under "error" (and its output under any other key).
        Map<String, Object> response = m.toolError() ? Map.of("error", parsed)
                : parsed instanceof Map<?, ?> object ? (Map<String, Object>) object : Map.of("result", parsed);
        return new Content.Part(null, null, null, null, new Content.FunctionResponse(null, name, response), null);
    }

    /** A complete answer; a prompt Gemini blocked is a content-filter failure. */
    static ChatResult fromWire(GenerateContentResponse response, String requestedModel, long created,
            Supplier<String> ids, ObjectMapper json) {
        if (response.candidates() == null || response.candidates().isEmpty()) {
            throw blocked(response);
        }
        List<ChatResult.Choice> choices = new ArrayList<>();
        for (int c = 0; c < response.candidates().size(); c++) {
            GenerateContentResponse.Candidate candidate = response.candidates().get(c);
            StringBuilder text = new StringBuilder();
            List<ToolCall> calls = new ArrayList<>();
            for (Content.Part part : parts(candidate)) {
                if (part.functionCall() != null) {
                    calls.add(toolCall(part, ids, json));
                } else if (part.text() != null && !Boolean.TRUE.equals(part.thought())) {
                    text.append(part.text());
                }
            }
            List<ContentPart> content = text.length() == 0 && !calls.isEmpty() ? List.of()
                    : List.of(new ContentPart.Text(text.toString()));
            choices.add(new ChatResult.Choice(candidate.index() == null ? c : candidate.index(),
                    new ChatMessage(Role.ASSISTANT, content, null, calls, null),
                    finishReason(candidate.finishReason(), !calls.isEmpty())));
        }
        return new ChatResult(response.responseId() == null ? ids.get() : response.responseId(),
                response.modelVersion() == null ? requestedModel : response.modelVersion(), created, choices,
                usage(response.usageMetadata()), null);
    }

    /** The signature in the base64 Gemini wrote, from its form in a tool-call id. */
    private static String signature(String inId) {
        if (inId.indexOf('+') >= 0 || inId.indexOf('/') >= 0 || inId.indexOf('=') >= 0) {
            return inId;
        }
        StringBuilder standard = new StringBuilder(inId.replace('-', '+').replace('_', '/'));
        while (standard.length() % 4 != 0) {
            standard.append('=');
        }
        return standard.toString();
    }

    static List<Content.Part> parts(GenerateContentResponse.Candidate candidate) {
        return candidate.content() == null || candidate.content().parts() == null ? List.of()
                : candidate.content().parts();
    }

    static ToolCall toolCall(Content.Part part, Supplier<String> ids, ObjectMapper json) {
        Content.FunctionCall call = part.functionCall();
        String id = call.id() != null && !call.id().isEmpty() ? call.id() : ids.get();
        if (part.thoughtSignature() != null) {
            id = id + SIGNATURE_SEPARATOR + part.thoughtSignature().replace('+', '-').replace('/', '_')
                    .replace("=", "");
        }
        return new ToolCall(id, call.name(), WireSupport.writeJson(call.args() == null ? Map.of() : call.args(), json));
    }

    static GatewayException blocked(GenerateContentResponse response) {
        String reason = response.promptFeedback() == null ? null : response.promptFeedback().blockReason();
        if (reason != null) {
            return GatewayException.of(ErrorKind.CONTENT_FILTERED, "content_filter",
                    "Gemini blocked the prompt (" + reason + ").");
        }
        return GatewayException.of(ErrorKind.UPSTREAM_ERROR, "upstream_malformed_response",
                "Gemini answered without any candidate.");
    }

    /** Gemini says STOP for an answer that calls functions too; OpenAI clients expect tool_calls. */
    static FinishReason finishReason(String reason, boolean calledTools) {
        if (reason == null) {
            return null;
        }
        return switch (reason) {
            case "MAX_TOKENS" -> FinishReason.LENGTH;
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY", "LANGUAGE" ->
                FinishReason.CONTENT_FILTER;
            default -> calledTools ? FinishReason.TOOL_CALLS : FinishReason.STOP;
        };
    }

    /** The prompt includes tool-use prompt tokens; the completion includes the thinking tokens. */
    static Usage usage(GenerateContentResponse.UsageMetadata usage) {
        if (usage == null) {
            return Usage.ZERO;
        }
        long thoughts = WireSupport.orZero(usage.thoughtsTokenCount());
        long prompt = WireSupport.orZero(usage.promptTokenCount()) + WireSupport.orZero(usage.toolUsePromptTokenCount());
        return new Usage(prompt, WireSupport.orZero(usage.candidatesTokenCount()) + thoughts,
                WireSupport.orZero(usage.cachedContentTokenCount()), thoughts);
    }

    static EmbedRequest toWire(EmbeddingRequest request) {
        return new EmbedRequest(request.inputs().stream().map(text -> new EmbedRequest.One("models/" + request.model(),
                new Content(null, List.of(Content.Part.text(text))), request.dimensions())).toList());
    }

    static EmbeddingResult fromWire(EmbedResponse response, EmbeddingRequest request) {
        List<float[]> vectors = new ArrayList<>();
        if (response.embeddings() != null) {
            response.embeddings().forEach(e -> vectors.add(e.values()));
        }
        if (vectors.size() != request.inputs().size() || vectors.stream().anyMatch(v -> v == null)) {
            throw GatewayException.of(ErrorKind.UPSTREAM_ERROR, "upstream_malformed_response",
                    "Gemini returned " + vectors.size() + " embeddings for " + request.inputs().size() + " inputs.");
        }
        return new EmbeddingResult(request.model(), vectors, Usage.ZERO);
    }

    static List<ModelInfo> fromWire(ModelList list, String providerId) {
        if (list.models() == null) {
            return List.of();
        }
        return list.models().stream().filter(m -> m.name() != null).map(m -> {
            String id = m.name().startsWith("models/") ? m.name().substring(7) : m.name();
            List<String> methods = m.supportedGenerationMethods() == null ? List.of() : m.supportedGenerationMethods();
            Set<ModelCapability> capabilities = null;
            if (!methods.contains("generateContent") && (methods.contains("embedContent")
                    || methods.contains("batchEmbedContents"))) {
                capabilities = Set.of(ModelCapability.EMBEDDINGS);
            }
            return new ModelInfo(id, providerId, "google", 0, false, m.displayName(), capabilities,
                    m.inputTokenLimit(), m.outputTokenLimit(), null, null, false);
        }).toList();
    }
}
