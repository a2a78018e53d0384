package dev.wormhole.provider;

import dev.wormhole.core.RerankRequest;
import dev.wormhole.core.RerankResult;
import io.smallrye.mutiny.Uni;

/** A provider that also ranks documents by their relevance to a query. */
public interface RerankProvider extends Provider {

    /** A score for each document (or the {@code topN} best), each naming its document's index in the request. */
    Uni<RerankResult> rerank(RerankRequest request);
}
