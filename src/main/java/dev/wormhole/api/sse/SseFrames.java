package dev.wormhole.api.sse;

import java.nio.charset.StandardCharsets;

/**
 * Server-sent-event framing of the gateway's streams: one {@code data:} line per event (after an {@code event:}
 * line in Anthropic's streams), a blank line after it, and {@code data: [DONE]} as the terminal event of OpenAI's.
 * The payload must be single-line JSON (Jackson output always is: newlines inside strings are escaped). Frames
 * are byte arrays: a Vert.x {@code Buffer} in a resource signature would make Quarkus register Netty's buffer
 * hierarchy for reflection, which drags native-only code paths into the native image.
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
    public static byte[] data(byte[] json) {
        byte[] frame = new byte[PREFIX.length + json.length + SUFFIX.length];
        System.arraycopy(PREFIX, 0, frame, 0, PREFIX.length);
        System.arraycopy(json, 0, frame, PREFIX.length, json.length);
        System.arraycopy(SUFFIX, 0, frame, PREFIX.length + json.length, SUFFIX.length);
        return frame;
    }

    /** One named event ({@code event: <name>} then {@code data: <json>}), as Anthropic's streams frame them. */
    public static byte[] event(String name, byte[] json) {
        byte[] head = ("event: " + name + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] data = data(json);
        byte[] frame = new byte[head.length + data.length];
        System.arraycopy(head, 0, frame, 0, head.length);
        System.arraycopy(data, 0, frame, head.length, data.length);
        return frame;
    }

    /**
     * One named event relayed from an upstream: {@code data} as the upstream's decoder joined it, one
     * {@code data:} line per line of it, so that the client's decoder joins it back the same.
     */
    public static byte[] relayed(String name, String data) {
        StringBuilder frame = new StringBuilder(data.length() + name.length() + 16);
        frame.append("event: ").append(name).append('\n');
        for (String line : data.split("\n", -1)) {
            frame.append("data: ").append(line).append('\n');
        }
        return frame.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A comment line ({@code : text}), which SSE clients ignore; the text must be a single line. */
    public static byte[] comment(String text) {
        return (": " + text + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The terminal {@code data: [DONE]} event. */
    public static byte[] done() {
        return DONE.clone();
    }
}
