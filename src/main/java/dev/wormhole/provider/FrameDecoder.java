package dev.wormhole.provider;

import java.util.List;

/** Splits a streamed body into frames (SSE events, NDJSON lines) as its bytes arrive. Not thread-safe. */
public interface FrameDecoder {

    /** Feeds the next chunk; returns the frames it completed, in order. */
    List<SseDecoder.Event> feed(byte[] chunk);

    /** The frame still pending when the body ends, if it is complete enough to use. */
    List<SseDecoder.Event> finish();
}
