package dev.wormhole.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.wormhole.api.dto.MessageStreamEvent;
import dev.wormhole.api.dto.MessageStreamEvent.BlockDelta;
import dev.wormhole.api.dto.MessageStreamEvent.BlockStart;
import dev.wormhole.api.dto.MessageStreamEvent.BlockStop;
import dev.wormhole.api.dto.MessageStreamEvent.Delta;
import dev.wormhole.api.dto.MessagesResponse;
import dev.wormhole.api.dto.MessagesResponse.ContentBlock;
import dev.wormhole.core.ChatDelta;
import dev.wormhole.core.ContentPart;
import dev.wormhole.core.FinishReason;
import dev.wormhole.core.Usage;

/**
 * Turns one stream's core deltas, in order, into Anthropic's stream events: {@code message_start} and a
 * {@code ping} before anything else; each run of text, thinking or one tool call's arguments as a content block with its start,
 * deltas and stop, at increasing indexes (a thinking signature or a redacted block closes its block); and at
 * the end {@code message_delta} with the stop reason and usage, then {@code message_stop}. Only choice 0 is
 * read: Anthropic has one answer per message. One instance per stream; not thread-safe (a stream's signals are
 * serialized).
 */
final class MessageStreamAssembler {

    private enum Kind { TEXT, THINKING, TOOL }

    private final String requestedModel;
    private final String requestId;
    private boolean started;
    private int nextIndex;
    private Kind open;
    private int openTool = -1;
    private FinishReason finish;
    private Usage usage;

    MessageStreamAssembler(String requestedModel, String requestId) {
        this.requestedModel = requestedModel;
        this.requestId = requestId;
    }

    /** The events one delta adds (possibly none). */
    List<MessageStreamEvent> next(ChatDelta delta) {
        List<MessageStreamEvent> out = new ArrayList<>();
        if (delta.usage() != null) {
            usage = delta.usage();
        }
        start(out, delta.id(), delta.model());
        for (ChatDelta.ChoiceDelta choice : delta.choices()) {
            if (choice.index() != 0) {
                continue;
            }
            if (choice.thinking() != null) {
                thinking(choice.thinking(), out);
            }
            if (choice.content() != null && !choice.content().isEmpty()) {
                open(Kind.TEXT, -1, ContentBlock.text(""), out);
                out.add(new BlockDelta(nextIndex - 1, Delta.text(choice.content())));
            }
            choice.toolCalls().forEach(call -> tool(call, out));
            if (choice.finishReason() != null) {
                finish = choice.finishReason();
            }
        }
        return out;
    }

    /** The closing events once the deltas completed. */
    List<MessageStreamEvent> finish() {
        List<MessageStreamEvent> out = new ArrayList<>();
        start(out, null, null);
        close(out);
        MessagesResponse.MessagesUsage last = usage == null ? new MessagesResponse.MessagesUsage(null, 0, null, null)
                : MessagesResponseMapper.usage(usage);
        out.add(new MessageStreamEvent.MessageDelta(
                new MessageStreamEvent.StopDelta(MessagesResponseMapper.stopReason(finish), null), last));
        out.add(new MessageStreamEvent.MessageStop());
        return out;
    }

    private void start(List<MessageStreamEvent> out, String id, String model) {
        if (started) {
            return;
        }
        started = true;
        MessagesResponse.MessagesUsage initial = usage == null ? new MessagesResponse.MessagesUsage(0L, 0, 0L, 0L)
                : MessagesResponseMapper.usage(new Usage(usage.promptTokens(), 0, usage.cachedPromptTokens(), 0));
        out.add(new MessageStreamEvent.MessageStart(new MessagesResponse(MessagesResponseMapper.messageId(id, requestId),
                "message", "assistant", model == null ? requestedModel : model, List.of(), null, null, initial)));
        out.add(new MessageStreamEvent.Ping());
    }

    private void thinking(ContentPart.Thinking thinking, List<MessageStreamEvent> out) {
        if (thinking.redacted() != null) {
            close(out);
            out.add(new BlockStart(nextIndex, ContentBlock.redactedThinking(thinking.redacted())));
            out.add(new BlockStop(nextIndex++));
            return;
        }
        if (thinking.text() != null && !thinking.text().isEmpty()) {
            open(Kind.THINKING, -1, ContentBlock.thinking("", ""), out);
            out.add(new BlockDelta(nextIndex - 1, Delta.thinking(thinking.text())));
        }
        if (thinking.signature() != null) {
            open(Kind.THINKING, -1, ContentBlock.thinking("", ""), out);
            out.add(new BlockDelta(nextIndex - 1, Delta.signature(thinking.signature())));
            close(out);
        }
    }

    private void tool(ChatDelta.ToolCallDelta call, List<MessageStreamEvent> out) {
        String id = call.id() != null ? call.id() : "toolu_" + requestId + "_" + call.index();
        open(Kind.TOOL, call.index(), ContentBlock.toolUse(id, call.name() == null ? "" : call.name(), Map.of()), out);
        if (call.arguments() != null && !call.arguments().isEmpty()) {
            out.add(new BlockDelta(nextIndex - 1, Delta.inputJson(call.arguments())));
        }
    }

    /** Opens a block of {@code kind} unless one (for a tool: of the same call) is open already. */
    private void open(Kind kind, int tool, ContentBlock initial, List<MessageStreamEvent> out) {
        if (open == kind && openTool == tool) {
            return;
        }
        close(out);
        open = kind;
        openTool = tool;
        out.add(new BlockStart(nextIndex++, initial));
    }

    private void close(List<MessageStreamEvent> out) {
        if (open != null) {
            out.add(new BlockStop(nextIndex - 1));
            open = null;
            openTool = -1;
        }
    }
}
