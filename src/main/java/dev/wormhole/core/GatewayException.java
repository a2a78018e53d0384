package dev.wormhole.core;

import java.time.Duration;
import java.util.Optional;

/**
 * Every failure the gateway reports to a client. The message is safe to show to the caller: it never
 * holds a provider key or an upstream body verbatim.
 */
public final class GatewayException extends RuntimeException {

    private final ErrorKind kind;
    private final String code;
    private final String param;
    private final Duration retryAfter;

    private GatewayException(ErrorKind kind, String code, String message, String param, Duration retryAfter,
            Throwable cause) {
        super(message, cause, false, false);
        this.kind = kind;
        this.code = code;
        this.param = param;
        this.retryAfter = retryAfter;
    }

    /** A failure of the given kind with a machine-readable code and a caller-safe message. */
    public static GatewayException of(ErrorKind kind, String code, String message) {
        return new GatewayException(kind, code, message, null, null, null);
    }

    /** A 400 naming the request field ({@code param}) the caller must fix. */
    public static GatewayException invalid(String param, String message) {
        return new GatewayException(ErrorKind.INVALID_REQUEST, "invalid_value", message, param, null, null);
    }

    /** A 404 for something the request names ({@code param}, when it is in the body) that does not exist. */
    public static GatewayException notFound(String param, String code, String message) {
        return new GatewayException(ErrorKind.NOT_FOUND, code, message, param, null, null);
    }

    /** A 403 for something the request names ({@code param}) that the caller may not use. */
    public static GatewayException forbidden(String param, String code, String message) {
        return new GatewayException(ErrorKind.PERMISSION_DENIED, code, message, param, null, null);
    }

    /** A 404 for an unknown model or provider. */
    public static GatewayException modelNotFound(String model, String reason) {
        return new GatewayException(ErrorKind.NOT_FOUND, "model_not_found",
                "The model '" + model + "' does not exist: " + reason, "model", null, null);
    }

    /** A copy that tells the client when to retry. */
    public GatewayException withRetryAfter(Duration delay) {
        return new GatewayException(kind, code, getMessage(), param, delay, getCause());
    }

    /** A copy that records the low-level cause (for logs only; never shown to clients). */
    public GatewayException withCause(Throwable cause) {
        return new GatewayException(kind, code, getMessage(), param, retryAfter, cause);
    }

    public ErrorKind kind() {
        return kind;
    }

    /** Machine-readable error code, e.g. {@code model_not_found}. */
    public String code() {
        return code;
    }

    /** The request field at fault, when there is one. */
    public Optional<String> param() {
        return Optional.ofNullable(param);
    }

    /** How long the client should wait before retrying, when known. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
