package dev.wormhole.limit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.wormhole.config.LimitsConfig;
import dev.wormhole.config.ProviderLimitsConfig;
import dev.wormhole.config.WormholeConfig;
import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.ModelRef;
import dev.wormhole.provider.ProviderGuards;
import dev.wormhole.state.StateStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * Enforces the gateway's own quotas of its upstreams ({@code wormhole.providers.<id>.limits}): requests and tokens
 * per minute of a provider as a whole and of a deployment (one model of a provider), counted per upstream attempt in
 * the shared {@link StateStore}, so that all replicas together stay under the upstream's quota. Each attempt counts
 * one request and reserves its tokens (prompt estimate and allowed output, at most the limit) in every limited scope
 * of its target, corrected by the real usage when the attempt ends ({@link Permit}); a refused attempt gives back
 * what it counted and fails with a 429 {@code provider_rate_limited} whose {@code Retry-After} is the window's. When
 * the store fails, {@code wormhole.limits.on-store-failure} applies, as for key limits ({@link StoreFailurePolicy}).
 */
@ApplicationScoped
public class ProviderLimiter {

    /** When to retry an attempt whose quota could not be checked. */
    private static final Duration STORE_RETRY = Duration.ofSeconds(1);

    private final StateStore store;
    private final Map<String, Quotas> quotas;
    private final long defaultMaxTokens;
    private final StoreFailurePolicy onStoreFailure;
    private final MeterRegistry meters;
    private final Map<String, Counter> refusals = new ConcurrentHashMap<>();

    @Inject
    ProviderLimiter(StateStore store, WormholeConfig config, MeterRegistry meters) {
        this(store, quotas(config), new Settings(config.limits().defaultMaxTokens(), config.limits().onStoreFailure(),
                config.limits().expectedReplicas()), meters);
    }

    /** A limiter of the {@code quotas} of each provider (by id) on {@code store}. */
    public ProviderLimiter(StateStore store, Map<String, Quotas> quotas, Settings settings, MeterRegistry meters) {
        this.store = store;
        this.quotas = Map.copyOf(quotas);
        this.defaultMaxTokens = settings.defaultMaxTokens();
        this.onStoreFailure = new StoreFailurePolicy(settings.onStoreFailure(), settings.expectedReplicas(), meters,
                "provider-limits", "a provider's quota");
        this.meters = meters;
    }

    /**
     * How the limiter works: {@code defaultMaxTokens} of output are reserved for a request without a bound;
     * {@code onStoreFailure} with {@code expectedReplicas}.
     */
    public record Settings(long defaultMaxTokens, LimitsConfig.StoreFailure onStoreFailure, int expectedReplicas) {
    }

    /** The per-minute limits of a provider or deployment; null where there is none. */
    public record Quota(Long rpm, Long tpm) {

        boolean limits() {
            return rpm != null || tpm != null;
        }
    }

    /** A provider's own quota and those of its deployments, by model. */
    public record Quotas(Quota provider, Map<String, Quota> deployments) {
    }

    /** One limited scope of a target: its state key suffix, its metric label, its quota and how it is named. */
    private record Scope(String key, String label, Quota quota, String name) {
    }

    /**
     * Admits one upstream attempt on {@code target} that may cost {@code demand} (null: unknown), or fails with a
     * 429 {@code provider_rate_limited} (or, fail-closed on a store failure, a 503). The permit must be settled.
     */
    public Uni<Permit> admit(ModelRef target, TokenDemand demand) {
        List<Scope> scopes = scopes(target);
        if (scopes.isEmpty()) {
            return Uni.createFrom().item(Permit.NONE);
        }
        TokenDemand known = demand == null ? new TokenDemand(0, null) : demand;
        return Uni.createFrom().deferred(() -> shared(target, scopes, known, 0, new ArrayList<>()))
                .onFailure(StoreFailurePolicy::isStoreFailure)
                .recoverWithUni(failure -> onStoreFailure(target, scopes, known, failure));
    }

    /** Counts the attempt in {@code scopes} from {@code index} on; a refusal gives back what the earlier ones took. */
    private Uni<Permit> shared(ModelRef target, List<Scope> scopes, TokenDemand demand, int index,
            List<MinuteWindows> counted) {
        if (index == scopes.size()) {
            return Uni.createFrom().item(new Permit(new ProviderGrant(List.copyOf(counted), demand.prompt())));
        }
        Scope scope = scopes.get(index);
        Quota quota = scope.quota();
        MinuteWindows windows = new MinuteWindows(store, "provider-limit:rpm:" + scope.key(), quota.rpm(),
                "provider-limit:tpm:" + scope.key(), quota.tpm(), reservation(demand, quota), scope.name());
        return windows.admit().flatMap(refusal -> {
            if (refusal == null) {
                counted.add(windows);
                return shared(target, scopes, demand, index + 1, counted);
            }
            return ProviderGrant.all(counted.stream().map(MinuteWindows::undo).toList()).onItem().transformToUni(
                    ignored -> Uni.createFrom().failure(refused(target, scope, refusal.label(), refusal.describe(),
                            refusal.retryAfter())));
        });
    }

    /** The configured policy for an attempt whose quota the store could not check. */
    private Uni<Permit> onStoreFailure(ModelRef target, List<Scope> scopes, TokenDemand demand, Throwable failure) {
        if (onStoreFailure.failed(failure)) {
            return Uni.createFrom().failure(GatewayException.of(ErrorKind.UNAVAILABLE, ProviderGuards.QUOTA_UNCHECKED,
                    "The gateway cannot check its own quota of provider '" + target.provider()
                            + "' right now; retry shortly.").withRetryAfter(STORE_RETRY));
        }
        LocalFallback local = onStoreFailure.local();
        long now = System.currentTimeMillis();
        // A scope refused after an earlier one admitted leaves that count in the local window: it errs on the safe
        // side.
        for (Scope scope : scopes) {
            Quota quota = scope.quota();
            if (quota.rpm() != null && !local.admit("provider-rpm:" + scope.key(), quota.rpm(), 1, now)) {
                return Uni.createFrom().failure(refused(target, scope, "rpm", "requests per minute ("
                        + local.share(quota.rpm()) + " on this replica while the shared state store is unavailable)",
                        STORE_RETRY));
            }
            if (quota.tpm() != null && !local.admit("provider-tpm:" + scope.key(), quota.tpm(),
                    reservation(demand, quota), now)) {
                return Uni.createFrom().failure(refused(target, scope, "tpm", "tokens per minute ("
                        + local.share(quota.tpm()) + " on this replica while the shared state store is unavailable)",
                        STORE_RETRY));
            }
        }
        return Uni.createFrom().item(new Permit(new ProviderGrant(List.of(), demand.prompt())));
    }

    /**
     * The tokens an attempt reserves in a scope: the prompt estimate and the output allowed, at most the whole limit,
     * so that a prompt larger than the limit still goes out alone in an empty window (the upstream judges it).
     */
    private long reservation(TokenDemand demand, Quota quota) {
        return quota.tpm() == null ? 0 : demand.reservation(quota.tpm(), defaultMaxTokens);
    }

    /** The limited scopes of a target: its provider's quota, then its deployment's. */
    private List<Scope> scopes(ModelRef target) {
        Quotas provider = quotas.get(target.provider());
        if (provider == null) {
            return List.of();
        }
        List<Scope> scopes = new ArrayList<>(2);
        if (provider.provider() != null && provider.provider().limits()) {
            scopes.add(new Scope(target.provider(), "provider", provider.provider(),
                    "provider '" + target.provider() + "'"));
        }
        Quota deployment = provider.deployments().get(target.model());
        if (deployment != null && deployment.limits()) {
            scopes.add(new Scope(target.provider() + "/" + target.model(), "deployment", deployment,
                    "model '" + target.model() + "' of provider '" + target.provider() + "'"));
        }
        return scopes;
    }

    private GatewayException refused(ModelRef target, Scope scope, String limit, String describe, Duration retry) {
        refusals.computeIfAbsent(target.provider() + '/' + scope.label() + '/' + limit, k -> Counter
                .builder("wormhole.provider.limit.refusals")
                .description("Upstream attempts the gateway did not make because its own quota of the provider or "
                        + "deployment was used up")
                .tags("provider", target.provider(), "scope", scope.label(), "limit", limit).register(meters))
                .increment();
        return GatewayException.of(ErrorKind.RATE_LIMITED, ProviderGuards.QUOTA_REFUSED, "The gateway's own quota "
                + "of " + scope.name() + " is used up (" + describe + ", shared by all its replicas); this is not your "
                + "API key's limit. Retry after the delay in the Retry-After header.").withRetryAfter(retry);
    }

    private static Map<String, Quotas> quotas(WormholeConfig config) {
        Map<String, Quotas> quotas = new HashMap<>();
        config.providers().forEach((id, provider) -> {
            ProviderLimitsConfig limits = provider.limits();
            Map<String, Quota> deployments = new HashMap<>();
            limits.deployments().forEach((model, deployment) -> deployments.put(model,
                    new Quota(deployment.rpm().orElse(null), deployment.tpm().orElse(null))));
            Quota own = new Quota(limits.rpm().orElse(null), limits.tpm().orElse(null));
            if (own.limits() || !deployments.isEmpty()) {
                quotas.put(id, new Quotas(own, Map.copyOf(deployments)));
            }
        });
        return quotas;
    }
}
