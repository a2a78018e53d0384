package dev.wormhole.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The embedded store's data and operations. Not thread-safe by design: {@link EmbeddedStateStore} runs every call
 * on one thread, which is what makes each operation atomic. Expired entries are dropped when touched and by
 * {@link #sweep}.
 */
final class EmbeddedState {

    final Map<String, EmbeddedEntry> entries;

    EmbeddedState(Map<String, EmbeddedEntry> entries) {
        this.entries = entries;
    }

    EmbeddedState() {
        this(new HashMap<>());
    }

    Optional<byte[]> get(String key, long now) {
        EmbeddedEntry.Value value = find(key, EmbeddedEntry.Value.class, now);
        return value == null ? Optional.empty() : Optional.of(value.bytes.clone());
    }

    void put(String key, byte[] bytes, long ttlMillis, long now) {
        EmbeddedEntry.Value value = new EmbeddedEntry.Value(bytes.clone());
        value.expireIfUnset(now, ttlMillis);
        entries.put(key, value);
    }

    boolean putIfAbsent(String key, byte[] bytes, long ttlMillis, long now) {
        if (live(key, now) != null) {
            return false;
        }
        put(key, bytes, ttlMillis, now);
        return true;
    }

    boolean delete(String key, long now) {
        return live(key, now) != null && entries.remove(key) != null;
    }

    long increment(String key, long delta, long ttlMillis, long now) {
        EmbeddedEntry.Counter counter = findOrCreate(key, EmbeddedEntry.Counter.class, EmbeddedEntry.Counter::new, now);
        counter.value = Math.addExact(counter.value, delta);
        counter.expireIfUnset(now, ttlMillis);
        return counter.value;
    }

    long counter(String key, long now) {
        EmbeddedEntry.Counter counter = find(key, EmbeddedEntry.Counter.class, now);
        return counter == null ? 0 : counter.value;
    }

    Map<String, Long> incrementFields(String key, Map<String, Long> deltas, long ttlMillis, long now) {
        EmbeddedEntry.Hash hash = findOrCreate(key, EmbeddedEntry.Hash.class, EmbeddedEntry.Hash::new, now);
        Map<String, Long> updated = new LinkedHashMap<>();
        deltas.forEach((field, delta) -> updated.put(field, hash.fields.merge(field, delta, Math::addExact)));
        hash.expireIfUnset(now, ttlMillis);
        return updated;
    }

    Map<String, Long> fields(String key, long now) {
        EmbeddedEntry.Hash hash = find(key, EmbeddedEntry.Hash.class, now);
        return hash == null ? Map.of() : Map.copyOf(hash.fields);
    }

    boolean indexAdd(String key, String member, long now) {
        return findOrCreate(key, EmbeddedEntry.Index.class, EmbeddedEntry.Index::new, now).members.add(member);
    }

    boolean indexRemove(String key, String member, long now) {
        EmbeddedEntry.Index index = find(key, EmbeddedEntry.Index.class, now);
        if (index == null || !index.members.remove(member)) {
            return false;
        }
        if (index.members.isEmpty()) {
            entries.remove(key); // as Redis drops an empty sorted set
        }
        return true;
    }

    List<String> indexPage(String key, String after, int limit, long now) {
        EmbeddedEntry.Index index = find(key, EmbeddedEntry.Index.class, now);
        List<String> page = new ArrayList<>();
        if (index != null) {
            Iterator<String> it = (after.isEmpty() ? index.members : index.members.tailSet(after, false)).iterator();
            while (it.hasNext() && page.size() < limit) {
                page.add(it.next());
            }
        }
        return page;
    }

    Admission admit(String key, long limit, long windowMillis, long cost, long now) {
        EmbeddedEntry.Window window = findOrCreate(key, EmbeddedEntry.Window.class, EmbeddedEntry.Window::new, now);
        Admission admission = SlidingWindows.admit(window, limit, windowMillis, cost, now);
        settle(key, window, windowMillis, window.costs.isEmpty());
        return admission;
    }

    void adjust(String key, long windowMillis, long at, long delta, long now) {
        EmbeddedEntry.Window window = findOrCreate(key, EmbeddedEntry.Window.class, EmbeddedEntry.Window::new, now);
        SlidingWindows.adjust(window, windowMillis, at, delta, now);
        settle(key, window, windowMillis, window.costs.isEmpty());
    }

    boolean acquire(String key, int limit, String leaseId, long ttlMillis, long now) {
        EmbeddedEntry.Leases leases = findOrCreate(key, EmbeddedEntry.Leases.class, EmbeddedEntry.Leases::new, now);
        leases.expiries.values().removeIf(expiry -> expiry <= now);
        boolean taken = leases.expiries.containsKey(leaseId) || leases.expiries.size() < limit;
        if (taken) {
            leases.expiries.put(leaseId, now + ttlMillis);
        }
        leases.expiresAt = leases.expiries.values().stream().mapToLong(Long::longValue).max().orElse(now);
        if (leases.expiries.isEmpty()) {
            entries.remove(key);
        }
        return taken;
    }

    boolean release(String key, String leaseId, long now) {
        EmbeddedEntry.Leases leases = find(key, EmbeddedEntry.Leases.class, now);
        if (leases == null) {
            return false;
        }
        Long expiry = leases.expiries.remove(leaseId);
        if (leases.expiries.isEmpty()) {
            entries.remove(key);
        }
        return expiry != null && expiry > now;
    }

    /** Drops every expired entry; answers how many. */
    int sweep(long now) {
        int before = entries.size();
        entries.values().removeIf(entry -> entry.expired(now));
        return before - entries.size();
    }

    private void settle(String key, EmbeddedEntry.Window window, long windowMillis, boolean empty) {
        if (empty) {
            entries.remove(key);
        } else {
            window.expiresAt = window.costs.lastKey() + windowMillis;
        }
    }

    private EmbeddedEntry live(String key, long now) {
        EmbeddedEntry entry = entries.get(key);
        if (entry != null && entry.expired(now)) {
            entries.remove(key);
            return null;
        }
        return entry;
    }

    private <T extends EmbeddedEntry> T find(String key, Class<T> kind, long now) {
        EmbeddedEntry entry = live(key, now);
        if (entry != null && !kind.isInstance(entry)) {
            throw new StateStoreException("the key holds a " + entry.kind() + ", not a " + kindName(kind));
        }
        return kind.cast(entry);
    }

    private <T extends EmbeddedEntry> T findOrCreate(String key, Class<T> kind, Supplier<T> create, long now) {
        T entry = find(key, kind, now);
        if (entry == null) {
            entry = create.get();
            entries.put(key, entry);
        }
        return entry;
    }

    private static String kindName(Class<? extends EmbeddedEntry> kind) {
        return kind.getSimpleName().toLowerCase();
    }
}
