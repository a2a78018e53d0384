package dev.wormhole.api;

import java.util.ArrayList;
import java.util.List;

import dev.wormhole.api.dto.ResponseObject;
import dev.wormhole.api.dto.ResponseOutputItem;
import dev.wormhole.api.dto.ResponseStreamEvent;
import dev.wormhole.core.ChatDelta;
import dev.wormhole.core.ContentPart;
import dev.wormhole.core.FinishReason;
import dev.wormhole.core.Usage;

/**
 * The Responses API events of one streamed answer, delta by delta. One output item is open at a time: a reasoning
 * summary (closed by its signature, which it carries as {@code encrypted_content}), a message or a function call; a
 * delta of another kind closes it (its {@code .done} events) and opens the next. The end closes the open item and sends
 * {@code response.completed} (or {@code response.incomplete}) with the whole response. Only choice 0 is read (the
 * Responses API has no {@code n}). Not thread-safe: one instance per stream, fed in order.
 */
final class ResponsesStreamState {

    private enum Kind { REASONING, MESSAGE, CALL }

    private final ResponseObject skeleton;
    private final String suffix;
    private final List<ResponseOutputItem> done = new ArrayList<>();
    private final List<Integer> callIndexes = new ArrayList<>();
    private long sequence;
    private Kind open;
    private String openId;
    private int openCall = -1;
    private StringBuilder openText = new StringBuilder();
    private String openSignature;
    private String callId;
    private String callName;
    private FinishReason finish;
    private Usage usage;
    private String model;

    ResponsesStreamState(ResponseObject skeleton) {
        this.skeleton = skeleton;
        this.suffix = skeleton.id().substring("resp_".length());
    }

    /** {@code response.created} and {@code response.in_progress}. */
    List<ResponseStreamEvent> start() {
        return List.of(ResponseStreamEvent.lifecycle("response.created", sequence++, skeleton),
                ResponseStreamEvent.lifecycle("response.in_progress", sequence++, skeleton));
    }

    List<ResponseStreamEvent> onDelta(ChatDelta delta) {
        List<ResponseStreamEvent> events = new ArrayList<>();
        model = delta.model() != null ? delta.model() : model;
        usage = delta.usage() != null ? delta.usage() : usage;
        for (ChatDelta.ChoiceDelta choice : delta.choices()) {
            if (choice.index() != 0) {
                continue;
            }
            if (choice.thinking() != null) {
                onThinking(choice.thinking(), events);
            }
            if (choice.content() != null && !choice.content().isEmpty()) {
                ensureOpen(Kind.MESSAGE, null, events);
                openText.append(choice.content());
                events.add(ResponseStreamEvent.outputText("response.output_text.delta", sequence++, outputIndex(),
                        openId, choice.content(), null));
            }
            for (ChatDelta.ToolCallDelta call : choice.toolCalls()) {
                onCall(call, events);
            }
            finish = choice.finishReason() != null ? choice.finishReason() : finish;
        }
        return events;
    }

    /**
     * Reasoning text goes into the open reasoning item; a signature closes it, carrying the signature as its
     * {@code encrypted_content}; a redacted block is an item of its own, with no summary.
     */
    private void onThinking(ContentPart.Thinking thinking, List<ResponseStreamEvent> events) {
        if (thinking.redacted() != null) {
            close(events);
            int index = outputIndex();
            String id = ResponsesResponseMapper.itemId("rs", suffix, index);
            events.add(ResponseStreamEvent.item("response.output_item.added", sequence++, index,
                    ResponseOutputItem.Reasoning.of(id, List.of())));
            ResponseOutputItem item = ResponseOutputItem.Reasoning.of(id, List.of(),
                    EncryptedReasoning.encode(thinking));
            events.add(ResponseStreamEvent.item("response.output_item.done", sequence++, index, item));
            done.add(item);
            return;
        }
        if (thinking.text() != null && !thinking.text().isEmpty()) {
            ensureOpen(Kind.REASONING, null, events);
            openText.append(thinking.text());
            events.add(ResponseStreamEvent.summaryText("response.reasoning_summary_text.delta", sequence++,
                    outputIndex(), openId, thinking.text(), null));
        }
        if (thinking.signature() != null) {
            ensureOpen(Kind.REASONING, null, events);
            openSignature = thinking.signature();
            close(events);
        }
    }

    private void onCall(ChatDelta.ToolCallDelta call, List<ResponseStreamEvent> events) {
        if (open != Kind.CALL || openCall != call.index()) {
            if (callIndexes.contains(call.index())) {
                // A fragment of a call already closed: providers stream calls one after another, so drop it.
                return;
            }
            ensureOpen(Kind.CALL, call, events);
        }
        if (call.arguments() != null && !call.arguments().isEmpty()) {
            openText.append(call.arguments());
            events.add(ResponseStreamEvent.arguments("response.function_call_arguments.delta", sequence++,
                    outputIndex(), openId, call.arguments(), null));
        }
    }

    private void ensureOpen(Kind kind, ChatDelta.ToolCallDelta call, List<ResponseStreamEvent> events) {
        int callIndex = call == null ? -1 : call.index();
        if (open == kind && openCall == callIndex) {
            return;
        }
        close(events);
        open = kind;
        openCall = callIndex;
        openText = new StringBuilder();
        int index = outputIndex();
        switch (kind) {
            case REASONING -> {
                openId = ResponsesResponseMapper.itemId("rs", suffix, index);
                events.add(ResponseStreamEvent.item("response.output_item.added", sequence++, index,
                        ResponseOutputItem.Reasoning.of(openId, List.of())));
                events.add(ResponseStreamEvent.summaryPart("response.reasoning_summary_part.added", sequence++, index,
                        openId, ResponseOutputItem.SummaryText.of("")));
            }
            case MESSAGE -> {
                openId = ResponsesResponseMapper.itemId("msg", suffix, index);
                events.add(ResponseStreamEvent.item("response.output_item.added", sequence++, index,
                        ResponseOutputItem.Message.of(openId, "in_progress", List.of())));
                events.add(ResponseStreamEvent.contentPart("response.content_part.added", sequence++, index, openId,
                        ResponseOutputItem.OutputText.of("")));
            }
            case CALL -> {
                callIndexes.add(callIndex);
                callId = call.id();
                callName = call.name();
                openId = ResponsesResponseMapper.itemId("fc", suffix, index);
                events.add(ResponseStreamEvent.item("response.output_item.added", sequence++, index,
                        ResponseOutputItem.FunctionCall.of(openId, callId, callName, "", "in_progress")));
            }
        }
    }

    private void close(List<ResponseStreamEvent> events) {
        close(events, ResponsesResponseMapper.COMPLETED);
    }

    /** Closes the open item with its final status. */
    private void close(List<ResponseStreamEvent> events, String status) {
        if (open == null) {
            return;
        }
        int index = outputIndex();
        String text = openText.toString();
        ResponseOutputItem item;
        switch (open) {
            case REASONING -> {
                ResponseOutputItem.SummaryText part = ResponseOutputItem.SummaryText.of(text);
                events.add(ResponseStreamEvent.summaryText("response.reasoning_summary_text.done", sequence++, index,
                        openId, null, text));
                events.add(ResponseStreamEvent.summaryPart("response.reasoning_summary_part.done", sequence++, index,
                        openId, part));
                item = ResponseOutputItem.Reasoning.of(openId, List.of(part), openSignature == null ? null
                        : EncryptedReasoning.encode(new ContentPart.Thinking(text, openSignature, null)));
                openSignature = null;
            }
            case MESSAGE -> {
                ResponseOutputItem.OutputText part = ResponseOutputItem.OutputText.of(text);
                events.add(ResponseStreamEvent.outputText("response.output_text.done", sequence++, index, openId,
                        null, text));
                events.add(ResponseStreamEvent.contentPart("response.content_part.done", sequence++, index, openId,
                        part));
                item = ResponseOutputItem.Message.of(openId, status, List.of(part));
            }
            default -> {
                events.add(ResponseStreamEvent.arguments("response.function_call_arguments.done", sequence++, index,
                        openId, null, text));
                item = ResponseOutputItem.FunctionCall.of(openId, callId, callName, text,
                        ResponsesResponseMapper.COMPLETED);
            }
        }
        events.add(ResponseStreamEvent.item("response.output_item.done", sequence++, index, item));
        done.add(item);
        open = null;
        openCall = -1;
    }

    /** The open item's position: the number of items closed before it. */
    private int outputIndex() {
        return done.size();
    }

    /** Closes the open item and sends the final response. */
    List<ResponseStreamEvent> finish() {
        List<ResponseStreamEvent> events = new ArrayList<>();
        close(events, ResponsesResponseMapper.lastItemStatus(finish));
        ResponseObject response = ResponsesResponseMapper.finished(skeleton, finish, model, done, usage);
        events.add(ResponseStreamEvent.lifecycle("response." + response.status(), sequence++, response));
        return events;
    }

    /** The {@code response.failed} event after a failure mid-stream; the open item is left unfinished. */
    ResponseStreamEvent failed(String code, String message) {
        ResponseObject response = skeleton.finish("failed", null, new ResponseObject.Error(code, message),
                model == null ? skeleton.model() : model, done, usage == null ? null
                        : ResponsesResponseMapper.usage(usage));
        return ResponseStreamEvent.lifecycle("response.failed", sequence++, response);
    }
}
