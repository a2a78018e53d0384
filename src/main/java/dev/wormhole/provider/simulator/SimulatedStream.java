package dev.wormhole.provider.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.wormhole.core.ChatDelta;
import dev.wormhole.core.Role;
import dev.wormhole.core.ToolCall;
import dev.wormhole.core.Usage;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Vertx;

/** How the simulator streams an answer: the deltas OpenAI would send, and the timer that paces them. */
final class SimulatedStream {

    private static final int ARGUMENT_PIECE_CHARS = 8;

    private SimulatedStream() {
    }

    /**
     * The deltas of an answer for {@code n} choices: a role delta, the token (or tool-argument) deltas, a
     * finish delta per choice, and a final usage-only delta.
     */
    static List<ChatDelta> deltas(SimulatedAnswer answer, String model, long created, int n) {
        List<List<ChatDelta.ChoiceDelta>> steps = new ArrayList<>();
        ToolCall call = answer.toolCall();
        List<String> pieces = call == null ? answer.tokens() : split(call.arguments());
        List<ChatDelta.ChoiceDelta> opening = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            opening.add(call == null ? new ChatDelta.ChoiceDelta(c, Role.ASSISTANT, "", List.of(), null)
                    : new ChatDelta.ChoiceDelta(c, Role.ASSISTANT, null,
                            List.of(new ChatDelta.ToolCallDelta(0, call.id(), call.name(), "")), null));
        }
        steps.add(opening);
        for (String piece : pieces) {
            List<ChatDelta.ChoiceDelta> step = new ArrayList<>();
            for (int c = 0; c < n; c++) {
                step.add(call == null ? new ChatDelta.ChoiceDelta(c, null, piece, List.of(), null)
                        : new ChatDelta.ChoiceDelta(c, null, null,
                                List.of(new ChatDelta.ToolCallDelta(0, null, null, piece)), null));
            }
            steps.add(step);
        }
        List<ChatDelta.ChoiceDelta> closing = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            closing.add(new ChatDelta.ChoiceDelta(c, null, null, List.of(), answer.finishReason()));
        }
        steps.add(closing);
        List<ChatDelta> deltas = new ArrayList<>();
        for (List<ChatDelta.ChoiceDelta> step : steps) {
            deltas.add(new ChatDelta(answer.id(), model, created, step, null));
        }
        Usage usage = Usage.of(answer.usage().promptTokens(), answer.usage().completionTokens() * n);
        deltas.add(new ChatDelta(answer.id(), model, created, List.of(), usage));
        return deltas;
    }

    private static List<String> split(String text) {
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < text.length(); i += ARGUMENT_PIECE_CHARS) {
            pieces.add(text.substring(i, Math.min(text.length(), i + ARGUMENT_PIECE_CHARS)));
        }
        return pieces;
    }

    /**
     * Emits deltas on Vert.x timers: the first after the first-token latency, each content delta after one
     * token gap; the closing deltas follow the last token at once. Cancelling stops the timer.
     */
    static final class Pacer {
        private final Vertx vertx;
        private final List<ChatDelta> deltas;
        private final Duration firstTokenLatency;
        private final Duration tokenGap;
        private final MultiEmitter<? super ChatDelta> emitter;
        private int next;
        private volatile long timer = -1;

        Pacer(Vertx vertx, List<ChatDelta> deltas, Duration firstTokenLatency, Duration tokenGap,
                MultiEmitter<? super ChatDelta> emitter) {
            this.vertx = vertx;
            this.deltas = deltas;
            this.firstTokenLatency = firstTokenLatency;
            this.tokenGap = tokenGap;
            this.emitter = emitter;
        }

        void start() {
            emitter.onTermination(() -> vertx.cancelTimer(timer));
            schedule(firstTokenLatency);
        }

        private void schedule(Duration delay) {
            if (emitter.isCancelled()) {
                return;
            }
            if (delay.isZero()) {
                emitNext();
            } else {
                timer = vertx.setTimer(Math.max(1, delay.toMillis()), id -> emitNext());
            }
        }

        private void emitNext() {
            while (next < deltas.size() && !emitter.isCancelled()) {
                ChatDelta delta = deltas.get(next++);
                emitter.emit(delta);
                boolean contentFollows = next < deltas.size() - 2 && next > 1;
                if (contentFollows && !tokenGap.isZero()) {
                    schedule(tokenGap);
                    return;
                }
            }
            if (next >= deltas.size()) {
                emitter.complete();
            }
        }
    }
}
