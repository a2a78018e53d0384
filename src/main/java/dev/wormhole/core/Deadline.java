package dev.wormhole.core;

import java.time.Duration;

/**
 * The instant by which a client request must be answered, on the {@link System#nanoTime()} clock, with the
 * length it was set from and who set it (for the message of the 504 that reports its expiry).
 *
 * @param atNanos the instant, as {@link System#nanoTime()} will read it
 * @param length  how long the request was given
 * @param source  what set it, e.g. {@code wormhole.deadline} or {@code X-Stainless-Timeout}
 */
public record Deadline(long atNanos, Duration length, String source) {

    /** A deadline {@code length} after {@code startNanos}. */
    public static Deadline after(long startNanos, Duration length, String source) {
        return new Deadline(startNanos + length.toNanos(), length, source);
    }

    /** The earlier of two deadlines; either may be null. */
    public static Deadline earliest(Deadline a, Deadline b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.atNanos - b.atNanos <= 0 ? a : b;
    }

    /** Time left, never negative. */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, atNanos - System.nanoTime()));
    }

    /** Whether no time is left. */
    public boolean expired() {
        return atNanos - System.nanoTime() <= 0;
    }

    /** Whether something that takes {@code wait} could still end before the deadline. */
    public boolean fits(Duration wait) {
        return atNanos - System.nanoTime() > wait.toNanos();
    }

    /** The 504 reporting that the deadline passed, listing what was tried ({@code tried} may be empty). */
    public GatewayException exceeded(String tried) {
        return GatewayException.of(ErrorKind.UPSTREAM_TIMEOUT, "deadline_exceeded", "The request was not answered "
                + "within its deadline of " + seconds(length) + " (" + source + ")"
                + (tried.isEmpty() ? "; no upstream attempt could start." : "; tried: " + tried + "."));
    }

    private static String seconds(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis / 1000.0 + "s";
    }
}
