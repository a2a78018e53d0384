package dev.wormhole.batch;

import java.util.concurrent.atomic.AtomicInteger;

/** The live figures of one batch: items in flight now and at most, and when it started. */
public final class BatchRun {

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final long startedNanos = System.nanoTime();
    private final int concurrency;

    BatchRun(int concurrency) {
        this.concurrency = concurrency;
    }

    void started() {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    }

    void ended() {
        inFlight.decrementAndGet();
    }

    /** The concurrency actually used: the request's, capped by the item count and the server maximum. */
    public int concurrency() {
        return concurrency;
    }

    /** The most items that were in flight at once. */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** Items in flight now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Milliseconds since the batch started. */
    public long elapsedMillis() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
