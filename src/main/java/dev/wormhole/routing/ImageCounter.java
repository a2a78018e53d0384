package dev.wormhole.routing;

import jakarta.enterprise.context.ApplicationScoped;

import dev.wormhole.core.ModelRef;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts generated images ({@code wormhole.images.generated}) by provider (models are client-named, so not a tag): images are what an image
 * call makes, which its token usage (often none) does not tell.
 */
@ApplicationScoped
class ImageCounter {

    private final MeterRegistry meters;

    ImageCounter(MeterRegistry meters) {
        this.meters = meters;
    }

    void increment(ModelRef target, int images) {
        Counter.builder("wormhole.images.generated").description("Images generated, by provider")
                .tag("provider", target.provider()).register(meters).increment(images);
    }
}
