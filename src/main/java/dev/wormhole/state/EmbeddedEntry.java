package dev.wormhole.state;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one key of the embedded store holds. Mutable and confined to the store's single state thread, so that each
 * operation is atomic without locks.
 */
abstract class EmbeddedEntry {

    /** Epoch milliseconds after which the entry is gone; 0 for never. */
    long expiresAt;

    abstract String kind();

    boolean expired(long now) {
        return expiresAt != 0 && expiresAt <= now;
    }

    /** Sets a TTL only where there is none (the counters' "TTL on creation"). */
    void expireIfUnset(long now, long ttlMillis) {
        if (expiresAt == 0 && ttlMillis > 0) {
            expiresAt = now + ttlMillis;
        }
    }

    static final class Value extends EmbeddedEntry {
        final byte[] bytes;

        Value(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        String kind() {
            return "value";
        }
    }

    static final class Counter extends EmbeddedEntry {
        long value;

        @Override
        String kind() {
            return "counter";
        }
    }

    static final class Hash extends EmbeddedEntry {
        final Map<String, Long> fields = new HashMap<>();

        @Override
        String kind() {
            return "hash";
        }
    }

    static final class Index extends EmbeddedEntry {
        /** Code point order is the byte order of UTF-8, the order Redis lists the members in. */
        final TreeSet<String> members = new TreeSet<>(Index::compareCodePoints);

        @Override
        String kind() {
            return "index";
        }

        static int compareCodePoints(String a, String b) {
            int i = 0;
            int j = 0;
            while (i < a.length() && j < b.length()) {
                int ca = a.codePointAt(i);
                int cb = b.codePointAt(j);
                if (ca != cb) {
                    return Integer.compare(ca, cb);
                }
                i += Character.charCount(ca);
                j += Character.charCount(cb);
            }
            return Integer.compare(a.length() - i, b.length() - j);
        }
    }

    /** A sliding window log: the cost counted at each millisecond (admissions and their corrections). */
    static final class Window extends EmbeddedEntry {
        final TreeMap<Long, Long> costs = new TreeMap<>();
        long used;

        @Override
        String kind() {
            return "rate window";
        }
    }

    /** Concurrency leases: lease id to the epoch millisecond it expires at. */
    static final class Leases extends EmbeddedEntry {
        final Map<String, Long> expiries = new HashMap<>();

        @Override
        String kind() {
            return "lease set";
        }
    }
}
