package dev.wormhole.limit;

import java.time.Duration;

import dev.wormhole.state.Admission;

/**
 * Where a virtual key stands against its per-minute limits after a request was admitted or refused, for the
 * {@code x-ratelimit-*} response headers. A window is null when the key has no such limit.
 *
 * @param requests the requests-per-minute window, or null
 * @param tokens   the tokens-per-minute window, or null
 */
public record RateStatus(Window requests, Window tokens) {

    /**
     * One limit's window.
     *
     * @param limit      the limit per minute
     * @param remaining  what the window can still take
     * @param resetAfter how long until the window is whole again
     */
    public record Window(long limit, long remaining, Duration resetAfter) {

        static Window of(long limit, Admission admission) {
            return admission == null ? null : new Window(limit, Math.max(0, admission.remaining()), admission.resetAfter());
        }
    }

    /**
     * A duration the way OpenAI writes its {@code x-ratelimit-reset-*} headers (Go's format): {@code 20ms},
     * {@code 1s}, {@code 1.5s}, {@code 6m0s}, {@code 1h2m3s}.
     */
    public static String openAiDuration(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        if (millis < 1000) {
            return millis + "ms";
        }
        long hours = millis / 3_600_000;
        long minutes = millis / 60_000 % 60;
        long seconds = millis / 1000 % 60;
        long fraction = millis % 1000;
        StringBuilder text = new StringBuilder();
        if (hours > 0) {
            text.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            text.append(minutes).append('m');
        }
        text.append(seconds);
        if (fraction > 0) {
            String digits = String.valueOf(1000 + fraction).substring(1);
            text.append('.').append(digits.replaceAll("0+$", ""));
        }
        return text.append('s').toString();
    }
}
