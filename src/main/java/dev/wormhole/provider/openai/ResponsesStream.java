package dev.wormhole.provider.openai;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.wormhole.core.ChatDelta;
import dev.wormhole.core.FinishReason;
import dev.wormhole.core.Role;
import dev.wormhole.provider.openai.wire.ResponseEvent;
import dev.wormhole.provider.openai.wire.ResponseObject;

/**
 * The translation of one streamed Responses API answer, event by event: text deltas as they arrive, a
 * function call's id and name when its item is added and its arguments as their fragments arrive, and on
 * {@code response.completed} or {@code response.incomplete} the finish reason and the usage. Not
 * thread-safe: one instance per stream, fed in order.
 */
final class ResponsesStream {

    private final String requestedModel;
    private final long created;
    private final Map<Integer, Integer> toolIndexByOutput = new HashMap<>();
    private String id;
    private String model;
    private boolean started;
    private boolean finished;

    ResponsesStream(String requestedModel, long created) {
        this.requestedModel = requestedModel;
        this.created = created;
    }

    List<ChatDelta> onEvent(ResponseEvent event) {
        String type = event.type() == null ? "" : event.type();
        if (event.response() != null) {
            id = event.response().id() != null ? event.response().id() : id;
            model = event.response().model() != null ? event.response().model() : model;
        }
        return switch (type) {
            // Nothing is sent before the first content, so a failure right after creation can still fail over.
            case "response.created" -> List.of();
            case "response.output_text.delta", "response.refusal.delta" -> event.delta() == null || event.delta().isEmpty()
                    ? List.of() : withStart(choice(event.delta(), List.of(), null));
            case "response.output_item.added" -> {
                ResponseObject.OutputItem item = event.item();
                if (item == null || !"function_call".equals(item.type()) || event.outputIndex() == null) {
                    yield List.of();
                }
                int index = toolIndexByOutput.size();
                toolIndexByOutput.put(event.outputIndex(), index);
                yield withStart(choice(null, List.of(new ChatDelta.ToolCallDelta(index, item.callId(), item.name(),
                        item.arguments() == null ? "" : item.arguments())), null));
            }
            case "response.function_call_arguments.delta" -> {
                Integer index = event.outputIndex() == null ? null : toolIndexByOutput.get(event.outputIndex());
                yield index == null || event.delta() == null || event.delta().isEmpty() ? List.of()
                        : withStart(choice(null, List.of(new ChatDelta.ToolCallDelta(index, null, null, event.delta())),
                                null));
            }
            case "response.completed", "response.incomplete" -> {
                finished = true;
                ResponseObject response = event.response();
                FinishReason finish = response == null ? FinishReason.STOP
                        : ResponsesMapper.finishReason(response, !toolIndexByOutput.isEmpty());
                List<ChatDelta> end = new java.util.ArrayList<>(withStart(choice(null, List.of(), finish)));
                end.add(new ChatDelta(id, model(), created, List.of(),
                        ResponsesMapper.usage(response == null ? null : response.usage())));
                yield end;
            }
            default -> List.of();
        };
    }

    /** Whether the response's final event arrived: the answer is complete. */
    boolean finished() {
        return finished;
    }

    private List<ChatDelta> start() {
        if (started) {
            return List.of();
        }
        started = true;
        return List.of(new ChatDelta(id, model(), created,
                List.of(new ChatDelta.ChoiceDelta(0, Role.ASSISTANT, "", List.of(), null)), null));
    }

    private List<ChatDelta> withStart(ChatDelta delta) {
        if (started) {
            return List.of(delta);
        }
        return List.of(start().get(0), delta);
    }

    private ChatDelta choice(String content, List<ChatDelta.ToolCallDelta> calls, FinishReason finish) {
        return new ChatDelta(id, model(), created, List.of(new ChatDelta.ChoiceDelta(0, null, content, calls, finish)),
                null);
    }

    private String model() {
        return model == null ? requestedModel : model;
    }
}
