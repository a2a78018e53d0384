package dev.wormhole.state;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;

/**
 * The sliding window log of the embedded store, the same algorithm as the Redis script: a cost counted at {@code t}
 * counts while {@code now - window < t}. Chosen over GCRA/token buckets (which admit up to twice the limit in the
 * first window of a burst) and over the two-fixed-window estimate (which can overshoot by half a window's worth when
 * traffic is uneven): the log is exact, so no rolling window ever holds more than the limit, and under sustained
 * overload every window fills to exactly the limit, from any number of replicas (the check and the count are one
 * atomic step). Its price is one entry per admission within the window (per millisecond here), pruned as they age.
 */
final class SlidingWindows {

    private SlidingWindows() {
    }

    static Admission admit(EmbeddedEntry.Window window, long limit, long windowMillis, long cost, long now) {
        prune(window, windowMillis, now);
        boolean admitted = cost <= limit && window.used + cost <= limit;
        if (admitted) {
            window.costs.merge(now, cost, Long::sum);
            window.used += cost;
        }
        long retryAfter = admitted ? 0 : cost > limit ? windowMillis : retryAfter(window, limit, windowMillis, cost, now);
        long resetAfter = window.costs.isEmpty() ? 0 : window.costs.lastKey() + windowMillis - now;
        return new Admission(admitted, Math.max(0, limit - window.used), Duration.ofMillis(retryAfter),
                Duration.ofMillis(resetAfter), now);
    }

    static void adjust(EmbeddedEntry.Window window, long windowMillis, long at, long delta, long now) {
        prune(window, windowMillis, now);
        if (at > now - windowMillis) {
            window.costs.merge(at, delta, Long::sum);
            window.used += delta;
        } else if (delta > 0) {
            window.costs.merge(now, delta, Long::sum);
            window.used += delta;
        }
    }

    private static void prune(EmbeddedEntry.Window window, long windowMillis, long now) {
        Iterator<Map.Entry<Long, Long>> it = window.costs.headMap(now - windowMillis, true).entrySet().iterator();
        while (it.hasNext()) {
            window.used -= it.next().getValue();
            it.remove();
        }
    }

    /** Time until enough of the oldest costs have left the window for {@code cost} to fit. */
    private static long retryAfter(EmbeddedEntry.Window window, long limit, long windowMillis, long cost, long now) {
        long freed = 0;
        for (Map.Entry<Long, Long> e : window.costs.entrySet()) {
            freed += e.getValue();
            if (window.used - freed + cost <= limit) {
                return e.getKey() + windowMillis - now;
            }
        }
        return windowMillis;
    }
}
