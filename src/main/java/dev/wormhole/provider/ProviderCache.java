package dev.wormhole.provider;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import io.quarkus.logging.Log;

/**
 * The concurrency core of the registry: provider instances created on first use, cached by id, leased with
 * reference counts, evicted when idle, closed exactly once, drained on shutdown. Free of CDI so that its
 * races can be tested directly.
 *
 * <p>Each entry's lease count doubles as its state: {@code -1} means retired. Leasing increments it unless
 * it is retired; eviction retires an entry only by swapping 0 for -1, so an entry with a lease can never
 * be retired, and a retired entry is never handed out again.
 */
final class ProviderCache {

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final Function<String, Provider> factory;
    private final LongSupplier nanoClock;
    private final AtomicInteger openLeases = new AtomicInteger();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private volatile boolean draining;

    final AtomicLong hits = new AtomicLong();
    final AtomicLong misses = new AtomicLong();
    final AtomicLong evictions = new AtomicLong();

    ProviderCache(Function<String, Provider> factory, LongSupplier nanoClock) {
        this.factory = factory;
        this.nanoClock = nanoClock;
    }

    /** A lease on the provider, creating it if needed. Fails once draining has begun. */
    Lease lease(String id) {
        openLeases.incrementAndGet();
        if (draining) {
            releaseOne();
            throw shuttingDown();
        }
        try {
            while (true) {
                if (draining) {
                    // Drain may have closed every entry while this lease was looping: never re-create one.
                    throw shuttingDown();
                }
                boolean[] created = { false };
                Entry entry = entries.computeIfAbsent(id, key -> {
                    created[0] = true;
                    return new Entry(key, factory.apply(key));
                });
                if (entry.tryAcquire()) {
                    (created[0] ? misses : hits).incrementAndGet();
                    return new EntryLease(entry);
                }
                // Retired by a concurrent eviction between lookup and acquire: drop it and create afresh.
                entries.remove(id, entry);
            }
        } catch (RuntimeException | Error e) {
            releaseOne();
            throw e;
        }
    }

    private static GatewayException shuttingDown() {
        return GatewayException.of(ErrorKind.UNAVAILABLE, "shutting_down",
                "The gateway is shutting down and accepts no new requests; retry on another instance.");
    }

    /** Closes entries idle longer than {@code idleTimeout}, then the least recently used idle ones beyond {@code maxSize}. */
    int evictIdle(Duration idleTimeout, int maxSize) {
        long now = nanoClock.getAsLong();
        int closed = 0;
        for (Entry entry : entries.values()) {
            if (now - entry.lastUsed >= idleTimeout.toNanos() && retire(entry)) {
                closed++;
            }
        }
        int excess = entries.size() - maxSize;
        if (excess > 0) {
            List<Entry> idleOldestFirst = entries.values().stream().filter(e -> e.leases.get() == 0)
                    .sorted(Comparator.comparingLong(e -> e.lastUsed)).toList();
            for (Entry entry : idleOldestFirst) {
                if (excess <= 0) {
                    break;
                }
                if (retire(entry)) {
                    closed++;
                    excess--;
                }
            }
        }
        return closed;
    }

    private boolean retire(Entry entry) {
        if (!entry.leases.compareAndSet(0, -1)) {
            return false;
        }
        entries.remove(entry.id, entry);
        entry.close();
        evictions.incrementAndGet();
        return true;
    }

    /**
     * Stops admitting leases, waits up to {@code grace} for the open ones to be released, then closes every
     * provider. Blocks the calling thread: call it only from the shutdown thread.
     *
     * @return true when every lease was released within the grace period
     */
    boolean drain(Duration grace) {
        stopAdmitting();
        boolean clean = true;
        try {
            drained.get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            clean = false;
            Log.warnf("Shutdown grace of %s elapsed with %d request(s) still in flight; closing providers anyway",
                    grace, openLeases.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            clean = false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
        for (Entry entry : entries.values()) {
            entry.leases.set(-1);
            entries.remove(entry.id, entry);
            entry.close();
        }
        return clean;
    }

    /** Refuses new leases from now on; open leases run to their end. Idempotent. */
    void stopAdmitting() {
        draining = true;
        if (openLeases.get() == 0) {
            drained.complete(null);
        }
    }

    private void releaseOne() {
        if (openLeases.decrementAndGet() == 0 && draining) {
            drained.complete(null);
        }
    }

    /** Instances currently cached. */
    int size() {
        return entries.size();
    }

    /** Leases currently open, across providers. */
    int openLeases() {
        return openLeases.get();
    }

    /** Leases open on one provider; 0 when it has no instance. */
    int leases(String id) {
        Entry entry = entries.get(id);
        return entry == null ? 0 : Math.max(0, entry.leases.get());
    }

    /** Whether an instance of the provider is cached. */
    boolean isCached(String id) {
        return entries.containsKey(id);
    }

    boolean isDraining() {
        return draining;
    }

    private final class Entry {
        final String id;
        final Provider provider;
        final AtomicInteger leases = new AtomicInteger();
        final AtomicBoolean closed = new AtomicBoolean();
        volatile long lastUsed = nanoClock.getAsLong();

        Entry(String id, Provider provider) {
            this.id = id;
            this.provider = provider;
        }

        boolean tryAcquire() {
            while (true) {
                int current = leases.get();
                if (current < 0) {
                    return false;
                }
                if (leases.compareAndSet(current, current + 1)) {
                    lastUsed = nanoClock.getAsLong();
                    return true;
                }
            }
        }

        void release() {
            lastUsed = nanoClock.getAsLong();
            leases.updateAndGet(n -> n > 0 ? n - 1 : n);
        }

        void close() {
            if (closed.compareAndSet(false, true)) {
                try {
                    provider.close();
                } catch (RuntimeException e) {
                    Log.warnf(e, "Closing provider '%s' failed", id);
                }
            }
        }
    }

    private final class EntryLease implements Lease {
        private final Entry entry;
        private final AtomicBoolean released = new AtomicBoolean();

        EntryLease(Entry entry) {
            this.entry = entry;
        }

        @Override
        public Provider provider() {
            return entry.provider;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                entry.release();
                releaseOne();
            }
        }
    }
}
