package dev.wormhole.provider.openai;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.wormhole.core.ChatMessage;
import dev.wormhole.core.ChatRequest;
import dev.wormhole.core.ChatResult;
import dev.wormhole.core.ContentPart;
import dev.wormhole.core.FinishReason;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.ResponseFormat;
import dev.wormhole.core.Role;
import dev.wormhole.core.ToolCall;
import dev.wormhole.core.Usage;
import dev.wormhole.provider.MessageRepair;
import dev.wormhole.provider.openai.wire.ResponseObject;
import dev.wormhole.provider.openai.wire.ResponsesRequest;

/**
 * Pure translation between the core model and OpenAI's Responses API, for providers configured with
 * {@code wire-api=responses}. Nothing is stored upstream ({@code store: false}): each request carries the
 * whole conversation, as with Chat Completions.
 */
final class ResponsesMapper {

    /** Pass-through fields the Responses API shares with Chat Completions. */
    private static final Set<String> SHARED_FIELDS = Set.of("store", "metadata", "service_tier", "prompt_cache_key",
            "safety_identifier", "truncation");

    private ResponsesMapper() {
    }

    static ResponsesRequest toWire(ChatRequest request, boolean stream) {
        refuseUnsupported(request);
        List<Object> input = new ArrayList<>();
        for (ChatMessage m : MessageRepair.repair(request.messages(), java.util.function.UnaryOperator.identity())) {
            switch (m.role()) {
                case TOOL -> input.add(new ResponsesRequest.FunctionCallOutput("function_call_output", m.toolCallId(),
                        m.withToolErrorInText().text()));
                case ASSISTANT -> {
                    if (!m.text().isEmpty()) {
                        input.add(new ResponsesRequest.InputMessage("assistant", m.text()));
                    }
                    for (ToolCall call : m.toolCalls()) {
                        input.add(new ResponsesRequest.FunctionCallItem("function_call", call.id(), call.name(),
                                call.arguments() == null ? "{}" : call.arguments()));
                    }
                }
                default -> input.add(new ResponsesRequest.InputMessage(m.role().name().toLowerCase(), content(m)));
            }
        }
        List<ResponsesRequest.Tool> tools = request.tools().isEmpty() ? null : request.tools().stream()
                .map(t -> new ResponsesRequest.Tool("function", t.name(), t.description(), t.parameters(), t.strict()))
                .toList();
        Map<String, Object> extra = new LinkedHashMap<>(request.extensions());
        Object store = extra.remove("store");
        return new ResponsesRequest(request.model(), input, tools, toolChoice(request), request.parallelToolCalls(),
                request.maxTokens(), request.temperature(), request.topP(), text(request.responseFormat()),
                request.reasoningEffort() == null ? null : new ResponsesRequest.Reasoning(request.reasoningEffort()),
                request.user(), stream ? Boolean.TRUE : null, store instanceof Boolean b ? b : Boolean.FALSE, extra);
    }

    private static void refuseUnsupported(ChatRequest r) {
        String param = r.n() != null && r.n() > 1 ? "n"
                : !r.stop().isEmpty() ? "stop"
                : r.seed() != null ? "seed"
                : r.presencePenalty() != null ? "presence_penalty"
                : r.frequencyPenalty() != null ? "frequency_penalty"
                : r.extensions().keySet().stream().filter(k -> !SHARED_FIELDS.contains(k)).findFirst().orElse(null);
        if (param != null) {
            throw GatewayException.invalid(param, "This provider sends requests through OpenAI's Responses API, which "
                    + "has no '" + param + "'; leave it out or route to another provider.");
        }
    }

    private static Object content(ChatMessage m) {
        if (m.content().size() == 1 && m.content().get(0) instanceof ContentPart.Text text) {
            return text.text();
        }
        List<ResponsesRequest.InputPart> parts = new ArrayList<>();
        for (ContentPart part : m.content()) {
            if (part instanceof ContentPart.Image image) {
                parts.add(new ResponsesRequest.InputPart("input_image", null, image.url(),
                        image.detail() == null ? "auto" : image.detail()));
            } else if (part instanceof ContentPart.Text text) {
                parts.add(new ResponsesRequest.InputPart("input_text", text.text(), null, null));
            }
        }
        return parts;
    }

    private static Object toolChoice(ChatRequest request) {
        if (request.toolChoice() == null) {
            return null;
        }
        return switch (request.toolChoice().mode()) {
            case AUTO -> "auto";
            case NONE -> "none";
            case REQUIRED -> "required";
            case NAMED -> new ResponsesRequest.NamedToolChoice("function", request.toolChoice().name());
        };
    }

    private static ResponsesRequest.Text text(ResponseFormat format) {
        if (format == null) {
            return null;
        }
        return new ResponsesRequest.Text(switch (format.type()) {
            case TEXT -> new ResponsesRequest.Format("text", null, null, null);
            case JSON_OBJECT -> new ResponsesRequest.Format("json_object", null, null, null);
            case JSON_SCHEMA -> new ResponsesRequest.Format("json_schema",
                    format.schemaName() == null ? "response" : format.schemaName(), format.schema(), format.strict());
        });
    }

    static ChatResult fromWire(ResponseObject response, String requestedModel) {
        StringBuilder text = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        boolean refused = false;
        if (response.output() != null) {
            for (ResponseObject.OutputItem item : response.output()) {
                if ("function_call".equals(item.type())) {
                    calls.add(new ToolCall(item.callId(), item.name(), item.arguments() == null ? "" : item.arguments()));
                } else if ("message".equals(item.type()) && item.content() != null) {
                    for (ResponseObject.OutputContent c : item.content()) {
                        if ("output_text".equals(c.type()) && c.text() != null) {
                            text.append(c.text());
                        } else if ("refusal".equals(c.type()) && c.refusal() != null) {
                            text.append(c.refusal());
                            refused = true;
                        }
                    }
                }
            }
        }
        List<ContentPart> content = text.length() == 0 && !calls.isEmpty() ? List.of()
                : List.of(new ContentPart.Text(text.toString()));
        FinishReason finish = refused ? FinishReason.CONTENT_FILTER : finishReason(response, !calls.isEmpty());
        return new ChatResult(response.id(), response.model() == null ? requestedModel : response.model(),
                response.createdAt() == null ? 0 : response.createdAt(),
                List.of(new ChatResult.Choice(0, new ChatMessage(Role.ASSISTANT, content, null, calls, null), finish)),
                usage(response.usage()), null);
    }

    static FinishReason finishReason(ResponseObject response, boolean calledTools) {
        if ("incomplete".equals(response.status()) && response.incompleteDetails() != null) {
            return "content_filter".equals(response.incompleteDetails().reason()) ? FinishReason.CONTENT_FILTER
                    : FinishReason.LENGTH;
        }
        return calledTools ? FinishReason.TOOL_CALLS : FinishReason.STOP;
    }

    static Usage usage(ResponseObject.Usage usage) {
        if (usage == null) {
            return Usage.ZERO;
        }
        long cached = usage.inputTokensDetails() == null || usage.inputTokensDetails().cachedTokens() == null ? 0
                : usage.inputTokensDetails().cachedTokens();
        long reasoning = usage.outputTokensDetails() == null || usage.outputTokensDetails().reasoningTokens() == null
                ? 0 : usage.outputTokensDetails().reasoningTokens();
        return new Usage(usage.inputTokens(), usage.outputTokens(), cached, reasoning);
    }
}
