package dev.wormhole.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The snapshot of the community price map bundled with the gateway ({@code catalog/model-prices.json}, LiteLLM's
 * format), so that a gateway started offline prices what the snapshot knows. Its provenance and licence are in
 * {@code catalog/model-prices.NOTICE.md}.
 */
final class BundledPriceMap {

    private BundledPriceMap() {
    }

    /** Reads the bundled snapshot; a missing or broken one fails the start (it is part of the build). */
    static PriceMap read(ObjectMapper json, String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing bundled resource " + resource);
            }
            return new PriceMapReader(LocalDate.now(ZoneOffset.UTC)).read(json.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
