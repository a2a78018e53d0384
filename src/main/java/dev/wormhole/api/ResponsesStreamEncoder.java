package dev.wormhole.api;

import jakarta.enterprise.context.ApplicationScoped;

import dev.wormhole.api.dto.ErrorEnvelope;
import dev.wormhole.api.dto.ResponseObject;
import dev.wormhole.api.dto.ResponseStreamEvent;
import dev.wormhole.api.error.ErrorEnvelopes;
import dev.wormhole.api.sse.EventFrames;
import dev.wormhole.core.ChatDelta;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;

/**
 * Turns a stream of deltas into the Responses API's typed SSE stream ({@link ResponsesStreamState}), each
 * event with an increasing {@code sequence_number}. A failure after the first delta becomes a
 * {@code response.failed} event, and the stream ends; there is no {@code [DONE]}.
 */
@ApplicationScoped
class ResponsesStreamEncoder {

    private final JsonWriter json;

    ResponsesStreamEncoder(JsonWriter json) {
        this.json = json;
    }

    Multi<byte[]> encode(Multi<ChatDelta> deltas, ResponseObject skeleton, String requestId) {
        return Multi.createFrom().deferred(() -> {
            ResponsesStreamState state = new ResponsesStreamState(skeleton);
            Multi<ResponseStreamEvent> events = Multi.createBy().concatenating().streams(
                    Multi.createFrom().iterable(state.start()),
                    deltas.onItem().transformToIterable(state::onDelta),
                    Multi.createFrom().deferred(() -> Multi.createFrom().iterable(state.finish())));
            return events
                    .onFailure().recoverWithItem(failure -> {
                        Log.warnf("Stream %s failed after its first event: %s", requestId, failure.getMessage());
                        ErrorEnvelope.Body error = ErrorEnvelopes.of(failure, requestId).envelope().error();
                        return state.failed(error.code() != null ? error.code() : error.type(), error.message());
                    })
                    .map(event -> EventFrames.event(event.type(), json.bytes(event)));
        });
    }
}
