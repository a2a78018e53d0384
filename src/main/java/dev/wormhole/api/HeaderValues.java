package dev.wormhole.api;

/**
 * Response header values built from text a client influenced (model ids, route targets): only printable
 * ASCII goes out; anything else, and {@code %} itself, is percent-escaped as UTF-8, and the value is cut to a
 * bound so that no request can make a response header too large for its client to parse.
 */
final class HeaderValues {

    /** The longest value the gateway writes into a response header. */
    static final int MAX_CHARS = 512;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private HeaderValues() {
    }

    /** {@code value} made safe to write as a header value, at most {@link #MAX_CHARS} characters. */
    static String safe(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean plain = c >= 0x20 && c < 0x7F && c != '%';
            if (!plain && out == null) {
                out = new StringBuilder(value.length() + 16).append(value, 0, i);
            }
            if (out != null) {
                if (plain) {
                    out.append(c);
                } else {
                    escape(value, i, out);
                    if (Character.isHighSurrogate(c) && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1))) {
                        i++;
                    }
                }
                if (out.length() > MAX_CHARS) {
                    break;
                }
            }
        }
        String safe = out == null ? value : out.toString();
        return safe.length() <= MAX_CHARS ? safe : safe.substring(0, MAX_CHARS - 3) + "...";
    }

    private static void escape(String value, int index, StringBuilder out) {
        int end = Character.isHighSurrogate(value.charAt(index)) && index + 1 < value.length() ? index + 2 : index + 1;
        for (byte b : value.substring(index, end).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
    }
}
