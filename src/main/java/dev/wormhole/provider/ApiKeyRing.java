package dev.wormhole.provider;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * The upstream keys of one provider, used in turn. A key that got a 429 cools down for the delay the upstream
 * asked for (or a default) and is skipped meanwhile; when every key is cooling, the one that recovers first is
 * used.
 */
public final class ApiKeyRing {

    private static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(30);

    private final List<String> keys;
    private final AtomicLongArray coolUntil;
    private final AtomicInteger next = new AtomicInteger();
    private final LongSupplier nanoClock;

    public ApiKeyRing(List<String> keys, LongSupplier nanoClock) {
        this.keys = List.copyOf(keys);
        this.coolUntil = new AtomicLongArray(keys.size());
        this.nanoClock = nanoClock;
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** The next usable key, or null when the provider has none. */
    public String next() {
        if (keys.isEmpty()) {
            return null;
        }
        long now = nanoClock.getAsLong();
        int start = Math.floorMod(next.getAndIncrement(), keys.size());
        int soonest = start;
        for (int i = 0; i < keys.size(); i++) {
            int index = (start + i) % keys.size();
            if (coolUntil.get(index) - now <= 0) {
                return keys.get(index);
            }
            if (coolUntil.get(index) - coolUntil.get(soonest) < 0) {
                soonest = index;
            }
        }
        return keys.get(soonest);
    }

    /** Rests a key that was rate limited, for {@code delay} or a default when the upstream named none. */
    public void coolDown(String key, Duration delay) {
        int index = keys.indexOf(key);
        if (index >= 0) {
            Duration rest = delay == null || delay.isZero() ? DEFAULT_COOLDOWN : delay;
            coolUntil.set(index, nanoClock.getAsLong() + rest.toNanos());
        }
    }
}
