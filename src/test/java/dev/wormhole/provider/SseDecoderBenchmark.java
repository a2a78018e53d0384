package dev.wormhole.provider;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/** JMH: decoding a typical streamed answer (200 chunks) as the network delivers it, in 1,400-byte segments. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SseDecoderBenchmark {

    private byte[][] segments;

    @Setup
    public void prepare() {
        StringBuilder stream = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            stream.append("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,")
                    .append("\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" token")
                    .append(i).append("\"},\"finish_reason\":null}]}\n\n");
        }
        stream.append("data: [DONE]\n\n");
        byte[] all = stream.toString().getBytes(StandardCharsets.UTF_8);
        int size = 1400;
        segments = new byte[(all.length + size - 1) / size][];
        for (int i = 0; i < segments.length; i++) {
            segments[i] = java.util.Arrays.copyOfRange(all, i * size, Math.min(all.length, (i + 1) * size));
        }
    }

    @Benchmark
    public void decodeStream(Blackhole sink) {
        SseDecoder decoder = new SseDecoder(10 * 1024 * 1024);
        for (byte[] segment : segments) {
            sink.consume(decoder.feed(segment));
        }
    }
}
