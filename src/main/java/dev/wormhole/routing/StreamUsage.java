package dev.wormhole.routing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.wormhole.core.Metered;
import dev.wormhole.core.ModelRef;
import dev.wormhole.core.Usage;
import dev.wormhole.usage.Spending;
import io.smallrye.mutiny.Multi;

/**
 * The accounting of one streamed call on one target: the usage the provider reported, or, for a stream cut
 * before its usage chunk, an estimate of the output from the text that did reach the client (about four
 * characters a token), so that cut streams are not free. Both go to the metrics and to the key's usage.
 */
final class StreamUsage {

    private final String operation;
    private final ModelRef target;
    private final UsageMetrics metrics;
    private final Spending.Call spend;
    private final String keyName;
    private final long start = System.nanoTime();
    private volatile long firstChunk;
    private final AtomicReference<Usage> reported = new AtomicReference<>();
    private final AtomicLong characters = new AtomicLong();

    /** The accounting of a stream of {@code operation} ({@code chat}, {@code speech}) on {@code target}. */
    StreamUsage(String operation, ModelRef target, UsageMetrics metrics, Spending.Call spend, String keyName) {
        this.operation = operation;
        this.target = target;
        this.metrics = metrics;
        this.spend = spend;
        this.keyName = keyName;
    }

    <E extends Metered> Multi<E> track(Multi<E> stream) {
        return stream.onItem().invoke(item -> {
            if (firstChunk == 0) {
                firstChunk = System.nanoTime();
            }
            if (item.usage() != null) {
                reported.set(item.usage());
            }
            characters.addAndGet(item.outputCharacters());
        }).onTermination().invoke((failure, cancelled) -> {
            String outcome = failure != null ? UsageMetrics.outcome(failure)
                    : cancelled ? UsageMetrics.CANCELLED : UsageMetrics.OK;
            Usage usage = used();
            metrics.record(operation + ".stream", target, keyName, outcome, elapsed(), usage);
            timing(usage);
            spend.ended(usage, failure);
        });
    }

    /** The usage the provider reported, or the output estimated from the characters streamed so far. */
    Usage used() {
        return reported.get() != null ? reported.get() : Usage.of(0, (characters.get() + 3) / 4);
    }

    void endedBeforeFirstChunk(Throwable failure, boolean cancelled) {
        String outcome = failure != null ? UsageMetrics.outcome(failure) : UsageMetrics.CANCELLED;
        metrics.record(operation + ".stream", target, keyName, outcome, elapsed(), null);
        spend.ended(null, failure);
    }

    /** A chat stream's time to its first chunk, and per output token after it. */
    private void timing(Usage usage) {
        long first = firstChunk;
        if (first == 0 || !"chat".equals(operation)) {
            return;
        }
        long after = System.nanoTime() - first;
        long tokens = usage.completionTokens();
        metrics.stream(target, keyName, Duration.ofNanos(first - start),
                tokens > 1 ? Duration.ofNanos(after / (tokens - 1)) : null);
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
