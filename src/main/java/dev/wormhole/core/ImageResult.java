package dev.wormhole.core;

import java.util.List;

/**
 * Generated images, in order; {@code usage} is the provider's token report, zero when it gives none.
 *
 * @param created epoch seconds
 */
public record ImageResult(String model, long created, List<Image> images, Usage usage) {

    public ImageResult {
        images = List.copyOf(images);
    }

    /**
     * One image: its bytes as base64 with their MIME type, or the URL where the provider serves it (then
     * {@code base64} is null), and the prompt the model actually used when it rewrote it.
     */
    public record Image(String base64, String mimeType, String url, String revisedPrompt) {
    }
}
