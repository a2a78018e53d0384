package dev.wormhole.api;

import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.wormhole.api.dto.ErrorEnvelope;
import dev.wormhole.api.dto.ResponseObject;
import dev.wormhole.api.dto.ResponseStreamEvent;
import dev.wormhole.api.error.ErrorEnvelopes;
import dev.wormhole.api.sse.EventFrames;
import dev.wormhole.core.ChatDelta;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Turns a stream of deltas into the Responses API's typed SSE stream ({@link ResponsesStreamState}), each
 * event with an increasing {@code sequence_number}. A failure after the first delta becomes a
 * {@code response.failed} event, and the stream ends; there is no {@code [DONE]}. The last response object
 * (completed, incomplete or failed) is handed to an end step (storing it) before its event is sent, so a client
 * that has seen the end can retrieve it at once.
 */
@ApplicationScoped
class ResponsesStreamEncoder {

    private final JsonWriter json;

    ResponsesStreamEncoder(JsonWriter json) {
        this.json = json;
    }

    Multi<byte[]> encode(Multi<ChatDelta> deltas, ResponseObject skeleton, String requestId) {
        return encode(deltas, skeleton, requestId, response -> Uni.createFrom().voidItem());
    }

    Multi<byte[]> encode(Multi<ChatDelta> deltas, ResponseObject skeleton, String requestId,
            Function<ResponseObject, Uni<Void>> atEnd) {
        return Multi.createFrom().deferred(() -> {
            ResponsesStreamState state = new ResponsesStreamState(skeleton);
            Multi<ResponseStreamEvent> events = Multi.createBy().concatenating().streams(
                    Multi.createFrom().iterable(state.start()),
                    deltas.onItem().transformToIterable(state::onDelta),
                    Multi.createFrom().deferred(() -> last(state.finish(), atEnd)));
            return events
                    .onFailure().recoverWithMulti(failure -> {
                        Log.warnf("Stream %s failed after its first event: %s", requestId, failure.getMessage());
                        ErrorEnvelope.Body error = ErrorEnvelopes.of(failure, requestId).envelope().error();
                        ResponseStreamEvent failed = state.failed(error.code() != null ? error.code() : error.type(),
                                error.message());
                        return atEnd.apply(failed.response())
                                .onFailure().invoke(e -> Log.warnf("Stream %s: its failed response was not stored: %s",
                                        requestId, e.getMessage()))
                                .onFailure().recoverWithNull()
                                .onItem().transformToMulti(stored -> Multi.createFrom().item(failed));
                    })
                    .map(event -> EventFrames.event(event.type(), json.bytes(event)));
        });
    }

    /** The closing events, sent once the end step is done with the response the last one carries. */
    private static Multi<ResponseStreamEvent> last(List<ResponseStreamEvent> closing,
            Function<ResponseObject, Uni<Void>> atEnd) {
        ResponseObject response = closing.get(closing.size() - 1).response();
        return atEnd.apply(response).onItem().transformToMulti(done -> Multi.createFrom().iterable(closing));
    }
}
