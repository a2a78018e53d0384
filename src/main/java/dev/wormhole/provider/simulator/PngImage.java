package dev.wormhole.provider.simulator;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A small PNG of one colour, written byte by byte (signature, {@code IHDR}, {@code IDAT}, {@code IEND}) rather than
 * through {@code javax.imageio}, which native images do not reliably carry.
 */
final class PngImage {

    private static final byte[] SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
    private static final int BIT_DEPTH = 8;
    private static final int COLOUR_TYPE_RGB = 2;

    private PngImage() {
    }

    /** A {@code width}×{@code height} 8-bit RGB PNG filled with {@code rgb} (0xRRGGBB). */
    static byte[] filled(int width, int height, int rgb) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(SIGNATURE);
        ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) BIT_DEPTH)
                .put((byte) COLOUR_TYPE_RGB).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(png, "IHDR", header.array());
        chunk(png, "IDAT", deflate(pixels(width, height, rgb)));
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static byte[] pixels(int width, int height, int rgb) {
        int stride = 1 + width * 3;
        byte[] raw = new byte[stride * height];
        for (int y = 0; y < height; y++) {
            // Each scanline starts with its filter type, 0 (none).
            for (int x = 0; x < width; x++) {
                int at = y * stride + 1 + x * 3;
                raw[at] = (byte) (rgb >> 16);
                raw[at + 1] = (byte) (rgb >> 8);
                raw[at + 2] = (byte) rgb;
            }
        }
        return raw;
    }

    private static byte[] deflate(byte[] raw) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(raw);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        png.writeBytes(typeBytes);
        png.writeBytes(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
