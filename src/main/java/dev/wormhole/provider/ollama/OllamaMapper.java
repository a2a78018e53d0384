package dev.wormhole.provider.ollama;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

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
import dev.wormhole.core.ModelInfo;
import dev.wormhole.core.ResponseFormat;
import dev.wormhole.core.Role;
import dev.wormhole.core.ToolCall;
import dev.wormhole.core.ToolChoice;
import dev.wormhole.core.Usage;
import dev.wormhole.provider.MessageRepair;
import dev.wormhole.provider.WireSupport;
import dev.wormhole.provider.ollama.wire.ApiChatRequest;
import dev.wormhole.provider.ollama.wire.ApiChatResponse;
import dev.wormhole.provider.ollama.wire.EmbedRequest;
import dev.wormhole.provider.ollama.wire.EmbedResponse;
import dev.wormhole.provider.ollama.wire.Message;
import dev.wormhole.provider.ollama.wire.Tags;

/**
 * Pure translation between the core model and Ollama's native API ({@code /api/chat}, {@code /api/embed},
 * {@code /api/tags}). Ollama names no tool calls, so the gateway gives each one an id. {@code parallel_tool_calls}
 * is accepted and not sent: Ollama has no such switch, and {@link dev.wormhole.provider.ParallelToolCalls} keeps
 * {@code false}.
 */
final class OllamaMapper {

    /** Caller-supplied fields that are Ollama's own and are passed on. */
    private static final Set<String> NATIVE_FIELDS = Set.of("top_k", "keep_alive");

    private OllamaMapper() {
    }

    static ApiChatRequest toWire(ChatRequest request, boolean stream, ObjectMapper json) {
        refuseUnsupported(request);
        List<ChatMessage> messages = MessageRepair.repair(request.messages(), UnaryOperator.identity());
        Map<String, String> callNames = new HashMap<>();
        List<Message> wire = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage m = messages.get(i);
            switch (m.role()) {
                case SYSTEM, DEVELOPER -> wire.add(new Message("system", m.text(), null, null, null, null));
                case USER -> wire.add(new Message("user", m.text(), images(m, i), null, null, null));
                case TOOL -> wire.add(new Message("tool", m.withToolErrorInText().text(), null, null,
                        callNames.get(m.toolCallId()), null));
                case ASSISTANT -> {
                    List<Message.ToolCall> calls = new ArrayList<>();
                    for (int c = 0; c < m.toolCalls().size(); c++) {
                        ToolCall call = m.toolCalls().get(c);
                        callNames.put(call.id(), call.name());
                        calls.add(new Message.ToolCall(new Message.Function(call.name(), WireSupport.jsonObject(
                                call.arguments(), "messages[" + i + "].tool_calls[" + c + "].function.arguments",
                                "Ollama", json))));
                    }
                    wire.add(new Message("assistant", m.text(), null, calls.isEmpty() ? null : calls, null,
                            thinking(m)));
                }
            }
        }
        boolean offerTools = !request.tools().isEmpty()
                && (request.toolChoice() == null || request.toolChoice().mode() != ToolChoice.Mode.NONE);
        List<ApiChatRequest.Tool> tools = offerTools ? request.tools().stream()
                .map(t -> new ApiChatRequest.Tool("function", new ApiChatRequest.Function(t.name(), t.description(),
                        t.parameters() == null ? Map.of("type", "object", "properties", Map.of()) : t.parameters())))
                .toList() : null;
        Object keepAlive = request.extensions().get("keep_alive");
        return new ApiChatRequest(request.model(), wire, stream, tools, format(request.responseFormat()),
                options(request), think(request.reasoningEffort()), keepAlive == null ? null : String.valueOf(keepAlive));
    }

    /**
     * The reasoning an assistant turn showed, as the message's {@code thinking} (which Ollama's chat API takes
     * back); signatures and redacted blocks are another provider's and have no place here.
     */
    private static String thinking(ChatMessage m) {
        StringBuilder text = new StringBuilder();
        for (ContentPart part : m.content()) {
            if (part instanceof ContentPart.Thinking t && t.text() != null) {
                text.append(t.text());
            }
        }
        return text.isEmpty() ? null : text.toString();
    }

    private static void refuseUnsupported(ChatRequest r) {
        if (r.n() != null && r.n() > 1) {
            throw unsupported("n", "one answer per request (n=1)");
        }
        if (r.toolChoice() != null && (r.toolChoice().mode() == ToolChoice.Mode.REQUIRED
                || r.toolChoice().mode() == ToolChoice.Mode.NAMED)) {
            throw unsupported("tool_choice", "only 'auto' and 'none' as tool_choice");
        }
        WireSupport.refuseUnknownFields(r.extensions(), NATIVE_FIELDS, "Ollama");
        WireSupport.topK(r.extensions());
    }

    private static GatewayException unsupported(String param, String what) {
        return GatewayException.invalid(param, "Ollama supports " + what + "; leave '" + param
                + "' out or route to another provider.");
    }

    private static List<String> images(ChatMessage m, int i) {
        List<String> images = new ArrayList<>();
        for (ContentPart part : m.content()) {
            if (part instanceof ContentPart.Image image) {
                WireSupport.InlineData data = WireSupport.inlineData(image.url());
                if (data == null) {
                    throw GatewayException.invalid("messages[" + i + "]", "Ollama takes images inline: send a base64 "
                            + "data: URL (the gateway does not fetch http(s) images for it).");
                }
                images.add(data.base64());
            }
        }
        return images.isEmpty() ? null : images;
    }

    private static Object format(ResponseFormat format) {
        if (format == null || format.type() == ResponseFormat.Type.TEXT) {
            return null;
        }
        return format.type() == ResponseFormat.Type.JSON_SCHEMA && format.schema() != null ? format.schema() : "json";
    }

    private static ApiChatRequest.Options options(ChatRequest r) {
        ApiChatRequest.Options options = new ApiChatRequest.Options(r.temperature(), r.topP(),
                (Integer) r.extensions().get("top_k"), r.maxTokens(), r.seed(), r.stop().isEmpty() ? null : r.stop(),
                r.presencePenalty(), r.frequencyPenalty());
        return options.equals(new ApiChatRequest.Options(null, null, null, null, null, null, null, null)) ? null
                : options;
    }

    private static Boolean think(String effort) {
        if (effort == null) {
            return null;
        }
        return !("none".equals(effort) || "minimal".equals(effort));
    }

    static ChatResult fromWire(ApiChatResponse response, String requestedModel, Supplier<String> ids, ObjectMapper json) {
        List<ToolCall> calls = toolCalls(response.message(), ids, json);
        String text = response.message() == null || response.message().content() == null ? ""
                : response.message().content();
        List<ContentPart> content = new ArrayList<>(2);
        String thinking = thinking(response.message());
        if (thinking != null) {
            content.add(new ContentPart.Thinking(thinking, null, null));
        }
        if (!text.isEmpty() || calls.isEmpty()) {
            content.add(new ContentPart.Text(text));
        }
        ChatMessage message = new ChatMessage(Role.ASSISTANT, content, null, calls, null);
        return new ChatResult(ids.get(), response.model() == null ? requestedModel : response.model(),
                epochSeconds(response.createdAt()),
                List.of(new ChatResult.Choice(0, message, finishReason(response.doneReason(), !calls.isEmpty()))),
                usage(response), null);
    }

    /** The reasoning Ollama showed ({@code message.thinking}, when {@code think} is on); null when none. */
    static String thinking(Message message) {
        return message == null || message.thinking() == null || message.thinking().isEmpty() ? null
                : message.thinking();
    }

    static List<ToolCall> toolCalls(Message message, Supplier<String> ids, ObjectMapper json) {
        if (message == null || message.toolCalls() == null) {
            return List.of();
        }
        List<ToolCall> calls = new ArrayList<>();
        for (Message.ToolCall call : message.toolCalls()) {
            if (call.function() == null) {
                continue;
            }
            calls.add(new ToolCall(ids.get(), call.function().name(), WireSupport.writeJson(
                    call.function().arguments() == null ? Map.of() : call.function().arguments(), json)));
        }
        return calls;
    }

    static FinishReason finishReason(String doneReason, boolean calledTools) {
        if ("length".equals(doneReason)) {
            return FinishReason.LENGTH;
        }
        return calledTools ? FinishReason.TOOL_CALLS : FinishReason.STOP;
    }

    static Usage usage(ApiChatResponse response) {
        return Usage.of(response.promptEvalCount() == null ? 0 : response.promptEvalCount(),
                response.evalCount() == null ? 0 : response.evalCount());
    }

    /** Ollama's time in epoch seconds, now when it sent none. */
    static long epochSeconds(String rfc3339) {
        return WireSupport.epochSeconds(rfc3339, System.currentTimeMillis() / 1000);
    }

    static EmbedRequest toWire(EmbeddingRequest request) {
        return new EmbedRequest(request.model(), request.inputs(), request.dimensions());
    }

    static EmbeddingResult fromWire(EmbedResponse response, EmbeddingRequest request) {
        List<float[]> vectors = response.embeddings() == null ? List.of() : response.embeddings();
        if (vectors.size() != request.inputs().size() || vectors.stream().anyMatch(v -> v == null)) {
            throw GatewayException.of(ErrorKind.UPSTREAM_ERROR, "upstream_malformed_response",
                    "Ollama returned " + vectors.size() + " embeddings for " + request.inputs().size() + " inputs.");
        }
        long prompt = response.promptEvalCount() == null ? 0 : response.promptEvalCount();
        return new EmbeddingResult(response.model() == null ? request.model() : response.model(), vectors,
                Usage.of(prompt, 0));
    }

    static List<ModelInfo> fromWire(Tags tags, String providerId) {
        if (tags.models() == null) {
            return List.of();
        }
        return tags.models().stream().filter(m -> m.name() != null).map(m -> {
            String display = m.details() == null ? null
                    : String.join(" ", java.util.stream.Stream.of(m.details().family(), m.details().parameterSize(),
                            m.details().quantizationLevel()).filter(s -> s != null && !s.isBlank()).toList());
            return new ModelInfo(m.name(), providerId, "library", m.modifiedAt() == null ? 0 : epochSeconds(m.modifiedAt()),
                    false, display == null || display.isEmpty() ? null : display, null, null, null, null, null, false);
        }).toList();
    }
}
