package dev.wormhole.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the mistakes that no single setting's declared constraint can see — settings that contradict each other,
 * names that must refer to something configured, map keys — all at once, so that start-up fails with one message
 * listing them. Each setting's own range is declared on its {@code @ConfigMapping} method (Bean Validation) and
 * checked by SmallRye Config while the mapping is built, before this runs.
 */
final class ConfigProblems {

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
            if (provider.wireApi() == WireApi.RESPONSES && provider.dialect() != Dialect.OPENAI) {
                problems.add(key + ".wire-api=responses applies to dialect openai only");
            }
            if (provider.rerankApi() != RerankApi.OPENAI && provider.dialect() != Dialect.OPENAI) {
                problems.add(key + ".rerank-api=" + provider.rerankApi().name().toLowerCase(Locale.ROOT)
                        + " applies to dialect openai only");
            }
            if (provider.apiKeyIn() == ApiKeyIn.QUERY && provider.dialect() != Dialect.GEMINI) {
                problems.add(key + ".api-key-in=query applies to dialect gemini only");
            }
            problems.addAll(retryProblems(key + ".retry", provider.retry()));
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
        config.tools().forEach((name, tool) -> problems.addAll(retryProblems("wormhole.tools." + name + ".retry",
                tool.retry())));
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
        });
        return problems;
    }

    static List<String> limitProblems(String key, ProviderLimitsConfig limits) {
        List<String> problems = new ArrayList<>();
        limits.deployments().forEach((model, deployment) -> {
            String at = key + ".deployments.\"" + model + "\"";
            if (model.isEmpty() || model.length() > MAX_MODEL_LENGTH || !model.matches("[^\\s{}\\p{Cntrl}]+")) {
                problems.add(at + ": a deployment is named by its model, 1 to " + MAX_MODEL_LENGTH
                        + " characters without whitespace or braces");
            }
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
        });
        return problems;
    }

    static List<String> retryProblems(String key, RetryConfig retry) {
        List<String> problems = new ArrayList<>();
        if (retry.jitter().compareTo(retry.delay()) > 0) {
            problems.add(key + ".jitter must not exceed " + key + ".delay");
        }
        if (retry.delay().compareTo(retry.maxDelay()) > 0) {
            problems.add(key + ".delay must not exceed " + key + ".max-delay");
        }
        return problems;
    }

    static List<String> idempotencyProblems(IdempotencyConfig idempotency) {
        List<String> problems = new ArrayList<>();
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
