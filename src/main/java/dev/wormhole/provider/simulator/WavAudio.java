package dev.wormhole.provider.simulator;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A quiet 440 Hz tone as 16-bit mono PCM at {@value #SAMPLE_RATE} Hz, cut into chunks computed on demand, with or
 * without the 44-byte RIFF/WAVE header in front.
 */
final class WavAudio {

    static final int SAMPLE_RATE = 8000;
    static final int HEADER_BYTES = 44;
    private static final int BYTES_PER_SAMPLE = 2;
    private static final double TONE_HZ = 440;
    private static final double AMPLITUDE = 3000;

    private final int samples;
    private final boolean header;

    /** {@code samples} samples of tone; {@code header}: a WAV file, else raw PCM. */
    WavAudio(int samples, boolean header) {
        this.samples = samples;
        this.header = header;
    }

    /** The whole length in bytes. */
    long length() {
        return (header ? HEADER_BYTES : 0) + (long) samples * BYTES_PER_SAMPLE;
    }

    /** The bytes from {@code offset}, at most {@code max} of them. */
    byte[] slice(long offset, int max) {
        int size = (int) Math.min(max, length() - offset);
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        long at = offset;
        if (header && at < HEADER_BYTES) {
            byte[] head = header();
            int n = (int) Math.min(size, HEADER_BYTES - at);
            out.put(head, (int) at, n);
            at += n;
        }
        long dataStart = header ? HEADER_BYTES : 0;
        while (out.hasRemaining()) {
            long byteInData = at - dataStart;
            short sample = sample((int) (byteInData / BYTES_PER_SAMPLE));
            out.put(byteInData % BYTES_PER_SAMPLE == 0 ? (byte) sample : (byte) (sample >> 8));
            at++;
        }
        return out.array();
    }

    private static short sample(int index) {
        return (short) Math.round(AMPLITUDE * Math.sin(2 * Math.PI * TONE_HZ * index / SAMPLE_RATE));
    }

    private byte[] header() {
        int data = samples * BYTES_PER_SAMPLE;
        return ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN)
                .put(new byte[] { 'R', 'I', 'F', 'F' }).putInt(36 + data).put(new byte[] { 'W', 'A', 'V', 'E' })
                .put(new byte[] { 'f', 'm', 't', ' ' }).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(SAMPLE_RATE).putInt(SAMPLE_RATE * BYTES_PER_SAMPLE).putShort((short) BYTES_PER_SAMPLE)
                .putShort((short) 16).put(new byte[] { 'd', 'a', 't', 'a' }).putInt(data).array();
    }
}
