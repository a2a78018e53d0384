package dev.wormhole.store;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;


import dev.wormhole.config.WormholeConfig;
import io.smallrye.mutiny.Uni;

/**
 * The response store of a single gateway: a bounded map in memory, oldest entry evicted when full, each entry
 * gone once its time to live has passed. Every operation is a few map steps under one lock and never waits
 * for anything else, so it is safe on the event loop. The store of a gateway on the embedded state store
 * ({@link ResponseStores}).
 */
public class InMemoryResponseStore implements ResponseStore {

    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier nanoClock;
    /** Insertion order is expiry order, as every entry lives equally long: the eldest expires and goes first. */
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

    InMemoryResponseStore(WormholeConfig config) {
        this(config.responses().storeTtl(), config.responses().storeMaxEntries(), System::nanoTime);
    }

    InMemoryResponseStore(Duration ttl, int maxEntries, LongSupplier nanoClock) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.nanoClock = nanoClock;
    }

    @Override
    public Uni<Void> put(String id, StoredResponse response) {
        return Uni.createFrom().item(() -> {
            long now = nanoClock.getAsLong();
            synchronized (entries) {
                entries.remove(id);
                entries.put(id, new Entry(response, now + ttlNanos));
                dropExpiredAndEldest(now);
            }
            return null;
        });
    }

    @Override
    public Uni<Optional<StoredResponse>> get(String id) {
        return Uni.createFrom().item(() -> {
            long now = nanoClock.getAsLong();
            synchronized (entries) {
                Entry entry = entries.get(id);
                if (entry != null && expired(entry, now)) {
                    entries.remove(id);
                    entry = null;
                }
                return Optional.ofNullable(entry).map(Entry::response);
            }
        });
    }

    @Override
    public Uni<Boolean> delete(String id) {
        return Uni.createFrom().item(() -> {
            long now = nanoClock.getAsLong();
            synchronized (entries) {
                Entry entry = entries.remove(id);
                return entry != null && !expired(entry, now);
            }
        });
    }

    /** How many entries are held, expired ones not yet dropped included. */
    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private void dropExpiredAndEldest(long now) {
        Iterator<Map.Entry<String, Entry>> eldest = entries.entrySet().iterator();
        while (eldest.hasNext()) {
            Entry entry = eldest.next().getValue();
            if (entries.size() <= maxEntries && !expired(entry, now)) {
                return;
            }
            eldest.remove();
        }
    }

    private static boolean expired(Entry entry, long now) {
        return now - entry.expiresAt() >= 0;
    }

    private record Entry(StoredResponse response, long expiresAt) {
    }
}
