package dev.wormhole.core;

/**
 * The gateway's error taxonomy. Each kind carries the HTTP status the client receives, the OpenAI error
 * {@code type} it is reported under, and whether the fault is transient (worth retrying or failing over).
 */
public enum ErrorKind {
    /** The caller sent something the gateway or the upstream cannot accept. */
    INVALID_REQUEST(400, "invalid_request_error", false),
    /** The prompt does not fit the model's context window. */
    CONTEXT_LENGTH_EXCEEDED(400, "invalid_request_error", false),
    /** The upstream refused the content under its safety policy. */
    CONTENT_FILTERED(400, "invalid_request_error", false),
    /** The caller presented no gateway key or a wrong one. */
    AUTHENTICATION(401, "authentication_error", false),
    /** The caller is not allowed to use what it asked for. */
    PERMISSION_DENIED(403, "permission_error", false),
    /** Unknown provider, model or route. */
    NOT_FOUND(404, "not_found_error", false),
    /** The request conflicts with one still in progress (the same {@code Idempotency-Key}); retry later. */
    CONFLICT(409, "invalid_request_error", true),
    /** The request is well formed but cannot be processed as sent (an idempotency key reused with another body). */
    UNPROCESSABLE(422, "invalid_request_error", false),
    /** The request body is larger than the configured limit. */
    PAYLOAD_TOO_LARGE(413, "invalid_request_error", false),
    /** The upstream (or the gateway) is rate limiting; retry after the advertised delay. */
    RATE_LIMITED(429, "rate_limit_error", true),
    /** The caller's key has spent its budget for the period; retrying before the period resets cannot succeed. */
    BUDGET_EXCEEDED(429, "insufficient_quota", false),
    /** The upstream rejected the gateway's own provider credentials: an operator problem, not the caller's. */
    UPSTREAM_AUTHENTICATION(502, "api_error", false),
    /** The upstream failed (5xx, reset connection, malformed or truncated reply). */
    UPSTREAM_ERROR(502, "api_error", true),
    /** The upstream's reply broke a size limit (frame or body). */
    UPSTREAM_RESPONSE_TOO_LARGE(502, "api_error", false),
    /** The upstream says it is overloaded or unavailable, or the gateway is shutting down. */
    UNAVAILABLE(503, "api_error", true),
    /** The upstream did not answer in time. */
    UPSTREAM_TIMEOUT(504, "api_error", true),
    /** A defect in the gateway. */
    INTERNAL(500, "server_error", false);

    private final int httpStatus;
    private final String openAiType;
    private final boolean retryable;

    ErrorKind(int httpStatus, String openAiType, boolean retryable) {
        this.httpStatus = httpStatus;
        this.openAiType = openAiType;
        this.retryable = retryable;
    }

    /** HTTP status the client receives. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The {@code error.type} of OpenAI's error envelope. */
    public String openAiType() {
        return openAiType;
    }

    /** Whether the fault is transient: retrying later or elsewhere may succeed. */
    public boolean retryable() {
        return retryable;
    }
}
