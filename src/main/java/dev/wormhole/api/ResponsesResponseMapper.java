package dev.wormhole.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.wormhole.api.dto.ResponseCreateRequest;
import dev.wormhole.api.dto.ResponseObject;
import dev.wormhole.api.dto.ResponseOutputItem;
import dev.wormhole.core.ChatMessage;
import dev.wormhole.core.ChatResult;
import dev.wormhole.core.ContentPart;
import dev.wormhole.core.FinishReason;
import dev.wormhole.core.ToolCall;
import dev.wormhole.core.Usage;

/**
 * Writes core chat answers as Responses API {@code response} objects: the request's parameters echoed, the
 * answer's reasoning (one item per thinking block, its signature as {@code encrypted_content}), text and tool
 * calls as output items, the finish reason as {@code status} and {@code incomplete_details}.
 */
final class ResponsesResponseMapper {

    static final String COMPLETED = "completed";

    private ResponsesResponseMapper() {
    }

    /** A fresh response id, {@code resp_} and 32 hex digits; its items' ids share the suffix. */
    static String newId() {
        return "resp_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** The {@code in_progress} response of a request, with no output yet. */
    static ResponseObject skeleton(ResponseCreateRequest body, String id, long createdAt) {
        List<ResponseObject.FunctionTool> tools = body.tools() == null ? List.of() : body.tools().stream()
                .map(t -> new ResponseObject.FunctionTool("function", t.name(), t.description(), t.parameters(),
                        t.strict()))
                .toList();
        ResponseCreateRequest.FormatParam format = body.text() == null ? null : body.text().format();
        ResponseObject.Text text = new ResponseObject.Text(format == null ? new ResponseObject.Format("text", null,
                null, null, null) : new ResponseObject.Format(format.type(), format.name(), format.description(),
                        format.schema(), format.strict()), body.text() == null ? null : body.text().verbosity());
        ResponseObject.Reasoning reasoning = new ResponseObject.Reasoning(
                body.reasoning() == null ? null : body.reasoning().effort(),
                body.reasoning() == null ? null : body.reasoning().summary());
        return new ResponseObject(id, "response", createdAt, "in_progress", null, null, body.model(), List.of(),
                null, body.instructions(), body.maxOutputTokens(), !Boolean.FALSE.equals(body.parallelToolCalls()),
                body.temperature(), body.topP(), body.toolChoice() == null || body.toolChoice().isNull()
                        ? JsonNodeFactory.instance.textNode("auto") : body.toolChoice(),
                tools, text, reasoning, body.metadata() == null ? Map.of() : body.metadata(), body.previousResponseId(),
                Boolean.TRUE.equals(body.store()), body.user());
    }

    /** The finished response of a complete answer (its first choice). */
    static ResponseObject toEdge(ChatResult result, ResponseObject skeleton) {
        ChatResult.Choice choice = result.choices().get(0);
        ChatMessage message = choice.message();
        String suffix = skeleton.id().substring("resp_".length());
        List<ResponseOutputItem> output = new ArrayList<>();
        for (ContentPart part : message.content()) {
            if (part instanceof ContentPart.Thinking t) {
                reasoning(t, itemId("rs", suffix, output.size()), output);
            }
        }
        String text = message.text();
        if (!text.isEmpty() || message.toolCalls().isEmpty()) {
            output.add(ResponseOutputItem.Message.of(itemId("msg", suffix, output.size()),
                    lastItemStatus(choice.finishReason()), List.of(ResponseOutputItem.OutputText.of(text))));
        }
        for (ToolCall call : message.toolCalls()) {
            output.add(ResponseOutputItem.FunctionCall.of(itemId("fc", suffix, output.size()), call.id(), call.name(),
                    call.arguments(), COMPLETED));
        }
        return finished(skeleton, choice.finishReason(), result.model(), output, result.usage());
    }

    /**
     * A thinking part as a reasoning item: its text as the summary, its signature or redacted data as the
     * {@code encrypted_content} the client sends back. A part with none of them is no item.
     */
    private static void reasoning(ContentPart.Thinking t, String id, List<ResponseOutputItem> output) {
        boolean hasText = t.text() != null && !t.text().isEmpty();
        String encrypted = EncryptedReasoning.encode(t);
        if (hasText || encrypted != null) {
            output.add(ResponseOutputItem.Reasoning.of(id, hasText ? List.of(ResponseOutputItem.SummaryText.of(
                    t.text())) : List.of(), encrypted));
        }
    }

    /** The status of the item an answer ended in: {@code incomplete} when it was cut short, as OpenAI reports. */
    static String lastItemStatus(FinishReason finish) {
        return finish == FinishReason.LENGTH || finish == FinishReason.CONTENT_FILTER ? "incomplete" : COMPLETED;
    }

    /** The id of a response's output item: its kind's prefix, the response's suffix and its position. */
    static String itemId(String prefix, String suffix, int outputIndex) {
        return prefix + "_" + suffix + "_" + outputIndex;
    }

    /** The response in its final state: {@code incomplete} when the answer was cut short, else completed. */
    static ResponseObject finished(ResponseObject skeleton, FinishReason finish, String model,
            List<ResponseOutputItem> output, Usage usage) {
        ResponseObject.IncompleteDetails incomplete = finish == FinishReason.LENGTH
                ? new ResponseObject.IncompleteDetails("max_output_tokens")
                : finish == FinishReason.CONTENT_FILTER ? new ResponseObject.IncompleteDetails("content_filter") : null;
        return skeleton.finish(incomplete == null ? COMPLETED : "incomplete", incomplete, null,
                model == null ? skeleton.model() : model, output, usage(usage));
    }

    static ResponseObject.Usage usage(Usage usage) {
        Usage u = usage == null ? Usage.ZERO : usage;
        return new ResponseObject.Usage(u.promptTokens(), new ResponseObject.InputDetails(u.cachedPromptTokens()),
                u.completionTokens(), new ResponseObject.OutputDetails(u.reasoningTokens()), u.totalTokens());
    }
}
