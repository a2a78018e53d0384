package dev.wormhole.api;

import java.io.ByteArrayOutputStream;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.wormhole.api.dto.MessageStreamEvent;
import dev.wormhole.api.error.ErrorBodies;
import dev.wormhole.api.error.ErrorEnvelopes;
import dev.wormhole.api.sse.SseFrames;
import dev.wormhole.core.ChatDelta;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;

/**
 * Turns a stream of deltas into Anthropic's SSE stream ({@link MessageStreamAssembler}), each event framed as
 * {@code event: <type>} and {@code data: <json>}; after a failure, one {@code event: error} with Anthropic's
 * envelope and no {@code message_stop}.
 */
@ApplicationScoped
class MessagesStreamEncoder {

    private final JsonWriter json;

    MessagesStreamEncoder(JsonWriter json) {
        this.json = json;
    }

    Multi<byte[]> encode(Multi<ChatDelta> deltas, String requestedModel, String requestId) {
        return Multi.createFrom().deferred(() -> {
            MessageStreamAssembler assembler = new MessageStreamAssembler(requestedModel, requestId);
            return deltas.map(delta -> frames(assembler.next(delta)))
                    .select().where(frames -> frames.length > 0)
                    .onCompletion().continueWith(() -> List.of(frames(assembler.finish())))
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
