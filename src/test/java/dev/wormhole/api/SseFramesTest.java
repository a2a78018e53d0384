package dev.wormhole.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.wormhole.api.sse.SseFrames;

class SseFramesTest {

    @Test
    void framesADataEventByteExactly() {
        byte[] frame = SseFrames.data("{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(frame).isEqualTo("data: {\"a\":\"é\"}\n\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void framesTheTerminalEventByteExactly() {
        assertThat(SseFrames.done()).isEqualTo("data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void framesANamedEventByteExactly() {
        byte[] frame = SseFrames.event("message_stop", "{\"type\":\"message_stop\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(frame).isEqualTo("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"
                .getBytes(StandardCharsets.UTF_8));
    }
}
