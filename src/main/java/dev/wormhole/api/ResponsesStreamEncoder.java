package dev.wormhole.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.wormhole.api.dto.ErrorEnvelope;
import dev.wormhole.api.dto.ResponseObject;
import dev.wormhole.api.dto.ResponseStreamEvent;
import dev.wormhole.api.error.ErrorEnvelopes;
import dev.wormhole.api.sse.EventFrames;
import dev.wormhole.api.sse.SseFrames;
import dev.wormhole.core.ChatDelta;
import dev.wormhole.core.Metered;
import dev.wormhole.provider.NativeEvent;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;

/**
 * Writes a Responses API stream as typed SSE events, each with an increasing {@code sequence_number}: core deltas
 * through a {@link ResponsesStreamState} ({@code response.created} and {@code response.in_progress} first), an
 * upstream's own Responses events as they came. A failure after the first event ends the stream with a
 * {@code response.failed} event, or for a relayed stream (whose response the gateway does not hold) an
 * {@code error} event; there is no {@code [DONE]}.
 */
@ApplicationScoped
class ResponsesStreamEncoder {

    private final JsonWriter json;

    ResponsesStreamEncoder(JsonWriter json) {
        this.json = json;
    }

    Multi<byte[]> encode(Multi<? extends Metered> items, ResponseObject skeleton, String requestId) {
        return Multi.createFrom().deferred(() -> {
            Encoding encoding = new Encoding(new ResponsesStreamState(skeleton));
            return items.onItem().transformToIterable(encoding::next)
                    .onCompletion().continueWith(encoding::finish)
                    .onFailure().recoverWithMulti(failure -> {
                        Log.warnf("Stream %s failed after its first event: %s", requestId, failure.getMessage());
                        return Multi.createFrom().iterable(encoding.failed(ErrorEnvelopes.of(failure, requestId)
                                .envelope().error()));
                    });
        });
    }

    /** One stream's encoding, relayed or translated by its first item; a stream's signals are serialized. */
    private final class Encoding {
        private final ResponsesStreamState state;
        private boolean started;
        private boolean relayed;
        private int relayedEvents;

        Encoding(ResponsesStreamState state) {
            this.state = state;
        }

        /** The frames of one item, one per event. */
        List<byte[]> next(Metered item) {
            if (item instanceof NativeEvent event) {
                relayed = true;
                relayedEvents++;
                return List.of(SseFrames.relayed(event.event(), event.data()));
            }
            List<ResponseStreamEvent> events = new ArrayList<>(begin());
            events.addAll(state.onDelta((ChatDelta) item));
            return frames(events);
        }

        /** The closing events of a translated stream; a relayed one brought its own. */
        List<byte[]> finish() {
            if (relayed) {
                return List.of();
            }
            List<ResponseStreamEvent> events = new ArrayList<>(begin());
            events.addAll(state.finish());
            return frames(events);
        }

        List<byte[]> failed(ErrorEnvelope.Body error) {
            String code = error.code() != null ? error.code() : error.type();
            if (relayed) {
                Map<String, Object> event = new LinkedHashMap<>();
                event.put("type", "error");
                event.put("code", code);
                event.put("message", error.message());
                event.put("param", error.param());
                // Upstream sequence numbers count from 0, one per event.
                event.put("sequence_number", relayedEvents);
                return List.of(EventFrames.event("error", json.bytes(event)));
            }
            List<ResponseStreamEvent> events = new ArrayList<>(begin());
            events.add(state.failed(code, error.message()));
            return frames(events);
        }

        private List<ResponseStreamEvent> begin() {
            if (started) {
                return List.of();
            }
            started = true;
            return state.start();
        }

        private List<byte[]> frames(List<ResponseStreamEvent> events) {
            List<byte[]> frames = new ArrayList<>(events.size());
            for (ResponseStreamEvent event : events) {
                frames.add(EventFrames.event(event.type(), json.bytes(event)));
            }
            return frames;
        }
    }
}
