package dev.wormhole.provider;

import dev.wormhole.core.EmbeddingRequest;
import dev.wormhole.core.EmbeddingResult;
import io.smallrye.mutiny.Uni;

/** A provider that also computes embeddings. */
public interface EmbeddingProvider extends Provider {

    /** One vector per input, in input order. */
    Uni<EmbeddingResult> embed(EmbeddingRequest request);
}
