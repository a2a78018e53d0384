package dev.wormhole.provider;

import dev.wormhole.core.ImageRequest;
import dev.wormhole.core.ImageResult;
import io.smallrye.mutiny.Uni;

/** A provider that also generates images from a prompt. */
public interface ImageProvider extends Provider {

    /** {@code request.n()} images, as bytes or as the provider's URLs. */
    Uni<ImageResult> generateImages(ImageRequest request);
}
