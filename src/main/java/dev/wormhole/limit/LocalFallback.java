package dev.wormhole.limit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This replica's own limits for when the shared store fails under {@code fail-open}: a sliding one-minute log per
 * key and a count of calls in flight, each at the replica's share of the key's limit (at least 1), so that a store
 * outage is never an unbounded pass-through. Held in memory only; the store is preferred again as soon as it answers.
 */
final class LocalFallback {

    private static final long WINDOW_MILLIS = MinuteWindows.MINUTE.toMillis();

    private final int replicas;
    private final Map<String, Deque<long[]>> windows = new ConcurrentHashMap<>();
    private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();

    LocalFallback(int replicas) {
        this.replicas = Math.max(1, replicas);
    }

    /** This replica's share of {@code limit}. */
    long share(long limit) {
        return Math.max(1, limit / replicas);
    }

    /** Counts {@code cost} in the window at {@code key} if it fits this replica's share of {@code limit}. */
    boolean admit(String key, long limit, long cost, long now) {
        long share = share(limit);
        Deque<long[]> log = windows.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (log) {
            while (!log.isEmpty() && log.peekFirst()[0] <= now - WINDOW_MILLIS) {
                log.pollFirst();
            }
            long used = log.stream().mapToLong(entry -> entry[1]).sum();
            if (used + Math.min(cost, share) > share) {
                return false;
            }
            log.addLast(new long[] { now, Math.min(cost, share) });
            return true;
        }
    }

    /** Takes one of this replica's share of {@code limit} slots at {@code key}. */
    boolean acquire(String key, int limit) {
        long share = share(limit);
        boolean[] taken = new boolean[1];
        inFlight.compute(key, (k, n) -> {
            int current = n == null ? 0 : n;
            taken[0] = current < share;
            return taken[0] ? current + 1 : current;
        });
        return taken[0];
    }

    /** Gives a slot taken by {@link #acquire} back. */
    void release(String key) {
        inFlight.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
    }
}
