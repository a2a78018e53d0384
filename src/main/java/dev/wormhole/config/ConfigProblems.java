package dev.wormhole.config;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds every mistake in the configuration at once, so startup fails with one message listing them all. */
final class ConfigProblems {

    /** The largest per-minute limit the state store counts. */
    private static final long MAX_LIMIT = 1L << 52;
    /** The longest model name a deployment limit may be set for (it becomes part of a state key). */
    private static final int MAX_MODEL_LENGTH = 400;

    private ConfigProblems() {
    }

    static List<String> find(WormholeConfig config, String httpHost) {
        List<String> problems = new ArrayList<>();
        VendorProfiles profiles = new VendorProfiles();
        for (Map.Entry<String, ProviderConfig> entry : config.providers().entrySet()) {
            String id = entry.getKey();
            ProviderConfig provider = entry.getValue();
            String key = "wormhole.providers." + id;
            if (!id.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                problems.add(key + ": a provider id may hold only letters, digits, '.', '_' and '-' "
                        + "(it is the model prefix before '/')");
            }
            provider.profile().ifPresent(profile -> {
                if (profiles.find(profile).isEmpty()) {
                    problems.add(key + ".profile names '" + profile + "'; known profiles: "
                            + profiles.all().stream().map(VendorProfile::id).toList());
                }
            });
            provider.maxTokensParam().ifPresent(param -> {
                if (!List.of("max_tokens", "max_completion_tokens").contains(param)) {
                    problems.add(key + ".max-tokens-param must be max_tokens or max_completion_tokens");
                }
            });
            if (!List.of("chat-completions", "responses").contains(provider.wireApi())) {
                problems.add(key + ".wire-api must be chat-completions or responses");
            } else if ("responses".equals(provider.wireApi()) && provider.dialect() != Dialect.OPENAI) {
                problems.add(key + ".wire-api=responses applies to dialect openai only");
            }
            if (!List.of("openai", "cohere", "voyage").contains(provider.rerankApi())) {
                problems.add(key + ".rerank-api must be openai, cohere or voyage");
            } else if (!"openai".equals(provider.rerankApi()) && provider.dialect() != Dialect.OPENAI) {
                problems.add(key + ".rerank-api=" + provider.rerankApi() + " applies to dialect openai only");
            }
            if (!List.of("header", "query").contains(provider.apiKeyIn())) {
                problems.add(key + ".api-key-in must be header or query");
            } else if ("query".equals(provider.apiKeyIn()) && provider.dialect() != Dialect.GEMINI) {
                problems.add(key + ".api-key-in=query applies to dialect gemini only");
            }
            if (provider.defaultMaxTokens() < 1) {
                problems.add(key + ".default-max-tokens must be at least 1");
            }
            if (provider.maxConnections() < 1) {
                problems.add(key + ".max-connections must be at least 1");
            }
            if (provider.bulkhead().maxConcurrent() < 1 || provider.bulkhead().queue() < 1) {
                problems.add(key + ".bulkhead.max-concurrent and .bulkhead.queue must be at least 1");
            }
            if (provider.retry().maxRetries() < 0 || provider.retry().jitter().compareTo(provider.retry().delay()) > 0) {
                problems.add(key + ".retry.max-retries must not be negative and .retry.jitter must not exceed .retry.delay");
            }
            if (provider.circuitBreaker().requestVolume() < 1 || provider.circuitBreaker().failureRatio() <= 0
                    || provider.circuitBreaker().failureRatio() > 1) {
                problems.add(key + ".circuit-breaker.request-volume must be at least 1 and .failure-ratio in (0, 1]");
            }
            provider.baseUrl().ifPresent(url -> {
                if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
                    problems.add(key + ".base-url must be an absolute http(s) URL, not '" + url + "'");
                }
            });
            if (provider.apiKeys().orElse(List.of()).stream().anyMatch(String::isBlank)) {
                problems.add(key + ".api-keys holds an empty key");
            }
            problems.addAll(limitProblems(key + ".limits", provider.limits()));
        }
        config.routes().forEach((alias, route) -> problems.addAll(routeProblems(config, alias, route)));
        config.defaultProvider().ifPresent(id -> {
            ProviderConfig provider = config.providers().get(id);
            if (provider == null || !provider.enabled()) {
                problems.add("wormhole.default-provider names '" + id + "', which is not an enabled provider (known: "
                        + config.providers().keySet() + ")");
            }
        });
        boolean noKeys = config.auth().apiKeys().orElse(List.of()).stream().allMatch(String::isBlank)
                && config.auth().adminKey().isEmpty() && config.keys().isEmpty();
        if (noKeys && !config.auth().allowUnauthenticated() && !isLoopback(httpHost)) {
            problems.add("the gateway is bound to '" + httpHost + "', which is not a loopback address, and no gateway "
                    + "API key is set: set wormhole.auth.api-keys (or WORMHOLE_API_KEY) or wormhole.auth.admin-key (or "
                    + "WORMHOLE_ADMIN_KEY), bind to 127.0.0.1, or set "
                    + "wormhole.auth.allow-unauthenticated=true to serve without authentication on purpose");
        }
        if (config.auth().adminKey().filter(key -> key.isBlank() || key.length() < 16).isPresent()) {
            problems.add("wormhole.auth.admin-key must hold at least 16 characters");
        }
        if (config.auth().keyCacheTtl().isNegative() || config.auth().keyCacheTtl().compareTo(Duration.ofSeconds(1)) > 0) {
            problems.add("wormhole.auth.key-cache-ttl must be between 0 and 1s, so that a revoked key stops working on "
                    + "every replica within a second");
        }
        if (config.responses().storeMaxEntries() < 1) {
            problems.add("wormhole.responses.store-max-entries must be at least 1");
        }
        if (config.responses().storeTtl().isNegative() || config.responses().storeTtl().isZero()) {
            problems.add("wormhole.responses.store-ttl must be positive");
        }
        Duration refresh = config.dashboard().refresh();
        if (refresh.compareTo(Duration.ofMillis(100)) < 0 || refresh.compareTo(Duration.ofMinutes(1)) > 0) {
            problems.add("wormhole.dashboard.refresh must be between 100ms and 1m");
        }
        problems.addAll(stateProblems(config.state()));
        problems.addAll(idempotencyProblems(config.idempotency()));
        problems.addAll(priceProblems(config.prices()));
        problems.addAll(overrideProblems(config.models().overrides()));
        return problems;
    }

    static List<String> priceProblems(Map<String, PriceConfig> prices) {
        List<String> problems = new ArrayList<>();
        prices.forEach((model, price) -> {
            String key = "wormhole.prices.\"" + model + "\"";
            if (!model.matches("[A-Za-z0-9][A-Za-z0-9._-]*/\\S+")) {
                problems.add(key + ": a price is set per provider/model, such as \"openai/gpt-4o\"");
            }
            for (Optional<BigDecimal> value : List.of(price.input(), price.output(), price.cachedInput())) {
                if (value.filter(v -> v.signum() < 0).isPresent()) {
                    problems.add(key + ": prices must not be negative");
                    break;
                }
            }
        });
        return problems;
    }

    static List<String> limitProblems(String key, ProviderLimitsConfig limits) {
        List<String> problems = new ArrayList<>();
        limitProblem(key, limits.rpm(), limits.tpm()).ifPresent(problems::add);
        limits.deployments().forEach((model, deployment) -> {
            String at = key + ".deployments.\"" + model + "\"";
            if (model.isEmpty() || model.length() > MAX_MODEL_LENGTH || !model.matches("[^\\s{}\\p{Cntrl}]+")) {
                problems.add(at + ": a deployment is named by its model, 1 to " + MAX_MODEL_LENGTH
                        + " characters without whitespace or braces");
            }
            limitProblem(at, deployment.rpm(), deployment.tpm()).ifPresent(problems::add);
        });
        return problems;
    }

    /** The capability names an override may use (those of the catalog, in lower case). */
    static final List<String> CAPABILITIES = List.of("chat", "stream", "tools", "vision", "json", "embeddings",
            "reasoning", "rerank", "images", "speech", "transcription");

    static List<String> overrideProblems(Map<String, ModelOverrideConfig> overrides) {
        List<String> problems = new ArrayList<>();
        overrides.forEach((model, override) -> {
            String key = "wormhole.models.overrides.\"" + model + "\"";
            if (!model.matches("[A-Za-z0-9][A-Za-z0-9._-]*/\\S+")) {
                problems.add(key + ": facts are set per provider/model, such as \"openai/gpt-5\"");
            }
            override.capabilities().orElse(List.of()).stream().filter(c -> !CAPABILITIES.contains(c)).forEach(c ->
                    problems.add(key + ".capabilities: unknown capability '" + c + "'; use any of " + CAPABILITIES));
            if (override.contextWindow().filter(n -> n < 1).isPresent()
                    || override.maxOutputTokens().filter(n -> n < 1).isPresent()) {
                problems.add(key + ": token counts must be positive");
            }
        });
        return problems;
    }

    private static Optional<String> limitProblem(String key, Optional<Long> rpm, Optional<Long> tpm) {
        boolean bad = rpm.filter(v -> v < 1 || v > MAX_LIMIT).isPresent() || tpm.filter(v -> v < 1 || v > MAX_LIMIT)
                .isPresent();
        return bad ? Optional.of(key + ".rpm and .tpm must be positive numbers (at most 2^52)") : Optional.empty();
    }

    static List<String> idempotencyProblems(IdempotencyConfig idempotency) {
        List<String> problems = new ArrayList<>();
        for (Duration value : List.of(idempotency.ttl(), idempotency.lockTtl(), idempotency.pollInitial(),
                idempotency.pollMax())) {
            if (value.isNegative() || value.isZero()) {
                problems.add("wormhole.idempotency.ttl, lock-ttl, poll-initial and poll-max must be positive");
                break;
            }
        }
        if (idempotency.lockTtl().compareTo(Duration.ofSeconds(3)) < 0) {
            problems.add("wormhole.idempotency.lock-ttl must be at least 3s: the lock is renewed every third of it");
        }
        if (idempotency.pollInitial().compareTo(idempotency.pollMax()) > 0) {
            problems.add("wormhole.idempotency.poll-initial must not exceed wormhole.idempotency.poll-max");
        }
        if (idempotency.maxBody().asLongValue() < 1) {
            problems.add("wormhole.idempotency.max-body must be positive");
        }
        return problems;
    }

    static List<String> stateProblems(StateConfig state) {
        List<String> problems = new ArrayList<>();
        if (state.backend() == StateConfig.Backend.REDIS && state.redisUrl().isEmpty()) {
            problems.add("wormhole.state.backend=redis needs wormhole.state.redis-url (e.g. redis://127.0.0.1:6379/0)");
        }
        state.redisUrl().ifPresent(url -> {
            if (!List.of("redis", "rediss").contains(url.getScheme()) || url.getHost() == null) {
                // the URL itself is not echoed: it may carry a password
                problems.add("wormhole.state.redis-url must be redis://host:port/db or rediss://host:port/db");
            }
        });
        if (state.redisPoolSize() < 1) {
            problems.add("wormhole.state.redis-pool-size must be at least 1");
        }
        if (state.redisTimeout().isNegative() || state.redisTimeout().isZero()
                || state.flushInterval().isNegative() || state.flushInterval().isZero()) {
            problems.add("wormhole.state.redis-timeout and wormhole.state.flush-interval must be positive");
        }
        if (!state.keyPrefix().matches("[A-Za-z0-9:._-]*")) {
            problems.add("wormhole.state.key-prefix may hold only letters, digits, ':', '.', '_' and '-'");
        }
        return problems;
    }

    private static List<String> routeProblems(WormholeConfig config, String alias, WormholeConfig.Route route) {
        List<String> problems = new ArrayList<>();
        String key = "wormhole.routes." + alias;
        if (route.targets().isEmpty()) {
            problems.add(key + ".targets must name at least one provider/model");
        }
        for (String target : route.targets()) {
            int slash = target.indexOf('/');
            ProviderConfig provider = slash > 0 ? config.providers().get(target.substring(0, slash)) : null;
            if (provider == null || !provider.enabled() || slash == target.length() - 1) {
                problems.add(key + ".targets: '" + target + "' is not provider/model with an enabled provider (known: "
                        + config.providers().keySet() + ")");
            }
        }
        route.weights().ifPresent(weights -> {
            if (weights.size() != route.targets().size() || weights.stream().anyMatch(w -> w < 0)
                    || weights.stream().mapToInt(Integer::intValue).sum() == 0) {
                problems.add(key + ".weights must hold one non-negative weight per target, not all zero");
            }
        });
        return problems;
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
