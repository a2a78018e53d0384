package dev.wormhole.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import io.smallrye.mutiny.Uni;

/**
 * Writes a Responses API stream as typed SSE events, each with an increasing {@code sequence_number}: core deltas
 * through a {@link ResponsesStreamState} ({@code response.created} and {@code response.in_progress} first), an
 * upstream's own Responses events as they came. A failure after the first event ends the stream with a
 * {@code response.failed} event, or for a relayed stream (whose response the gateway does not hold) an
 * {@code error} event; there is no {@code [DONE]}. The final response object (completed, incomplete or failed) is
 * handed to the {@link ResponseStreamEnd} (storing it) before its event is sent.
 */
@ApplicationScoped
class ResponsesStreamEncoder {

    private static final Set<String> TERMINAL = Set.of("response.completed", "response.incomplete",
            "response.failed");

    private final JsonWriter json;

    ResponsesStreamEncoder(JsonWriter json) {
        this.json = json;
    }

    Multi<byte[]> encode(Multi<? extends Metered> items, ResponseObject skeleton, String requestId) {
        return encode(items, skeleton, requestId, ResponseStreamEnd.NONE);
    }

    Multi<byte[]> encode(Multi<? extends Metered> items, ResponseObject skeleton, String requestId,
            ResponseStreamEnd end) {
        return Multi.createFrom().deferred(() -> {
            Encoding encoding = new Encoding(new ResponsesStreamState(skeleton), end);
            return items.onItem().transformToIterable(encoding::next)
                    .onCompletion().switchTo(encoding::finish)
                    .onFailure().recoverWithMulti(failure -> {
                        Log.warnf("Stream %s failed after its first event: %s", requestId, failure.getMessage());
                        return encoding.failed(ErrorEnvelopes.of(failure, requestId).envelope().error(), requestId);
                    });
        });
    }

    /** One stream's encoding, relayed or translated by its first item; a stream's signals are serialized. */
    private final class Encoding {
        private final ResponsesStreamState state;
        private final ResponseStreamEnd end;
        private boolean started;
        private boolean relayed;
        private int relayedEvents;
        /** A relayed terminal event, held until the end step is done with it. */
        private NativeEvent terminal;

        Encoding(ResponsesStreamState state, ResponseStreamEnd end) {
            this.state = state;
            this.end = end;
        }

        /** The frames of one item, one per event. */
        List<byte[]> next(Metered item) {
            if (item instanceof NativeEvent event) {
                relayed = true;
                relayedEvents++;
                NativeEvent shown = new NativeEvent(event.event(), end.relayed(event.data()), null, 0);
                if (TERMINAL.contains(event.event())) {
                    terminal = shown;
                    return List.of();
                }
                return List.of(SseFrames.relayed(shown.event(), shown.data()));
            }
            List<ResponseStreamEvent> events = new ArrayList<>(begin());
            events.addAll(state.onDelta((ChatDelta) item));
            return frames(events);
        }

        /** The closing events, once the end step is done with the final response. */
        Multi<byte[]> finish() {
            if (relayed) {
                if (terminal == null) {
                    return Multi.createFrom().empty();
                }
                NativeEvent last = terminal;
                return end.endedRelayed(last.data()).onItem().transformToMulti(done -> Multi.createFrom().item(
                        SseFrames.relayed(last.event(), last.data())));
            }
            List<ResponseStreamEvent> closing = new ArrayList<>(begin());
            closing.addAll(state.finish());
            ResponseObject response = closing.get(closing.size() - 1).response();
            return end.ended(json.bytes(response)).onItem().transformToMulti(done -> Multi.createFrom().iterable(
                    frames(closing)));
        }

        Multi<byte[]> failed(ErrorEnvelope.Body error, String requestId) {
            String code = error.code() != null ? error.code() : error.type();
            if (relayed) {
                Map<String, Object> event = new LinkedHashMap<>();
                event.put("type", "error");
                event.put("code", code);
                event.put("message", error.message());
                event.put("param", error.param());
                // Upstream sequence numbers count from 0, one per event.
                event.put("sequence_number", relayedEvents);
                return Multi.createFrom().item(EventFrames.event("error", json.bytes(event)));
            }
            List<ResponseStreamEvent> events = new ArrayList<>(begin());
            ResponseStreamEvent failed = state.failed(code, error.message());
            events.add(failed);
            return end.ended(json.bytes(failed.response()))
                    .onFailure().invoke(e -> Log.warnf("Stream %s: its failed response was not stored: %s",
                            requestId, e.getMessage()))
                    .onFailure().recoverWithNull()
                    .onItem().transformToMulti(stored -> Multi.createFrom().iterable(frames(events)));
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
