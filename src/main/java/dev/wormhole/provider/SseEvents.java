package dev.wormhole.provider;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.buffer.Buffer;

/**
 * The events of an upstream SSE (or other framed) body up to the dialect's terminal event. The stream completes as soon as
 * the terminal event arrives, while the rest of the body is read and discarded so the connection returns
 * to the pool; a body that ends without the terminal event fails as truncated, and a failure after the
 * terminal event is ignored. Cancelling before the terminal event cancels (resets) the upstream.
 *
 * <p>The body is read as fast as it arrives: a streamed answer is bounded by the model's output, and the
 * frame limit bounds each event.
 */
public final class SseEvents {

    private static final String TRUNCATED = "upstream_stream_truncated";

    private SseEvents() {
    }

    /**
     * @param isTerminal recognizes the event that ends the stream (not emitted), e.g. {@code data: [DONE]}
     */
    public static Multi<SseDecoder.Event> read(Multi<Buffer> body, long maxFrameBytes,
            Predicate<SseDecoder.Event> isTerminal, String providerId) {
        return read(body, new SseDecoder(maxFrameBytes), isTerminal, providerId);
    }

    /** As {@link #read(Multi, long, Predicate, String)} for another framing, such as NDJSON. */
    public static Multi<SseDecoder.Event> read(Multi<Buffer> body, FrameDecoder decoder,
            Predicate<SseDecoder.Event> isTerminal, String providerId) {
        return read(body, decoder, isTerminal, false, providerId);
    }

    /**
     * As {@link #read(Multi, long, Predicate, String)}, but the terminal event is emitted before the stream
     * completes: for relaying a stream whose last event the client must see too.
     */
    public static Multi<SseDecoder.Event> readThrough(Multi<Buffer> body, long maxFrameBytes,
            Predicate<SseDecoder.Event> isTerminal, String providerId) {
        return read(body, new SseDecoder(maxFrameBytes), isTerminal, true, providerId);
    }

    private static Multi<SseDecoder.Event> read(Multi<Buffer> body, FrameDecoder decoder,
            Predicate<SseDecoder.Event> isTerminal, boolean emitTerminal, String providerId) {
        return Multi.createFrom().emitter(emitter -> {
            Reader reader = new Reader(emitter, decoder, isTerminal, emitTerminal, providerId);
            Cancellable subscription = body.subscribe().with(reader::onChunk, reader::onFailure, reader::onEnd);
            emitter.onTermination(() -> {
                if (!reader.finished.get()) {
                    subscription.cancel();
                }
            });
            reader.subscription = subscription;
        });
    }

    /** Whether a failure is the body ending before the terminal event. */
    public static boolean isTruncation(Throwable failure) {
        return failure instanceof GatewayException g && TRUNCATED.equals(g.code());
    }

    private static final class Reader {
        final AtomicBoolean finished = new AtomicBoolean();
        private final MultiEmitter<? super SseDecoder.Event> emitter;
        private final FrameDecoder decoder;
        private final Predicate<SseDecoder.Event> isTerminal;
        private final boolean emitTerminal;
        private final String providerId;
        volatile Cancellable subscription;

        Reader(MultiEmitter<? super SseDecoder.Event> emitter, FrameDecoder decoder,
                Predicate<SseDecoder.Event> isTerminal, boolean emitTerminal, String providerId) {
            this.emitter = emitter;
            this.decoder = decoder;
            this.isTerminal = isTerminal;
            this.emitTerminal = emitTerminal;
            this.providerId = providerId;
        }

        void onChunk(Buffer chunk) {
            if (finished.get()) {
                return;
            }
            try {
                emitAll(decoder.feed(chunk.getBytes()));
            } catch (RuntimeException e) {
                failAndStop(e);
            }
        }

        void onEnd() {
            if (finished.get()) {
                return;
            }
            emitAll(decoder.finish());
            if (finished.compareAndSet(false, true)) {
                emitter.fail(GatewayException.of(ErrorKind.UPSTREAM_ERROR, TRUNCATED,
                        "Provider '" + providerId + "' ended the stream before its final event."));
            }
        }

        void onFailure(Throwable failure) {
            if (finished.compareAndSet(false, true)) {
                emitter.fail(failure);
            }
        }

        private void emitAll(List<SseDecoder.Event> events) {
            for (SseDecoder.Event event : events) {
                if (finished.get()) {
                    return;
                }
                if (isTerminal.test(event)) {
                    finished.set(true);
                    if (emitTerminal) {
                        emitter.emit(event);
                    }
                    emitter.complete();
                    return;
                }
                emitter.emit(event);
            }
        }

        private void failAndStop(RuntimeException failure) {
            if (finished.compareAndSet(false, true)) {
                Cancellable s = subscription;
                if (s != null) {
                    s.cancel();
                }
                emitter.fail(failure);
            }
        }
    }
}
