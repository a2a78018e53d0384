package dev.wormhole.provider.anthropic;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.wormhole.core.ChatDelta;
import dev.wormhole.core.ContentPart;
import dev.wormhole.core.FinishReason;
import dev.wormhole.core.Role;
import dev.wormhole.provider.anthropic.wire.Block;
import dev.wormhole.provider.anthropic.wire.StreamEvent;
import dev.wormhole.provider.anthropic.wire.WireUsage;

/**
 * The translation of one streamed answer, event by event, into deltas as soon as each event arrives: the
 * first delta names the role; each tool call gets the next OpenAI index when its block starts (with its id
 * and name) and its arguments as the JSON fragments arrive; {@code message_delta} yields the finish reason
 * and then the usage (the counts of {@code message_start} completed by the final ones). Not thread-safe:
 * one instance per stream, fed in order.
 */
final class AnthropicStream {

    private final String requestedModel;
    private final boolean toolAnswer;
    private final long created;
    private final Map<Integer, Integer> toolIndexByBlock = new HashMap<>();
    private final Set<Integer> answerBlocks = new HashSet<>();
    private String id;
    private String model;
    private WireUsage startUsage;
    private boolean started;

    AnthropicStream(String requestedModel, boolean toolAnswer, long created) {
        this.requestedModel = requestedModel;
        this.toolAnswer = toolAnswer;
        this.created = created;
    }

    List<ChatDelta> onEvent(StreamEvent event) {
        String type = event.type() == null ? "" : event.type();
        return switch (type) {
            case "message_start" -> {
                if (event.message() != null) {
                    id = event.message().id();
                    model = event.message().model();
                    startUsage = event.message().usage();
                }
                // Nothing is sent before the first content, so an error right after the start can still fail over.
                yield List.of();
            }
            case "content_block_start" -> blockStart(event.index(), event.contentBlock());
            case "content_block_delta" -> blockDelta(event.index(), event.delta());
            case "message_delta" -> {
                FinishReason finish = !answerBlocks.isEmpty() ? FinishReason.STOP
                        : AnthropicMapper.finishReason(event.delta() == null ? null : event.delta().stopReason());
                yield List.of(choice(null, List.of(), finish == null ? FinishReason.STOP : finish),
                        new ChatDelta(id, model(), created, List.of(), AnthropicMapper.usage(merge(event.usage()))));
            }
            default -> List.of(); // content_block_stop, ping, and event types added later
        };
    }

    private List<ChatDelta> blockStart(Integer index, Block block) {
        if (block == null || index == null) {
            return List.of();
        }
        if ("tool_use".equals(block.type())) {
            if (toolAnswer && AnthropicMapper.RESPONSE_TOOL.equals(block.name())) {
                answerBlocks.add(index);
                return List.of();
            }
            int toolIndex = toolIndexByBlock.size();
            toolIndexByBlock.put(index, toolIndex);
            return List.of(choice(null, List.of(new ChatDelta.ToolCallDelta(toolIndex, block.id(), block.name(), "")),
                    null));
        }
        if ("text".equals(block.type()) && block.text() != null && !block.text().isEmpty()) {
            return List.of(choice(block.text(), List.of(), null));
        }
        if ("redacted_thinking".equals(block.type()) && block.data() != null) {
            return List.of(thinking(new ContentPart.Thinking(null, null, block.data())));
        }
        return List.of();
    }

    private List<ChatDelta> blockDelta(Integer index, StreamEvent.Delta delta) {
        if (delta == null || index == null) {
            return List.of();
        }
        if ("text_delta".equals(delta.type()) && delta.text() != null && !delta.text().isEmpty()) {
            return List.of(choice(delta.text(), List.of(), null));
        }
        if ("thinking_delta".equals(delta.type()) && delta.thinking() != null && !delta.thinking().isEmpty()) {
            return List.of(thinking(new ContentPart.Thinking(delta.thinking(), null, null)));
        }
        if ("signature_delta".equals(delta.type()) && delta.signature() != null) {
            return List.of(thinking(new ContentPart.Thinking(null, delta.signature(), null)));
        }
        if ("input_json_delta".equals(delta.type()) && delta.partialJson() != null && !delta.partialJson().isEmpty()) {
            if (answerBlocks.contains(index)) {
                return List.of(choice(delta.partialJson(), List.of(), null));
            }
            Integer toolIndex = toolIndexByBlock.get(index);
            if (toolIndex != null) {
                return List.of(choice(null,
                        List.of(new ChatDelta.ToolCallDelta(toolIndex, null, null, delta.partialJson())), null));
            }
        }
        return List.of();
    }

    /** The start counts, each replaced by the final event's when it reports it (the final counts are cumulative). */
    private WireUsage merge(WireUsage last) {
        WireUsage first = startUsage;
        if (last == null) {
            return first;
        }
        if (first == null) {
            return last;
        }
        return new WireUsage(pick(last.inputTokens(), first.inputTokens()), pick(last.outputTokens(), first.outputTokens()),
                pick(last.cacheCreationInputTokens(), first.cacheCreationInputTokens()),
                pick(last.cacheReadInputTokens(), first.cacheReadInputTokens()));
    }

    private static Long pick(Long preferred, Long fallback) {
        return preferred != null ? preferred : fallback;
    }

    private ChatDelta thinking(ContentPart.Thinking piece) {
        Role role = started ? null : Role.ASSISTANT;
        started = true;
        return new ChatDelta(id, model(), created, List.of(new ChatDelta.ChoiceDelta(0, role, null, List.of(), null,
                piece)), null);
    }

    /** A delta of the one choice; the first names the role. */
    private ChatDelta choice(String content, List<ChatDelta.ToolCallDelta> calls, FinishReason finish) {
        Role role = started ? null : Role.ASSISTANT;
        started = true;
        return new ChatDelta(id, model(), created, List.of(new ChatDelta.ChoiceDelta(0, role, content, calls, finish)),
                null);
    }

    private String model() {
        return model == null ? requestedModel : model;
    }
}
