package dev.wormhole.state;

import java.time.Duration;

/** Argument checks both stores share, so that a bad key fails the same way whatever the backend. */
final class StateKeys {

    static final int MAX_KEY_LENGTH = 512;

    private StateKeys() {
    }

    static String key(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH || !printable(key)) {
            throw new IllegalArgumentException("a state key must be 1 to " + MAX_KEY_LENGTH
                    + " characters without whitespace or control characters");
        }
        return key;
    }

    static String member(String member) {
        if (member == null || member.isEmpty() || member.length() > MAX_KEY_LENGTH || !printable(member)) {
            throw new IllegalArgumentException("an index member or lease id must be 1 to " + MAX_KEY_LENGTH
                    + " characters without whitespace or control characters");
        }
        return member;
    }

    /** Milliseconds of a TTL, 0 for {@link StateStore#FOREVER}. */
    static long ttlMillis(Duration ttl) {
        if (ttl == null || ttl.isNegative()) {
            throw new IllegalArgumentException("a TTL must be zero (forever) or positive");
        }
        return ttl.isZero() ? 0 : Math.max(1, ttl.toMillis());
    }

    /** Milliseconds of a window or lease TTL, which must be positive. */
    static long positiveMillis(Duration duration, String what) {
        if (duration == null || duration.toMillis() < 1) {
            throw new IllegalArgumentException(what + " must be at least 1 ms");
        }
        return duration.toMillis();
    }

    static String after(String after) {
        if (after == null) {
            throw new IllegalArgumentException("after must be a member or the empty string");
        }
        return after;
    }

    static int pageSize(int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("a page holds 1 to 10000 members");
        }
        return limit;
    }

    static long limit(long limit) {
        if (limit < 1 || limit > (1L << 52)) {
            throw new IllegalArgumentException("a limit must be at least 1 and below 2^52");
        }
        return limit;
    }

    static long cost(long cost) {
        if (cost < 0 || cost > (1L << 52)) {
            throw new IllegalArgumentException("a cost must be between 0 and 2^52");
        }
        return cost;
    }

    private static boolean printable(String s) {
        return s.codePoints().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c)
                || c == '{' || c == '}');
    }
}
