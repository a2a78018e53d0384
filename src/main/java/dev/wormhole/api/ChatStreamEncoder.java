package dev.wormhole.api;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.wormhole.api.error.ErrorEnvelopes;
import dev.wormhole.api.sse.SseFrames;
import dev.wormhole.core.ChatDelta;
import dev.wormhole.tool.AgentEvent;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;

/**
 * Turns a stream of deltas into OpenAI's SSE stream: one {@code chat.completion.chunk} per delta, the usage
 * chunk only when the client asked for it, {@code data: [DONE]} after a clean end, and after a failure an
 * in-band {@code data: {"error":…}} event with no {@code [DONE]}.
 */
@ApplicationScoped
class ChatStreamEncoder {

    static final Map<String, List<String>> HEADERS = Map.of(
            "Content-Type", List.of(SseFrames.CONTENT_TYPE),
            "Cache-Control", List.of("no-cache"),
            "X-Accel-Buffering", List.of("no"));

    private final JsonWriter json;

    ChatStreamEncoder(JsonWriter json) {
        this.json = json;
    }

    Multi<byte[]> encode(Multi<ChatDelta> deltas, boolean includeUsage, String requestId) {
        return deltas
                .select().where(delta -> includeUsage || !isUsageOnly(delta))
                .map(delta -> SseFrames.data(json.bytes(ChatResponseMapper.toEdge(delta))))
                .onCompletion().continueWith(SseFrames.done())
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("Stream %s failed after its first chunk: %s", requestId, failure.getMessage());
                    return SseFrames.data(json.bytes(ErrorEnvelopes.of(failure, requestId).envelope()));
                });
    }

    /**
     * The agent loop's stream: as {@link #encode}, with each server tool call between two turns written as an
     * SSE comment ({@code : wormhole.step {…}}), which every SSE client, the OpenAI SDKs included, ignores.
     */
    Multi<byte[]> encodeAgent(Multi<AgentEvent> events, boolean includeUsage, String requestId) {
        return events
                .select().where(event -> !(event instanceof AgentEvent.Delta d) || includeUsage || !isUsageOnly(d.delta()))
                .map(event -> event instanceof AgentEvent.Delta d ? SseFrames.data(json.bytes(ChatResponseMapper.toEdge(d.delta())))
                        : SseFrames.comment("wormhole.step " + new String(json.bytes(((AgentEvent.Step) event).step()),
                                java.nio.charset.StandardCharsets.UTF_8)))
                .onCompletion().continueWith(SseFrames.done())
                .onFailure().recoverWithItem(failure -> {
                    Log.warnf("Stream %s failed after its first chunk: %s", requestId, failure.getMessage());
                    return SseFrames.data(json.bytes(ErrorEnvelopes.of(failure, requestId).envelope()));
                });
    }

    private static boolean isUsageOnly(ChatDelta delta) {
        return delta.choices().isEmpty() && delta.usage() != null;
    }
}
