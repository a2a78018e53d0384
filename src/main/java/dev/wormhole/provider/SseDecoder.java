package dev.wormhole.provider;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;

/**
 * Incremental decoder of a server-sent-event byte stream, as the upstream dialects receive it: chunks may
 * split an event, a line or a UTF-8 character anywhere; lines end in LF, CRLF or CR; comment lines are
 * skipped. An event larger than the frame limit fails with
 * {@link ErrorKind#UPSTREAM_RESPONSE_TOO_LARGE}. Not thread-safe: one decoder per stream.
 */
public final class SseDecoder implements FrameDecoder {

    /** One dispatched event. {@code event} is null when the stream named none. */
    public record Event(String event, String data) {
    }

    private final long maxFrameBytes;
    private byte[] line = new byte[256];
    private int lineLength;
    private boolean afterCarriageReturn;
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private String eventName;
    private long frameBytes;

    public SseDecoder(long maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public List<Event> feed(byte[] chunk) {
        List<Event> out = new ArrayList<>(2);
        for (byte b : chunk) {
            if (afterCarriageReturn) {
                afterCarriageReturn = false;
                if (b == '\n') {
                    continue;
                }
            }
            if (b == '\n' || b == '\r') {
                afterCarriageReturn = b == '\r';
                endOfLine(out);
            } else {
                append(b);
            }
        }
        return out;
    }

    private void append(byte b) {
        if (++frameBytes > maxFrameBytes) {
            throw GatewayException.of(ErrorKind.UPSTREAM_RESPONSE_TOO_LARGE, "upstream_frame_too_large",
                    "The upstream sent a stream event larger than the " + maxFrameBytes + "-byte limit.");
        }
        if (lineLength == line.length) {
            line = Arrays.copyOf(line, line.length * 2);
        }
        line[lineLength++] = b;
    }

    private void endOfLine(List<Event> out) {
        if (lineLength == 0) {
            if (hasData) {
                out.add(new Event(eventName, data.toString()));
            }
            data.setLength(0);
            hasData = false;
            eventName = null;
            frameBytes = 0;
            return;
        }
        String text = new String(line, 0, lineLength, StandardCharsets.UTF_8);
        lineLength = 0;
        if (line.length > 64 * 1024) {
            line = new byte[256];
        }
        if (text.charAt(0) == ':') {
            return;
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        if (field.equals("data")) {
            if (hasData) {
                data.append('\n');
            }
            data.append(value);
            hasData = true;
        } else if (field.equals("event")) {
            eventName = value;
        }
    }

    /**
     * The event still pending when the body ends: a last line or event the upstream did not close with a
     * blank line (lenient, since some servers end {@code data: [DONE]} with a single newline).
     */
    @Override
    public List<Event> finish() {
        List<Event> out = new ArrayList<>(1);
        if (lineLength > 0) {
            endOfLine(out);
        }
        endOfLine(out);
        return out;
    }
}
