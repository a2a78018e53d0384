package dev.wormhole.provider;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;

import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import io.vertx.core.VertxException;
import io.vertx.core.http.HttpClosedException;

/**
 * The one table that turns what an upstream did (an HTTP status with its error message, or a transport
 * fault) into the gateway's taxonomy. Dialects extract the upstream's message and code from their own
 * error bodies; this class decides the kind, status and the caller-safe message.
 */
public final class UpstreamFailures {

    private static final int MAX_MESSAGE_CHARS = 500;
    private static final Pattern GO_DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");
    private static final Pattern SECRET_LIKE = Pattern.compile(
            "(?i)\\b(sk-|sk_|gsk_|xai-|key-|AIza|Bearer\\s+)[A-Za-z0-9_\\-*.]{6,}");

    private static final String UNREACHABLE = "upstream_unreachable";
    private static final String TLS_FAILED = "upstream_tls_failed";
    private static final String AUTHENTICATION_FAILED = "upstream_authentication_failed";

    private UpstreamFailures() {
    }

    /**
     * Whether a failure concerns the provider as a whole rather than one of its models: it could not be
     * reached, its TLS handshake failed, or it rejected the gateway's key.
     */
    public static boolean isProviderWide(Throwable failure) {
        return failure instanceof GatewayException g
                && (UNREACHABLE.equals(g.code()) || TLS_FAILED.equals(g.code()) || AUTHENTICATION_FAILED.equals(g.code()));
    }

    /**
     * The failure for an upstream error status.
     *
     * @param message    the upstream's own error message, if it sent one (it is redacted and shortened)
     * @param code       the upstream's error code or type, if any (e.g. {@code context_length_exceeded})
     * @param retryAfter the delay the upstream asked for, or null
     */
    public static GatewayException fromStatus(String providerId, int status, String message, String code,
            Duration retryAfter) {
        String detail = message == null || message.isBlank() ? "" : ": " + clean(message);
        String prefix = "Provider '" + providerId + "' returned HTTP " + status;
        GatewayException failure = switch (status) {
            case 400, 422 -> badRequest(prefix + detail, code);
            case 401 -> GatewayException.of(ErrorKind.UPSTREAM_AUTHENTICATION, AUTHENTICATION_FAILED,
                    prefix + ": it rejected the gateway's credentials for this provider; check its API key.");
            case 403 -> GatewayException.of(ErrorKind.PERMISSION_DENIED, "upstream_permission_denied", prefix + detail);
            case 404 -> GatewayException.of(ErrorKind.NOT_FOUND, "model_not_found", prefix + detail);
            case 408, 504 -> GatewayException.of(ErrorKind.UPSTREAM_TIMEOUT, "upstream_timeout", prefix + detail);
            case 413 -> GatewayException.of(ErrorKind.PAYLOAD_TOO_LARGE, "upstream_payload_too_large", prefix + detail);
            case 429 -> GatewayException.of(ErrorKind.RATE_LIMITED,
                    "insufficient_quota".equals(code) ? "insufficient_quota" : "rate_limit_exceeded", prefix + detail);
            case 503, 529 -> GatewayException.of(ErrorKind.UNAVAILABLE, "upstream_unavailable", prefix + detail);
            default -> status >= 500 || status < 400
                    ? GatewayException.of(ErrorKind.UPSTREAM_ERROR, "upstream_error", prefix + detail)
                    : GatewayException.of(ErrorKind.INVALID_REQUEST, "upstream_rejected", prefix + detail);
        };
        return retryAfter == null ? failure : failure.withRetryAfter(retryAfter);
    }

    private static GatewayException badRequest(String message, String code) {
        if (code != null && code.contains("context_length")) {
            return GatewayException.of(ErrorKind.CONTEXT_LENGTH_EXCEEDED, "context_length_exceeded", message);
        }
        if (code != null && (code.contains("content_filter") || code.contains("content_policy"))) {
            return GatewayException.of(ErrorKind.CONTENT_FILTERED, "content_filter", message);
        }
        return GatewayException.of(ErrorKind.INVALID_REQUEST, code == null ? "upstream_invalid_request" : code,
                message);
    }

    /** The failure for a fault below HTTP (refused, reset, timed out) or any other exception. */
    public static GatewayException fromThrowable(String providerId, Throwable failure) {
        if (failure instanceof GatewayException known) {
            return known;
        }
        String who = "Provider '" + providerId + "'";
        GatewayException mapped;
        if (failure instanceof TimeoutException || failure.getClass().getSimpleName().contains("Timeout")) {
            mapped = GatewayException.of(ErrorKind.UPSTREAM_TIMEOUT, "upstream_timeout", who + " did not answer in time.");
        } else if (failure instanceof ConnectException || failure instanceof UnknownHostException) {
            mapped = GatewayException.of(ErrorKind.UPSTREAM_ERROR, UNREACHABLE, who + " could not be reached.");
        } else if (failure instanceof SSLException) {
            mapped = GatewayException.of(ErrorKind.UPSTREAM_ERROR, TLS_FAILED,
                    who + " could not be reached securely (TLS handshake failed).");
        } else if (failure instanceof HttpClosedException || failure instanceof VertxException
                || failure instanceof java.io.IOException) {
            mapped = GatewayException.of(ErrorKind.UPSTREAM_ERROR, "upstream_connection_closed",
                    who + " closed the connection before finishing its reply.");
        } else {
            mapped = GatewayException.of(ErrorKind.UPSTREAM_ERROR, "upstream_error",
                    who + " failed: " + failure.getClass().getSimpleName() + ".");
        }
        return mapped.withCause(failure);
    }

    /**
     * The delay of a {@code Retry-After} header (delta-seconds or an HTTP date), or of {@code retry-after-ms};
     * null when absent or unreadable. Never negative.
     */
    public static Duration parseRetryAfter(String retryAfter, String retryAfterMs, Clock clock) {
        try {
            if (retryAfterMs != null && !retryAfterMs.isBlank()) {
                return nonNegative(Duration.ofMillis((long) Double.parseDouble(retryAfterMs.trim())));
            }
            if (retryAfter == null || retryAfter.isBlank()) {
                return null;
            }
            String value = retryAfter.trim();
            if (value.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
                return nonNegative(Duration.ofMillis((long) (Double.parseDouble(value) * 1000)));
            }
            ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
            return nonNegative(Duration.between(clock.instant(), at.toInstant()));
        } catch (NumberFormatException | DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The longer of OpenAI-style rate-limit reset headers ({@code 1s}, {@code 6m0s}, {@code 250ms}), or null when
     * neither is present or readable.
     */
    public static Duration parseRateLimitReset(String... values) {
        Duration longest = null;
        for (String value : values) {
            Duration d = parseGoDuration(value);
            if (d != null && (longest == null || d.compareTo(longest) > 0)) {
                longest = d;
            }
        }
        return longest;
    }

    private static Duration parseGoDuration(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        java.util.regex.Matcher m = GO_DURATION_PART.matcher(value.trim());
        double millis = 0;
        int end = 0;
        while (m.find() && m.start() == end) {
            double amount = Double.parseDouble(m.group(1));
            millis += switch (m.group(2)) {
                case "h" -> amount * 3_600_000;
                case "m" -> amount * 60_000;
                case "s" -> amount * 1_000;
                case "ms" -> amount;
                default -> 0;
            };
            end = m.end();
        }
        return end == value.trim().length() && end > 0 ? Duration.ofMillis((long) Math.ceil(millis)) : null;
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** An upstream message made safe to show: secrets masked, length capped, whitespace collapsed. */
    static String clean(String message) {
        String masked = SECRET_LIKE.matcher(message).replaceAll("$1[redacted]").replaceAll("\\s+", " ").trim();
        return masked.length() <= MAX_MESSAGE_CHARS ? masked : masked.substring(0, MAX_MESSAGE_CHARS) + "…";
    }
}
