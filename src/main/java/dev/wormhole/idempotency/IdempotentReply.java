package dev.wormhole.idempotency;

/**
 * A response of an idempotent request as it goes to the client: its status, content type and body, and whether it
 * is a replay of a stored response (sent with {@code idempotent-replayed: true}) rather than the answer of a call.
 *
 * @param status      the HTTP status
 * @param contentType the {@code Content-Type} of the body
 * @param body        the body
 * @param replayed    true when the body comes from the store, not from a call made for this request
 */
public record IdempotentReply(int status, String contentType, byte[] body, boolean replayed) {

    /** The answer of a call made for this request. */
    public static IdempotentReply fresh(int status, String contentType, byte[] body) {
        return new IdempotentReply(status, contentType, body, false);
    }

    /** Whether the status is a success: only successes are stored. */
    public boolean successful() {
        return status >= 200 && status < 300;
    }
}
