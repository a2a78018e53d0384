package dev.wormhole.provider.ollama;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.core.ChatDelta;
import dev.wormhole.core.ContentPart;
import dev.wormhole.core.Role;
import dev.wormhole.core.ToolCall;
import dev.wormhole.provider.ollama.wire.ApiChatResponse;

/**
 * The translation of one NDJSON stream, line by line: reasoning ({@code message.thinking}) and text as they
 * arrive, each tool call whole (Ollama sends them complete) under the next index, and on the {@code done} line
 * the finish reason and the usage. Not thread-safe: one instance per stream, fed in order.
 */
final class OllamaStream {

    private final String requestedModel;
    private final long created;
    private final String id;
    private final Supplier<String> ids;
    private final ObjectMapper json;
    private int toolCalls;
    private boolean started;
    private boolean done;

    OllamaStream(String requestedModel, long created, Supplier<String> ids, ObjectMapper json) {
        this.requestedModel = requestedModel;
        this.created = created;
        this.id = ids.get();
        this.ids = ids;
        this.json = json;
    }

    List<ChatDelta> onLine(ApiChatResponse line) {
        String model = line.model() == null ? requestedModel : line.model();
        String text = line.message() == null || line.message().content() == null || line.message().content().isEmpty()
                ? null : line.message().content();
        List<ChatDelta.ToolCallDelta> calls = new ArrayList<>();
        for (ToolCall call : OllamaMapper.toolCalls(line.message(), ids, json)) {
            calls.add(new ChatDelta.ToolCallDelta(toolCalls++, call.id(), call.name(), call.arguments()));
        }
        String thinking = OllamaMapper.thinking(line.message());
        List<ChatDelta> out = new ArrayList<>(3);
        if (!started || text != null || thinking != null || !calls.isEmpty()) {
            out.add(new ChatDelta(id, model, created, List.of(new ChatDelta.ChoiceDelta(0, started ? null : Role.ASSISTANT,
                    text, calls, null, thinking == null ? null : new ContentPart.Thinking(thinking, null, null))), null));
            started = true;
        }
        if (Boolean.TRUE.equals(line.done())) {
            done = true;
            out.add(new ChatDelta(id, model, created, List.of(new ChatDelta.ChoiceDelta(0, null, null, List.of(),
                    OllamaMapper.finishReason(line.doneReason(), toolCalls > 0))), null));
            out.add(new ChatDelta(id, model, created, List.of(), OllamaMapper.usage(line)));
        }
        return out;
    }

    /** Whether the {@code done} line arrived: the answer is complete. */
    boolean done() {
        return done;
    }
}
