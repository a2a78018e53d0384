package dev.wormhole.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.wormhole.config.WormholeConfig;
import dev.wormhole.core.ChatDelta;
import dev.wormhole.core.ChatRequest;
import dev.wormhole.core.ChatResult;
import dev.wormhole.core.EmbeddingRequest;
import dev.wormhole.core.EmbeddingResult;
import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.ModelInfo;
import dev.wormhole.core.ModelRef;
import dev.wormhole.core.Usage;
import dev.wormhole.provider.EmbeddingProvider;
import dev.wormhole.provider.Lease;
import dev.wormhole.provider.Provider;
import dev.wormhole.provider.ProviderDirectory;
import dev.wormhole.provider.ProviderRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Runs a request against its provider: routes the model name, leases the provider for the whole life of
 * the call (a stream included), checks the provider can serve it, invokes it and records the outcome.
 * Every method is lazy and cancellable.
 */
@ApplicationScoped
public class Dispatcher {

    private final ModelRouter router;
    private final ProviderRegistry registry;
    private final ProviderDirectory directory;
    private final UsageMetrics metrics;
    private final Duration listTimeout;

    Dispatcher(ModelRouter router, ProviderRegistry registry, ProviderDirectory directory, UsageMetrics metrics,
            WormholeConfig config) {
        this.router = router;
        this.registry = registry;
        this.directory = directory;
        this.metrics = metrics;
        this.listTimeout = config.models().listTimeout();
    }

    /** A complete answer. */
    public Uni<ChatResult> chat(ChatRequest request) {
        return Uni.createFrom().deferred(() -> {
            ModelRef ref = router.resolve(request.model());
            return measured("chat", ref, ChatResult::usage, leased(ref.provider(), provider -> {
                requireTools(provider, request);
                return provider.chat(request.withModel(ref.model()));
            }));
        });
    }

    /**
     * The answer as a stream, once its first delta is in hand: a failure before the first delta fails the
     * Uni, a failure after it fails the Multi. The lease is held until the Multi ends or is cancelled.
     */
    public Uni<Multi<ChatDelta>> stream(ChatRequest request) {
        return Uni.createFrom().deferred(() -> {
            ModelRef ref = router.resolve(request.model());
            Lease lease = registry.lease(ref.provider());
            Multi<ChatDelta> deltas;
            try {
                requireTools(lease.provider(), request);
                deltas = lease.provider().streamChat(request.withModel(ref.model()));
            } catch (RuntimeException e) {
                lease.close();
                throw e;
            }
            long start = System.nanoTime();
            AtomicReference<Usage> usage = new AtomicReference<>();
            Multi<ChatDelta> tracked = deltas
                    .onItem().invoke(delta -> {
                        if (delta.usage() != null) {
                            usage.set(delta.usage());
                        }
                    })
                    .onTermination().invoke((failure, cancelled) -> {
                        lease.close();
                        String outcome = failure != null ? UsageMetrics.outcome(failure)
                                : cancelled ? UsageMetrics.CANCELLED : UsageMetrics.OK;
                        metrics.record("chat.stream", ref, outcome, Duration.ofNanos(System.nanoTime() - start),
                                usage.get());
                    });
            return StreamHead.awaitFirst(tracked);
        });
    }

    /** One vector per input. */
    public Uni<EmbeddingResult> embed(EmbeddingRequest request) {
        return Uni.createFrom().deferred(() -> {
            ModelRef ref = router.resolve(request.model());
            return measured("embeddings", ref, EmbeddingResult::usage, leased(ref.provider(), provider -> {
                if (!(provider instanceof EmbeddingProvider embeddings)) {
                    throw GatewayException.of(ErrorKind.INVALID_REQUEST, "unsupported_capability",
                            "Provider '" + ref.provider() + "' does not offer embeddings.");
                }
                return embeddings.embed(request.withModel(ref.model()));
            }));
        });
    }

    /**
     * The models of every available provider, sorted by qualified id. A provider whose list call fails or
     * takes longer than the list timeout is left out (and logged) rather than failing or delaying the list.
     */
    public Uni<List<ModelInfo>> listModels() {
        List<Uni<List<ModelInfo>>> perProvider = new ArrayList<>();
        for (String id : directory.ids()) {
            perProvider.add(leased(id, Provider::listModels).ifNoItem().after(listTimeout)
                    .failWith(() -> GatewayException.of(ErrorKind.UPSTREAM_TIMEOUT, "upstream_timeout",
                            "Provider '" + id + "' did not list its models within " + listTimeout + "."))
                    .onFailure().recoverWithItem(failure -> {
                        Log.warnf("Listing the models of provider '%s' failed: %s", id, failure.getMessage());
                        return List.of();
                    }));
        }
        if (perProvider.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.join().all(perProvider).andFailFast().map(lists -> lists.stream().flatMap(List::stream)
                .sorted(Comparator.comparing(ModelInfo::qualifiedId)).toList());
    }

    /** One model by the name a client uses for it ({@code provider/model}, or a default-provider model). */
    public Uni<ModelInfo> model(String name) {
        return Uni.createFrom().deferred(() -> {
            ModelRef ref = router.resolve(name);
            return leased(ref.provider(), Provider::listModels).map(models -> models.stream()
                    .filter(m -> m.id().equals(ref.model())).findFirst()
                    .orElseThrow(() -> GatewayException.modelNotFound(name,
                            "provider '" + ref.provider() + "' does not list it")));
        });
    }

    private <T> Uni<T> leased(String providerId, Function<Provider, Uni<T>> call) {
        return Uni.createFrom().deferred(() -> {
            Lease lease = registry.lease(providerId);
            Uni<T> result;
            try {
                result = call.apply(lease.provider());
            } catch (RuntimeException e) {
                lease.close();
                throw e;
            }
            return result.onTermination().invoke(lease::close);
        });
    }

    private <T> Uni<T> measured(String operation, ModelRef ref, Function<T, Usage> usage, Uni<T> call) {
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            return call.onTermination().invoke((item, failure, cancelled) -> {
                String outcome = failure != null ? UsageMetrics.outcome(failure)
                        : cancelled ? UsageMetrics.CANCELLED : UsageMetrics.OK;
                metrics.record(operation, ref, outcome, Duration.ofNanos(System.nanoTime() - start),
                        item == null ? null : usage.apply(item));
            });
        });
    }

    private static void requireTools(Provider provider, ChatRequest request) {
        if (!request.tools().isEmpty() && !provider.capabilities().tools()) {
            throw GatewayException.of(ErrorKind.INVALID_REQUEST, "unsupported_capability",
                    "Provider '" + provider.id() + "' does not support tools.");
        }
    }
}
