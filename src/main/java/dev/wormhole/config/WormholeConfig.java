package dev.wormhole.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithDefaults;
import io.smallrye.config.WithName;

/** Every setting of the gateway, under the {@code wormhole} prefix. */
@ConfigMapping(prefix = "wormhole")
public interface WormholeConfig {

    /**
     * Upstream providers keyed by id; the id is the model prefix clients use ({@code openai/gpt-4o-mini}).
     * Conventional environment variables such as {@code OPENAI_API_KEY} add entries without a config file.
     */
    Map<String, ProviderConfig> providers();

    /**
     * Provider serving model names that carry no known provider prefix. When unset: the only configured
     * real provider if there is exactly one, else the simulator if no real provider is configured.
     */
    Optional<String> defaultProvider();

    /**
     * Longest a request may take until it is answered (for a stream, until its first chunk), every retry,
     * backoff and fallback included; a provider's or a route's own {@code deadline} replaces it, and a client's
     * stated timeout ({@code X-Stainless-Timeout}, {@code x-wormhole-timeout}) shortens it.
     */
    @WithDefault("120s")
    @DurationMin(millis = 1)
    Duration deadline();

    /** Request and upstream size limits, and how virtual keys' rate and concurrency limits are enforced. */
    LimitsConfig limits();

    /** Life cycle of cached provider instances. */
    RegistryConfig registry();

    /** Gateway API keys clients must present. */
    Auth auth();

    /** Graceful shutdown. */
    Shutdown shutdown();

    /** Model listing. */
    Models models();

    /** Batch fan-out ({@code POST /v1/batch}). */
    BatchConfig batch();

    /**
     * Public model names mapped to ordered {@code provider/model} targets, e.g.
     * {@code wormhole.routes.smart.targets=openai/gpt-4o,anthropic/claude-sonnet-4}.
     */
    Map<String, Route> routes();

    /**
     * Caps retries across each provider so that retries never amplify an outage. Named explicitly: a validation
     * failure names its group by the method otherwise ({@code retryBudget}), not by the key.
     */
    @WithName("retry-budget")
    RetryBudgetConfig retryBudget();

    /**
     * Server-side tools by name: HTTP tools defined here, and the guards of every tool. A tool without an
     * entry gets the defaults.
     */
    @WithDefaults
    Map<String, ToolConfig> tools();

    /** The agent loop that runs server tools for chat completions. */
    AgentConfig agent();

    /**
     * Virtual keys declared in configuration, by name: a GitOps alternative to creating them through the admin API
     * ({@code /admin/keys}), which lists them but cannot change them.
     */
    Map<String, KeyConfig> keys();

    /** Stored responses of the Responses API ({@code store: true}, {@code previous_response_id}). */
    Responses responses();

    /**
     * The Responses API's stored responses. Kept in this gateway's memory: a restart forgets them, and each
     * replica of the gateway has its own.
     */
    interface Responses {
        /** How long a stored response can be retrieved or continued after it was stored; later it is a 404. */
        @WithDefault("1h")
        @DurationMin(millis = 1)
        Duration storeTtl();

        /** Most responses kept at once; storing one more evicts the oldest. */
        @WithDefault("1000")
        @Min(1)
        int storeMaxEntries();
    }

    /** The state store: embedded (one replica) or Redis (shared by every replica). */
    StateConfig state();

    /** The access log: one line per request on the {@code wormhole.access} log category. */
    AccessLog accessLog();

    /** The access log. */
    interface AccessLog {
        /** Whether a line is logged per request ({@code /q/*} aside). */
        @WithDefault("true")
        boolean enabled();
    }

    /** {@code Idempotency-Key} on the non-streamed POSTs: single flight and replay of stored responses. */
    IdempotencyConfig idempotency();

    /** The live dashboard at {@code /dashboard}. */
    DashboardConfig dashboard();

    /** Generated images served under signed URLs. */
    ImagesConfig images();

    /**
     * Prices by {@code provider/model} (quote names holding dots: {@code wormhole.prices."openai/gpt-4.1".input=2}),
     * in USD per million tokens; they replace the model catalog's, which prices most well-known models. A model with
     * no price from either is recorded at cost 0 and counted as unpriced.
     */
    Map<String, PriceConfig> prices();

    /** An alias and how its targets are chosen. */
    interface Route {
        /** Targets as {@code provider/model}, in preference order. */
        List<String> targets();

        /** How the first target is chosen; the others follow as fallbacks. */
        @WithDefault("ordered")
        RouteStrategy strategy();

        /** Weights of the targets for {@code weighted}, in the same order (default 1 each). */
        Optional<List<Integer>> weights();

        /** Deadline of a request for this alias, replacing {@code wormhole.deadline}. */
        Optional<@DurationMin(millis = 1) Duration> deadline();
    }

    /** How a route picks its first target. */
    enum RouteStrategy {
        /** Targets in their listed order. */
        ORDERED,
        /** A target drawn at random in proportion to its weight. */
        WEIGHTED,
        /** The target with the fewest requests in flight through this gateway. */
        LEAST_IN_FLIGHT
    }

    /** Client authentication. */
    interface Auth {
        /** Keys accepted as {@code Authorization: Bearer <key>} or {@code x-api-key}; none means no auth. */
        Optional<List<String>> apiKeys();

        /** Allow serving without keys on a non-loopback address (otherwise the gateway refuses to start). */
        @WithDefault("false")
        boolean allowUnauthenticated();

        /**
         * The key of the admin API ({@code /admin/**}), separate from client keys; without it the virtual-key admin
         * API ({@code /admin/keys}) is disabled. Setting it turns client authentication on.
         */
        Optional<String> adminKey();

        /**
         * Longest a virtual key looked up in the key store is trusted without looking again: the time a revocation
         * may take to reach every replica. At most 1s; 0 looks up every request.
         */
        @WithDefault("500ms")
        @DurationMin(millis = 0)
        @DurationMax(seconds = 1)
        Duration keyCacheTtl();
    }

    /** The model catalog: discovery from the providers' own model lists. */
    interface Models {
        /** How long one provider's list call may take before it counts as failed (that provider only). */
        @WithDefault("10s")
        @DurationMin(millis = 1)
        Duration listTimeout();

        /** How often every provider's model list is fetched again. */
        @WithDefault("10m")
        @DurationMin(millis = 1)
        Duration refreshInterval();

        /** Delay of the first refresh after start (start-up never waits for it). */
        @WithDefault("2s")
        @DurationMin(millis = 0)
        Duration initialDelay();

        /** File the last good catalog is saved to and read back at start; off when unset. */
        Optional<java.nio.file.Path> cacheFile();

        /** Providers listed first by model selection queries, in this order. */
        Optional<List<String>> preferredProviders();

        /** The community model price map read on every catalog refresh (see {@link PriceMapSource}). */
        PriceMapSource priceMap();

        /**
         * The operator's facts of models by {@code provider/model} (quote names holding dots:
         * {@code wormhole.models.overrides."openai/gpt-5.1".capabilities=chat,stream,tools}), over every other source.
         */
        Map<String, ModelOverrideConfig> overrides();
    }

    /**
     * A maintained model price map in LiteLLM's {@code model_prices_and_context_window.json} format, fetched at each
     * catalog refresh. It fills prices, context windows and capabilities over the bundled snapshot; a provider's live
     * list and the operator's {@code wormhole.prices} come first. A failed fetch or an unreadable document keeps the
     * last good map.
     */
    interface PriceMapSource {
        /** Whether the map is fetched at all; when false the bundled snapshot and the known list stand alone. */
        @WithDefault("true")
        boolean enabled();

        /** Where the map is fetched from. */
        @WithDefault("https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json")
        java.net.URI url();

        /** Longest the whole fetch may take, connecting included. */
        @WithDefault("20s")
        @DurationMin(millis = 1)
        Duration timeout();

        /** Largest document accepted; a larger one is abandoned and the last good map kept. */
        @WithDefault("16M")
        MemorySize maxSize();
    }

    /** Shutdown behaviour. */
    interface Shutdown {
        /** How long shutdown waits for in-flight requests and streams before closing providers anyway. */
        @WithDefault("30s")
        @DurationMin(millis = 0)
        Duration grace();
    }
}
