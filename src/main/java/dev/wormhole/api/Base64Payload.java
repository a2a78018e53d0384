package dev.wormhole.api;

/** Standard base64 (RFC 4648 section 4, padded) checked by scanning, without decoding into memory. */
final class Base64Payload {

    private Base64Payload() {
    }

    /**
     * The decoded size of {@code text} from {@code start} to its end, or -1 when that is not padded standard
     * base64: only A–Z, a–z, 0–9, '+' and '/', at most two '=' and only at the end, a multiple of 4 long.
     */
    static long decodedSize(CharSequence text, int start) {
        int length = text.length() - start;
        if (length % 4 != 0) {
            return -1;
        }
        int padding = 0;
        if (length > 0 && text.charAt(text.length() - 1) == '=') {
            padding = text.charAt(text.length() - 2) == '=' ? 2 : 1;
        }
        for (int i = start; i < text.length() - padding; i++) {
            if (!alphabet(text.charAt(i))) {
                return -1;
            }
        }
        return (long) length / 4 * 3 - padding;
    }

    private static boolean alphabet(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/';
    }
}
