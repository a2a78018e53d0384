package dev.wormhole.batch;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live figures of one batch: its request id and mode, its items in flight now and at most, how many have
 * completed and failed, and when it started.
 */
public final class BatchRun {

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final long startedNanos = System.nanoTime();
    private final String id;
    private final BatchMode mode;
    private final int concurrency;
    private final int items;

    BatchRun(String id, BatchMode mode, int concurrency, int items) {
        this.id = id;
        this.mode = mode;
        this.concurrency = concurrency;
        this.items = items;
    }

    void started() {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    }

    void ended(boolean succeeded) {
        inFlight.decrementAndGet();
        completed.incrementAndGet();
        if (!succeeded) {
            failed.incrementAndGet();
        }
    }

    /** The id of the request that runs the batch. */
    public String id() {
        return id;
    }

    /** How the batch answers: all items, the successes, or the first success. */
    public BatchMode mode() {
        return mode;
    }

    /** How many items the batch holds. */
    public int items() {
        return items;
    }

    /** Items that have ended, successfully or not (cancelled ones included). */
    public int completed() {
        return completed.get();
    }

    /** Items that have ended without success. */
    public int failed() {
        return failed.get();
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
