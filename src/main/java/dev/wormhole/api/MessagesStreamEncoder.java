package dev.wormhole.api;

import java.io.ByteArrayOutputStream;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.wormhole.api.dto.MessageStreamEvent;
import dev.wormhole.api.error.ErrorBodies;
import dev.wormhole.api.error.ErrorEnvelopes;
import dev.wormhole.api.sse.SseFrames;
import dev.wormhole.core.ChatDelta;
import dev.wormhole.core.Metered;
import dev.wormhole.provider.NativeEvent;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;

/**
 * Turns a stream into Anthropic's SSE stream, each event framed as {@code event: <type>} and {@code data: <json>}:
 * core deltas through a {@link MessageStreamAssembler}, an Anthropic upstream's own events as they came; after a
 * failure, one {@code event: error} with Anthropic's envelope and no {@code message_stop}.
 */
@ApplicationScoped
class MessagesStreamEncoder {

    private final JsonWriter json;

    MessagesStreamEncoder(JsonWriter json) {
        this.json = json;
    }

    Multi<byte[]> encode(Multi<? extends Metered> items, String requestedModel, String requestId) {
        return Multi.createFrom().deferred(() -> {
            MessageStreamAssembler assembler = new MessageStreamAssembler(requestedModel, requestId);
            // A relayed stream brings its own closing events.
            boolean[] relayedAny = { false };
            return items.map(item -> {
                if (item instanceof NativeEvent relayed) {
                    relayedAny[0] = true;
                    return SseFrames.relayed(relayed.event(), relayed.data());
                }
                return frames(assembler.next((ChatDelta) item));
            })
                    .select().where(frames -> frames.length > 0)
                    .onCompletion().continueWith(() -> relayedAny[0] ? List.of() : List.of(frames(assembler.finish())))
                    .onFailure().recoverWithItem(failure -> {
                        Log.warnf("Stream %s failed after its first event: %s", requestId, failure.getMessage());
                        ErrorEnvelopes error = ErrorEnvelopes.of(failure, requestId);
                        return SseFrames.event("error", json.bytes(ErrorBodies.anthropic(error.status(),
                                error.envelope().error().message())));
                    });
        });
    }

    /** The events as consecutive SSE frames. */
    byte[] frames(List<MessageStreamEvent> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (MessageStreamEvent event : events) {
            out.writeBytes(SseFrames.event(event.type(), json.bytes(event)));
        }
        return out.toByteArray();
    }
}
