package dev.wormhole.provider;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;

/**
 * Newline-delimited JSON: each non-blank line is one frame ({@link SseDecoder.Event} with no name), however
 * the bytes were split; a line longer than the frame limit fails. A last line without its newline is still
 * a frame.
 */
public final class NdjsonDecoder implements FrameDecoder {

    private final long maxFrameBytes;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    public NdjsonDecoder(long maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public List<SseDecoder.Event> feed(byte[] chunk) {
        List<SseDecoder.Event> out = new ArrayList<>(2);
        for (byte b : chunk) {
            if (b == '\n') {
                flush(out);
            } else {
                if (line.size() >= maxFrameBytes) {
                    throw GatewayException.of(ErrorKind.UPSTREAM_RESPONSE_TOO_LARGE, "upstream_frame_too_large",
                            "The upstream sent a stream line larger than the " + maxFrameBytes + "-byte limit.");
                }
                line.write(b);
            }
        }
        return out;
    }

    @Override
    public List<SseDecoder.Event> finish() {
        List<SseDecoder.Event> out = new ArrayList<>(1);
        flush(out);
        return out;
    }

    private void flush(List<SseDecoder.Event> out) {
        String text = line.toString(StandardCharsets.UTF_8).trim();
        line.reset();
        if (!text.isEmpty()) {
            out.add(new SseDecoder.Event(null, text));
        }
    }
}
