package dev.wormhole.provider.openai;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.wormhole.core.ChatDelta;
import dev.wormhole.core.ChatMessage;
import dev.wormhole.core.ChatRequest;
import dev.wormhole.core.ChatResult;
import dev.wormhole.core.ContentPart;
import dev.wormhole.core.EmbeddingRequest;
import dev.wormhole.core.EmbeddingResult;
import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.FinishReason;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.ModelInfo;
import dev.wormhole.core.ResponseFormat;
import dev.wormhole.core.Role;
import dev.wormhole.core.ToolCall;
import dev.wormhole.core.ToolChoice;
import dev.wormhole.core.Usage;
import dev.wormhole.provider.MessageRepair;
import dev.wormhole.provider.ProviderSettings;
import dev.wormhole.provider.openai.wire.ChatCompletion;
import dev.wormhole.provider.openai.wire.ChatCompletionChunk;
import dev.wormhole.provider.openai.wire.ChatCompletionRequest;
import dev.wormhole.provider.openai.wire.EmbeddingsRequest;
import dev.wormhole.provider.openai.wire.EmbeddingsResponse;
import dev.wormhole.provider.openai.wire.ModelList;
import dev.wormhole.provider.openai.wire.WireMessage;
import dev.wormhole.provider.openai.wire.WireUsage;

/** Pure translation between the core model and OpenAI's wire format. */
final class OpenAiMapper {

    private OpenAiMapper() {
    }

    static ChatCompletionRequest toWire(ChatRequest request, boolean stream) {
        return toWire(request, stream, ProviderSettings.Quirks.NONE);
    }

    /** The wire request, naming the output limit the way this upstream reads it. */
    static ChatCompletionRequest toWire(ChatRequest request, boolean stream, ProviderSettings.Quirks quirks) {
        boolean legacyLimit = "max_tokens".equals(quirks.maxTokensParam());
        return new ChatCompletionRequest(request.model(),
                MessageRepair.repair(request.messages(), java.util.function.UnaryOperator.identity()).stream()
                        .map(OpenAiMapper::toWire).toList(),
                request.temperature(), request.topP(), legacyLimit ? request.maxTokens() : null,
                legacyLimit ? null : request.maxTokens(), request.n(),
                request.stop().isEmpty() ? null : request.stop(), request.seed(), request.presencePenalty(),
                request.frequencyPenalty(),
                request.tools().isEmpty() ? null : request.tools().stream()
                        .map(t -> new ChatCompletionRequest.Tool("function", new ChatCompletionRequest.FunctionDef(
                                t.name(), t.description(), t.parameters(), t.strict())))
                        .toList(),
                toolChoice(request.toolChoice()), request.parallelToolCalls(), responseFormat(request.responseFormat()),
                request.reasoningEffort(), request.user(), stream ? Boolean.TRUE : null,
                stream ? new ChatCompletionRequest.StreamOptions(true) : null,
                request.extensions());
    }

    private static WireMessage toWire(ChatMessage message) {
        List<WireMessage.WireToolCall> calls = message.toolCalls().isEmpty() ? null
                : message.toolCalls().stream().map(c -> new WireMessage.WireToolCall(null, c.id(), "function",
                        new WireMessage.Function(c.name(), c.arguments()))).toList();
        return new WireMessage(message.role().name().toLowerCase(), content(message.withToolErrorInText()),
                message.name(), null, calls, message.toolCallId());
    }

    private static Object content(ChatMessage message) {
        // Another provider's reasoning has no place in OpenAI's messages: it is left out.
        List<ContentPart> parts = message.content().stream().filter(p -> !(p instanceof ContentPart.Thinking)).toList();
        if (parts.isEmpty()) {
            return message.role() == Role.ASSISTANT ? null : "";
        }
        if (parts.size() == 1 && parts.get(0) instanceof ContentPart.Text text) {
            return text.text();
        }
        return parts.stream().map(OpenAiMapper::toWire).toList();
    }

    private static WireMessage.ContentPart toWire(ContentPart part) {
        if (part instanceof ContentPart.Image image) {
            return new WireMessage.ContentPart("image_url", null,
                    new WireMessage.ImageUrl(image.url(), image.detail()));
        }
        return new WireMessage.ContentPart("text", ((ContentPart.Text) part).text(), null);
    }

    private static Object toolChoice(ToolChoice choice) {
        if (choice == null) {
            return null;
        }
        return switch (choice.mode()) {
            case AUTO -> "auto";
            case NONE -> "none";
            case REQUIRED -> "required";
            case NAMED -> new ChatCompletionRequest.NamedToolChoice("function", Map.of("name", choice.name()));
        };
    }

    private static ChatCompletionRequest.ResponseFormat responseFormat(ResponseFormat format) {
        if (format == null) {
            return null;
        }
        return switch (format.type()) {
            case TEXT -> new ChatCompletionRequest.ResponseFormat("text", null);
            case JSON_OBJECT -> new ChatCompletionRequest.ResponseFormat("json_object", null);
            case JSON_SCHEMA -> new ChatCompletionRequest.ResponseFormat("json_schema",
                    new ChatCompletionRequest.JsonSchema(format.schemaName(), format.schema(), format.strict()));
        };
    }

    static ChatResult fromWire(ChatCompletion completion, String requestedModel) {
        List<ChatResult.Choice> choices = new ArrayList<>();
        if (completion.choices() != null) {
            for (ChatCompletion.Choice c : completion.choices()) {
                choices.add(new ChatResult.Choice(c.index(), fromWire(c.message()), finishReason(c.finishReason())));
            }
        }
        return new ChatResult(completion.id(), completion.model() == null ? requestedModel : completion.model(),
                completion.created() == null ? 0 : completion.created(), choices, usage(completion.usage()),
                completion.systemFingerprint());
    }

    private static ChatMessage fromWire(WireMessage message) {
        if (message == null) {
            return new ChatMessage(Role.ASSISTANT, List.of(), null, List.of(), null);
        }
        List<ContentPart> content = message.content() instanceof String text ? List.of(new ContentPart.Text(text))
                : List.of();
        List<ToolCall> calls = message.toolCalls() == null ? List.of()
                : message.toolCalls().stream().map(c -> new ToolCall(c.id(), c.function() == null ? null
                        : c.function().name(), c.function() == null ? "" : c.function().arguments())).toList();
        return new ChatMessage(Role.ASSISTANT, content, null, calls, null);
    }

    static ChatDelta fromWire(ChatCompletionChunk chunk, String requestedModel) {
        List<ChatDelta.ChoiceDelta> choices = new ArrayList<>();
        if (chunk.choices() != null) {
            for (ChatCompletionChunk.Choice c : chunk.choices()) {
                WireMessage d = c.delta();
                List<ChatDelta.ToolCallDelta> calls = d == null || d.toolCalls() == null ? List.of()
                        : d.toolCalls().stream().map(t -> new ChatDelta.ToolCallDelta(
                                t.index() == null ? 0 : t.index(), t.id(),
                                t.function() == null ? null : t.function().name(),
                                t.function() == null ? null : t.function().arguments())).toList();
                choices.add(new ChatDelta.ChoiceDelta(c.index(),
                        d == null || d.role() == null ? null : Role.ASSISTANT,
                        d != null && d.content() instanceof String s ? s : null, calls,
                        finishReason(c.finishReason())));
            }
        }
        return new ChatDelta(chunk.id(), chunk.model() == null ? requestedModel : chunk.model(),
                chunk.created() == null ? 0 : chunk.created(), choices,
                chunk.usage() == null ? null : usage(chunk.usage()));
    }

    static FinishReason finishReason(String wire) {
        if (wire == null) {
            return null;
        }
        return switch (wire) {
            case "length" -> FinishReason.LENGTH;
            case "tool_calls", "function_call" -> FinishReason.TOOL_CALLS;
            case "content_filter" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.STOP;
        };
    }

    static Usage usage(WireUsage usage) {
        if (usage == null) {
            return Usage.ZERO;
        }
        long cached = usage.promptTokensDetails() == null || usage.promptTokensDetails().cachedTokens() == null ? 0
                : usage.promptTokensDetails().cachedTokens();
        long reasoning = usage.completionTokensDetails() == null
                || usage.completionTokensDetails().reasoningTokens() == null ? 0
                        : usage.completionTokensDetails().reasoningTokens();
        return new Usage(usage.promptTokens(), usage.completionTokens(), cached, reasoning);
    }

    static EmbeddingsRequest toWire(EmbeddingRequest request) {
        return new EmbeddingsRequest(request.model(), request.inputs(), request.dimensions(), "float", request.user());
    }

    static EmbeddingResult fromWire(EmbeddingsResponse response, EmbeddingRequest request) {
        float[][] vectors = new float[request.inputs().size()][];
        if (response.data() != null) {
            for (EmbeddingsResponse.Item item : response.data()) {
                if (item.index() >= 0 && item.index() < vectors.length) {
                    vectors[item.index()] = item.embedding();
                }
            }
        }
        for (float[] v : vectors) {
            if (v == null) {
                throw GatewayException.of(ErrorKind.UPSTREAM_ERROR, "upstream_malformed_response",
                        "The upstream returned fewer embeddings than inputs.");
            }
        }
        return new EmbeddingResult(response.model() == null ? request.model() : response.model(), List.of(vectors),
                usage(response.usage()));
    }

    /**
     * A model list. OpenRouter-style entries also carry a name, a context length and per-token prices (as
     * strings), which become the catalog's display name, context window and per-million prices.
     */
    static List<ModelInfo> fromWire(ModelList list, String providerId) {
        if (list.data() == null) {
            return List.of();
        }
        return list.data().stream().filter(m -> m.id() != null).map(m -> new ModelInfo(m.id(), providerId,
                m.ownedBy() == null ? providerId : m.ownedBy(), m.created() == null ? 0 : m.created(), false, m.name(),
                null, m.contextLength(), m.topProvider() == null ? null : m.topProvider().maxCompletionTokens(),
                perMillion(m.pricing() == null ? null : m.pricing().prompt()),
                perMillion(m.pricing() == null ? null : m.pricing().completion()), false)).toList();
    }

    private static Double perMillion(String perToken) {
        if (perToken == null) {
            return null;
        }
        try {
            return Math.round(Double.parseDouble(perToken) * 1_000_000 * 1_000_000d) / 1_000_000d;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
