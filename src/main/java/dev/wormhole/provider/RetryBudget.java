package dev.wormhole.provider;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * Bounds the retries of one provider to a fraction of its calls over a sliding window (plus a small floor),
 * so that retries can never multiply the load on a provider that is already failing. The window is kept in
 * ten buckets; counts are approximate under contention, which is fine for a budget.
 */
final class RetryBudget {

    private static final int BUCKETS = 10;

    private final double ratio;
    private final int minRetries;
    private final long bucketNanos;
    private final LongSupplier nanoClock;
    private final AtomicLongArray calls = new AtomicLongArray(BUCKETS);
    private final AtomicLongArray retries = new AtomicLongArray(BUCKETS);
    private final AtomicLongArray epochs = new AtomicLongArray(BUCKETS);

    RetryBudget(double ratio, Duration window, int minRetries, LongSupplier nanoClock) {
        this.ratio = ratio;
        this.minRetries = minRetries;
        this.bucketNanos = Math.max(1, window.toNanos() / BUCKETS);
        this.nanoClock = nanoClock;
    }

    /** Counts a call (not its retries). */
    void recordCall() {
        calls.incrementAndGet(bucket());
    }

    /** Takes one retry from the budget; false when the window's retries are spent. */
    boolean tryRetry() {
        int current = bucket();
        long totalCalls = 0;
        long totalRetries = 0;
        long epoch = epochs.get(current);
        for (int i = 0; i < BUCKETS; i++) {
            if (epoch - epochs.get(i) < BUCKETS) {
                totalCalls += calls.get(i);
                totalRetries += retries.get(i);
            }
        }
        if (totalRetries + 1 > Math.max(minRetries, ratio * totalCalls)) {
            return false;
        }
        retries.incrementAndGet(current);
        return true;
    }

    /** The bucket of now, cleared first if it last held an older window's counts. */
    private int bucket() {
        long epoch = nanoClock.getAsLong() / bucketNanos;
        int index = (int) Math.floorMod(epoch, (long) BUCKETS);
        long seen = epochs.get(index);
        if (seen != epoch && epochs.compareAndSet(index, seen, epoch)) {
            calls.set(index, 0);
            retries.set(index, 0);
        }
        return index;
    }
}
