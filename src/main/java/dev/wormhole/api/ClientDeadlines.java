package dev.wormhole.api;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.wormhole.core.Deadline;
import dev.wormhole.core.GatewayException;

/**
 * The deadline a client states for its request: {@code X-Stainless-Timeout} (seconds, sent by the official
 * OpenAI and Anthropic SDKs with their configured timeout) or {@code x-wormhole-timeout} (seconds, or a number
 * with {@code ms}, {@code s} or {@code m}); the shorter wins. The gateway never works on, nor retries into, a
 * time its client has stopped waiting for. An unreadable {@code x-wormhole-timeout} is the caller's mistake
 * (400); an unreadable SDK header is ignored.
 */
final class ClientDeadlines {

    static final String WORMHOLE_TIMEOUT = "x-wormhole-timeout";
    static final String STAINLESS_TIMEOUT = "X-Stainless-Timeout";
    /** The longest stated timeout taken into account; longer ones are capped to it. */
    static final Duration MAX = Duration.ofDays(1);
    private static final Pattern VALUE = Pattern.compile("(\\d{1,9}(?:\\.\\d{1,6})?)(ms|s|m)?");

    private ClientDeadlines() {
    }

    /** The client's deadline from the request's arrival, or null when it stated none. */
    static Deadline of(String wormholeTimeout, String stainlessTimeout, long arrivalNanos) {
        Deadline stated = null;
        if (wormholeTimeout != null) {
            Duration timeout = parse(wormholeTimeout, true);
            if (timeout == null) {
                throw GatewayException.invalid(WORMHOLE_TIMEOUT, "The x-wormhole-timeout header must be a positive "
                        + "number of seconds (e.g. 30 or 2.5), or a number with ms, s or m (e.g. 500ms).");
            }
            stated = Deadline.after(arrivalNanos, timeout, WORMHOLE_TIMEOUT);
        }
        if (stainlessTimeout != null) {
            Duration timeout = parse(stainlessTimeout, false);
            if (timeout != null) {
                stated = Deadline.earliest(stated, Deadline.after(arrivalNanos, timeout, STAINLESS_TIMEOUT));
            }
        }
        return stated;
    }

    /** A positive duration, capped at {@link #MAX}, or null when the value is unreadable. */
    static Duration parse(String value, boolean unitsAllowed) {
        Matcher m = VALUE.matcher(value.trim());
        if (!m.matches() || (m.group(2) != null && !unitsAllowed)) {
            return null;
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        long millis = amount.multiply(BigDecimal.valueOf(switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> 1;
            case "m" -> 60_000;
            default -> 1_000;
        })).longValue();
        if (millis <= 0) {
            return null;
        }
        Duration duration = Duration.ofMillis(millis);
        return duration.compareTo(MAX) > 0 ? MAX : duration;
    }
}
