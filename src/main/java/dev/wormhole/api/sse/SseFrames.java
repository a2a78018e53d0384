package dev.wormhole.api.sse;

import java.nio.charset.StandardCharsets;

import io.vertx.core.buffer.Buffer;

/**
 * Server-sent-event framing of the gateway's OpenAI streams: one {@code data:} line per event, a blank line
 * after it, and {@code data: [DONE]} as the terminal event. The payload must be single-line JSON (Jackson
 * output always is: newlines inside strings are escaped).
 */
public final class SseFrames {

    private static final byte[] PREFIX = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUFFIX = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    /** The content type of every stream. */
    public static final String CONTENT_TYPE = "text/event-stream; charset=utf-8";

    private SseFrames() {
    }

    /** One event carrying a JSON payload. */
    public static Buffer data(byte[] json) {
        return Buffer.buffer(PREFIX.length + json.length + SUFFIX.length).appendBytes(PREFIX).appendBytes(json)
                .appendBytes(SUFFIX);
    }

    /** The terminal {@code data: [DONE]} event. */
    public static Buffer done() {
        return Buffer.buffer(DONE);
    }
}
