package dev.wormhole.provider;

import java.util.List;

import dev.wormhole.core.ChatDelta;
import dev.wormhole.core.ChatRequest;
import dev.wormhole.core.ChatResult;
import dev.wormhole.core.ModelInfo;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * An upstream LLM provider speaking one dialect. Instances are created, cached, leased and closed by the
 * {@link ProviderRegistry}; callers never close them. Every method is lazy: nothing is sent until the
 * returned Uni or Multi is subscribed, and cancelling the subscription aborts the upstream call. Failures
 * are {@link dev.wormhole.core.GatewayException}s. Optional capabilities are side interfaces such as
 * {@link EmbeddingProvider}.
 */
public interface Provider {

    /** The provider id (the model prefix clients use). */
    String id();

    /** What this provider can do. */
    Capabilities capabilities();

    /** One complete answer. */
    Uni<ChatResult> chat(ChatRequest request);

    /**
     * The answer as deltas. The stream fails (never completes normally) when the upstream ends without its
     * terminal event; its last delta carries the usage when the provider reports one.
     */
    Multi<ChatDelta> streamChat(ChatRequest request);

    /** The models the provider offers now. */
    Uni<List<ModelInfo>> listModels();

    /** Releases connections and other resources. Called once, by the registry, with no lease outstanding. */
    void close();
}
