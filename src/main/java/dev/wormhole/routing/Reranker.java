package dev.wormhole.routing;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.wormhole.core.RerankRequest;
import dev.wormhole.core.RerankResult;
import dev.wormhole.limit.TokenDemand;
import dev.wormhole.provider.Operation;
import dev.wormhole.provider.RerankProvider;
import io.smallrye.mutiny.Uni;

/**
 * Runs a rerank request through the {@link Dispatcher} as it runs embeddings: the same routes, key checks and
 * limits, guards, failover, deadline, metrics and spend, with its own breakers (operation {@code rerank}).
 */
@ApplicationScoped
public class Reranker {

    private final Dispatcher dispatcher;

    Reranker(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** A score for each document (or the best {@code topN}), within the request's deadline. */
    public Uni<RerankResult> rerank(RerankRequest request, List<String> fallbacks, CallTrace trace) {
        trace.demand(TokenDemand.of(request));
        return dispatcher.call(request.model(), fallbacks, Operation.RERANK, trace, RerankResult::usage,
                (provider, target) -> SideCapability.require(provider, RerankProvider.class, "reranking")
                        .rerank(request.withModel(target.model())));
    }
}
