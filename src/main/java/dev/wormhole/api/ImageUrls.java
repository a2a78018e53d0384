package dev.wormhole.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

import dev.wormhole.core.GatewayException;

/**
 * Checks the URL of an image part before any upstream sees it: an {@code http(s)} URL with a host, or a
 * {@code data:image/(png|jpeg|gif|webp);base64,} URL whose payload is well-formed standard base64 within the
 * size limit. The payload is scanned, never decoded, so a large image costs no copy.
 */
final class ImageUrls {

    /** Longest {@code http(s)} image URL accepted. */
    static final int MAX_URL_LENGTH = 8192;

    private static final String DATA = "data:";
    private static final String BASE64 = ";base64";
    private static final int MAX_DATA_HEADER = 64;
    private static final Set<String> MEDIA_TYPES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");
    private static final String ACCEPTED = "Send an http(s) URL or a data:image/(png|jpeg|gif|webp);base64 URL.";

    private ImageUrls() {
    }

    /** Refuses an image URL that is neither, naming {@code param}; {@code maxBytes} bounds a decoded data URL. */
    static void check(String url, String param, long maxBytes) {
        if (url.regionMatches(true, 0, DATA, 0, DATA.length())) {
            dataUrl(url, param, maxBytes);
        } else {
            webUrl(url, param);
        }
    }

    private static void webUrl(String url, String param) {
        if (url.length() > MAX_URL_LENGTH) {
            throw GatewayException.invalid(param, "An image URL is at most " + MAX_URL_LENGTH + " characters.");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw GatewayException.invalid(param, "The image URL is not a valid URL. " + ACCEPTED);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw GatewayException.invalid(param, "Image URLs of this scheme are not accepted. " + ACCEPTED);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw GatewayException.invalid(param, "The image URL names no host. " + ACCEPTED);
        }
    }

    private static void dataUrl(String url, String param, long maxBytes) {
        int comma = url.indexOf(',');
        if (comma < 0 || comma > MAX_DATA_HEADER) {
            throw GatewayException.invalid(param, "The data: URL is malformed. " + ACCEPTED);
        }
        String header = url.substring(DATA.length(), comma).toLowerCase(Locale.ROOT);
        if (!header.endsWith(BASE64)) {
            throw GatewayException.invalid(param, "An image data: URL must be base64-encoded. " + ACCEPTED);
        }
        if (!MEDIA_TYPES.contains(header.substring(0, header.length() - BASE64.length()))) {
            throw GatewayException.invalid(param, "Images must be PNG, JPEG, GIF or WebP. " + ACCEPTED);
        }
        long decoded = Base64Payload.decodedSize(url, comma + 1);
        if (decoded < 0) {
            throw GatewayException.invalid(param, "The data: URL's payload is not valid standard base64 (A-Z, "
                    + "a-z, 0-9, '+', '/', '=' padding at the end, a multiple of 4 characters).");
        }
        if (decoded == 0) {
            throw GatewayException.invalid(param, "The data: URL holds no image.");
        }
        if (decoded > maxBytes) {
            throw GatewayException.invalid(param, "The image is " + decoded + " bytes; the limit is " + maxBytes
                    + " (wormhole.limits.max-image-size).");
        }
    }
}
