package dev.wormhole.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;

class SseDecoderTest {

    private static final String STREAM = ": comment\n"
            + "event: message\ndata: {\"a\":\"é€\"}\n\n"
            + "data: line one\ndata: line two\n\n"
            + "data:no-space\n\n"
            + "id: 7\nretry: 100\ndata: [DONE]\n\n";

    private static final List<SseDecoder.Event> EXPECTED = List.of(
            new SseDecoder.Event("message", "{\"a\":\"é€\"}"),
            new SseDecoder.Event(null, "line one\nline two"),
            new SseDecoder.Event(null, "no-space"),
            new SseDecoder.Event(null, "[DONE]"));

    @Test
    void decodesWholeStream() {
        assertThat(new SseDecoder(1024).feed(bytes(STREAM))).isEqualTo(EXPECTED);
    }

    @Test
    void decodesTheSameEventsWhereverTheBytesAreSplit() {
        byte[] all = bytes(STREAM);
        for (int a = 0; a <= all.length; a++) {
            for (int b = a; b <= all.length; b += 7) {
                SseDecoder decoder = new SseDecoder(1024);
                List<SseDecoder.Event> events = new ArrayList<>();
                events.addAll(decoder.feed(Arrays.copyOfRange(all, 0, a)));
                events.addAll(decoder.feed(Arrays.copyOfRange(all, a, b)));
                events.addAll(decoder.feed(Arrays.copyOfRange(all, b, all.length)));
                assertThat(events).as("split at %d and %d", a, b).isEqualTo(EXPECTED);
            }
        }
    }

    @Test
    void acceptsCrlfAndLoneCrLineEndsEvenWhenSplitBetweenCrAndLf() {
        byte[] crlf = bytes(STREAM.replace("\n", "\r\n"));
        for (int split = 0; split <= crlf.length; split++) {
            SseDecoder decoder = new SseDecoder(1024);
            List<SseDecoder.Event> events = new ArrayList<>(decoder.feed(Arrays.copyOfRange(crlf, 0, split)));
            events.addAll(decoder.feed(Arrays.copyOfRange(crlf, split, crlf.length)));
            assertThat(events).as("split at %d", split).isEqualTo(EXPECTED);
        }
        assertThat(new SseDecoder(1024).feed(bytes(STREAM.replace("\n", "\r")))).isEqualTo(EXPECTED);
    }

    @Test
    void dropsAnEventWithoutData() {
        assertThat(new SseDecoder(1024).feed(bytes("event: ping\n\n: only a comment\n\n"))).isEmpty();
    }

    @Test
    void flushesAnEventLeftOpenAtTheEndOfTheBody() {
        SseDecoder decoder = new SseDecoder(1024);
        assertThat(decoder.feed(bytes("data: one\n\ndata: [DONE]"))).containsExactly(new SseDecoder.Event(null, "one"));
        assertThat(decoder.finish()).containsExactly(new SseDecoder.Event(null, "[DONE]"));
        assertThat(decoder.finish()).isEmpty();

        SseDecoder closedByNewline = new SseDecoder(1024);
        closedByNewline.feed(bytes("data: [DONE]\n"));
        assertThat(closedByNewline.finish()).containsExactly(new SseDecoder.Event(null, "[DONE]"));
    }

    @Test
    void failsOnAFrameOverTheLimitEvenWithoutANewline() {
        SseDecoder decoder = new SseDecoder(64);
        assertThatThrownBy(() -> decoder.feed(bytes("data: " + "x".repeat(100))))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM_RESPONSE_TOO_LARGE);
                    assertThat(e.code()).isEqualTo("upstream_frame_too_large");
                });
    }

    @Test
    void limitsTheWholeEventNotEachLine() {
        SseDecoder decoder = new SseDecoder(64);
        assertThatThrownBy(() -> decoder.feed(bytes(("data: " + "x".repeat(20) + "\n").repeat(4))))
                .isInstanceOf(GatewayException.class);
        SseDecoder fresh = new SseDecoder(64);
        assertThat(fresh.feed(bytes(("data: " + "x".repeat(20) + "\n\n").repeat(10)))).hasSize(10);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
