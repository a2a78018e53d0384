package dev.wormhole.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The upstreams every Quarkus test (and the packaged-jar suite) runs against: a WireMock OpenAI on a dynamic
 * port as provider {@code openai}, a stalling raw-TCP upstream as provider {@code stall}, a delaying and
 * counting upstream as provider {@code counting}, and simulator providers with their own pacing. Also sets
 * the gateway key clients must send, the admin key, and one virtual key declared in configuration. The community
 * price map is fetched from WireMock at {@link #PRICE_MAP_PATH}.
 */
public class UpstreamMock implements QuarkusTestResourceLifecycleManager {

    public static final String GATEWAY_KEY = "test-gateway-key";
    public static final String UPSTREAM_KEY = "sk-upstream-test-secret-0123456789";
    public static final String ANTHROPIC_KEY = "sk-ant-test-secret-9876543210";
    public static final String GEMINI_KEY = "AIza-gemini-test-secret-1234";
    public static final String TOOL_SECRET = "tool-secret-token-42";
    /** The admin key of the admin API ({@code /admin/**}). */
    public static final String ADMIN_KEY = "test-admin-key-0123456789";
    /** The secret of the virtual key declared in configuration as {@code wormhole.keys.gitops} (models {@code sim-*}). */
    public static final String CONFIG_KEY = "wh-test-config-key-0123456789";
    /** Where the community price map is served on WireMock (nothing is served unless a test stubs it). */
    public static final String PRICE_MAP_PATH = "/price-map/model_prices_and_context_window.json";

    private static WireMockServer wireMock;
    private static StallingUpstream stalling;
    private static CountingUpstream counting;

    /** The WireMock server playing OpenAI. */
    public static WireMockServer wireMock() {
        return wireMock;
    }

    /** The upstream that answers after a delay named by the model and counts concurrency. */
    public static CountingUpstream counting() {
        return counting;
    }

    /** The upstream that never answers. */
    public static StallingUpstream stalling() {
        return stalling;
    }

    @Override
    public Map<String, String> start() {
        wireMock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wireMock.start();
        try {
            stalling = new StallingUpstream();
            counting = new CountingUpstream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        String wireMockUrl = "http://127.0.0.1:" + wireMock.port() + "/v1";
        String stallingUrl = "http://127.0.0.1:" + stalling.port() + "/v1";
        Map<String, String> shared = Map.ofEntries(
                // The fault suites of single providers want one attempt per call and breakers that never open.
                Map.entry("wormhole.providers.openai.retry.max-retries", "0"),
                Map.entry("wormhole.providers.openai.circuit-breaker.request-volume", "100000"),
                Map.entry("wormhole.providers.stall.retry.max-retries", "0"),
                Map.entry("wormhole.providers.counting.retry.max-retries", "0"),
                Map.entry("wormhole.providers.counting.circuit-breaker.request-volume", "100000"),
                // The resilience suite's providers: fast retries, a breaker that opens after 4 calls, short deadlines.
                Map.entry("wormhole.providers.flaky.dialect", "openai"),
                Map.entry("wormhole.providers.flaky.base-url", wireMockUrl),
                Map.entry("wormhole.providers.flaky.api-keys", "sk-flaky-key-a,sk-flaky-key-b"),
                Map.entry("wormhole.providers.flaky.retry.delay", "20ms"),
                Map.entry("wormhole.providers.flaky.retry.jitter", "5ms"),
                Map.entry("wormhole.providers.flaky.retry.max-retry-after", "3s"),
                Map.entry("wormhole.providers.flaky.circuit-breaker.request-volume", "4"),
                Map.entry("wormhole.providers.flaky.circuit-breaker.failure-ratio", "0.75"),
                Map.entry("wormhole.providers.flaky.circuit-breaker.delay", "1s"),
                Map.entry("wormhole.providers.flaky.circuit-breaker.success-threshold", "1"),
                Map.entry("wormhole.providers.flaky.response-timeout", "700ms"),
                Map.entry("wormhole.providers.flaky.first-token-timeout", "700ms"),
                Map.entry("wormhole.providers.flaky.idle-timeout", "700ms"),
                Map.entry("wormhole.providers.stallfast.dialect", "openai"),
                Map.entry("wormhole.providers.stallfast.base-url", stallingUrl),
                Map.entry("wormhole.providers.stallfast.retry.max-retries", "0"),
                Map.entry("wormhole.providers.stallfast.first-token-timeout", "500ms"),
                Map.entry("wormhole.providers.stallfast.idle-timeout", "500ms"),
                Map.entry("wormhole.providers.tight.dialect", "openai"),
                Map.entry("wormhole.providers.tight.base-url", "http://127.0.0.1:" + counting.port() + "/v1"),
                Map.entry("wormhole.providers.tight.retry.max-retries", "0"),
                Map.entry("wormhole.providers.tight.bulkhead.max-concurrent", "1"),
                Map.entry("wormhole.providers.tight.bulkhead.queue", "1"),
                // Scenarios run back to back: a budget floor that does not starve one scenario's retries.
                Map.entry("wormhole.retry-budget.min-retries", "1000"),
                // The breaker-scope suite's providers: fast retries and the default breaker (20 calls, 50 %).
                Map.entry("wormhole.providers.wobbly.dialect", "openai"),
                Map.entry("wormhole.providers.wobbly.base-url", wireMockUrl),
                Map.entry("wormhole.providers.wobbly.retry.delay", "5ms"),
                Map.entry("wormhole.providers.wobbly.retry.jitter", "1ms"),
                Map.entry("wormhole.providers.patchy.dialect", "openai"),
                Map.entry("wormhole.providers.patchy.base-url", wireMockUrl),
                Map.entry("wormhole.providers.patchy.retry.delay", "5ms"),
                Map.entry("wormhole.providers.patchy.retry.jitter", "1ms"),
                Map.entry("wormhole.providers.unreachable.dialect", "openai"),
                Map.entry("wormhole.providers.unreachable.base-url", "http://127.0.0.1:1/v1"),
                Map.entry("wormhole.providers.unreachable.retry.max-retries", "0"),
                Map.entry("wormhole.providers.unreachable.circuit-breaker.request-volume", "4"),
                // The deadline suite's provider: 2 s per attempt, many fast retries, a 3 s deadline per request.
                Map.entry("wormhole.providers.deadliner.dialect", "openai"),
                Map.entry("wormhole.providers.deadliner.base-url", wireMockUrl),
                Map.entry("wormhole.providers.deadliner.response-timeout", "2s"),
                Map.entry("wormhole.providers.deadliner.retry.max-retries", "5"),
                Map.entry("wormhole.providers.deadliner.retry.delay", "100ms"),
                Map.entry("wormhole.providers.deadliner.retry.jitter", "1ms"),
                Map.entry("wormhole.providers.deadliner.circuit-breaker.request-volume", "100000"),
                Map.entry("wormhole.providers.deadliner.deadline", "3s"),
                // The provider limits suite (ProviderLimitsTest): quotas small enough to use up in a test.
                Map.entry("wormhole.providers.capped.dialect", "openai"),
                Map.entry("wormhole.providers.capped.base-url", wireMockUrl),
                Map.entry("wormhole.providers.capped.limits.rpm", "3"),
                Map.entry("wormhole.providers.spill.dialect", "openai"),
                Map.entry("wormhole.providers.spill.base-url", wireMockUrl),
                Map.entry("wormhole.providers.spill.limits.rpm", "1"),
                Map.entry("wormhole.routes.spillover.targets", "spill/first,simulator/sim-1"),
                Map.entry("wormhole.providers.metered.dialect", "openai"),
                Map.entry("wormhole.providers.metered.base-url", wireMockUrl),
                Map.entry("wormhole.providers.metered.retry.delay", "5ms"),
                Map.entry("wormhole.providers.metered.retry.jitter", "1ms"),
                Map.entry("wormhole.providers.metered.limits.deployments.narrow.rpm", "1"),
                Map.entry("wormhole.providers.metered.limits.deployments.again.rpm", "2"),
                Map.entry("wormhole.providers.metered.limits.deployments.messages.rpm", "1"),
                Map.entry("wormhole.providers.metered.limits.deployments.\"tokens-4.1\".tpm", "100"),
                Map.entry("wormhole.providers.metered.limits.deployments.\"streamed-4.1\".tpm", "100"),
                Map.entry("wormhole.routes.hurried.targets", "deadliner/slow,simulator/sim-1"),
                Map.entry("wormhole.routes.hurried.deadline", "1500ms"),
                Map.entry("wormhole.routes.flapping.targets", "flaky/s14,simulator/sim-1"),
                // The catalog is refreshed by the tests themselves, never by the scheduler.
                Map.entry("quarkus.scheduler.enabled", "false"),
                // The community price map is fetched from WireMock, never from the internet.
                Map.entry("wormhole.models.price-map.url", "http://127.0.0.1:" + wireMock.port() + PRICE_MAP_PATH),
                Map.entry("wormhole.models.price-map.timeout", "2s"),
                Map.entry("wormhole.models.price-map.max-size", "64K"),
                // Operator facts over the live list and the price maps (PriceMapRefreshTest).
                Map.entry("wormhole.models.overrides.\"vendored/gpt-5-2025-08-07\".capabilities", "chat,stream"),
                Map.entry("wormhole.models.overrides.\"vendored/gpt-5-2025-08-07\".context-window", "100000"),
                Map.entry("wormhole.prices.\"vendored/gpt-4.1-mini-2025-04-14\".input", "9"),
                Map.entry("wormhole.models.preferred-providers", "simulator"),
                Map.entry("wormhole.providers.vendored.dialect", "openai"),
                Map.entry("wormhole.providers.vendored.base-url", wireMockUrl),
                Map.entry("wormhole.providers.vendored.vendor", "openai"),
                Map.entry("wormhole.providers.vendored.retry.max-retries", "0"),
                Map.entry("wormhole.providers.offline.dialect", "openai"),
                Map.entry("wormhole.providers.offline.base-url", "http://127.0.0.1:1/v1"),
                Map.entry("wormhole.providers.offline.vendor", "groq"),
                Map.entry("wormhole.providers.offline.retry.max-retries", "0"),
                Map.entry("wormhole.providers.local.dialect", "openai"),
                Map.entry("wormhole.providers.local.base-url", wireMockUrl),
                Map.entry("wormhole.providers.local.vendor", "openai"),
                Map.entry("wormhole.providers.local.dynamic", "true"),
                // Vendor profiles on WireMock: their quirks apply whatever the base URL.
                Map.entry("wormhole.providers.mistralish.dialect", "openai"),
                Map.entry("wormhole.providers.mistralish.profile", "mistral"),
                Map.entry("wormhole.providers.mistralish.base-url", wireMockUrl),
                Map.entry("wormhole.providers.mistralish.retry.max-retries", "0"),
                Map.entry("wormhole.providers.perplexish.dialect", "openai"),
                Map.entry("wormhole.providers.perplexish.profile", "perplexity"),
                Map.entry("wormhole.providers.perplexish.base-url", wireMockUrl),
                // Test tools (src/test/java/dev/wormhole/tool): guards small enough to observe.
                Map.entry("wormhole.tools.flaky_tool.retry.max-retries", "3"),
                Map.entry("wormhole.tools.flaky_tool.retry.delay", "10ms"),
                Map.entry("wormhole.tools.flaky_tool.retry.jitter", "5ms"),
                Map.entry("wormhole.tools.once_tool.retry.max-retries", "3"),
                Map.entry("wormhole.tools.once_tool.circuit-breaker.request-volume", "4"),
                Map.entry("wormhole.tools.once_tool.circuit-breaker.delay", "1s"),
                Map.entry("wormhole.tools.once_tool.circuit-breaker.success-threshold", "1"),
                Map.entry("wormhole.tools.sleep_tool.bulkhead.max-concurrent", "2"),
                Map.entry("wormhole.tools.sleep_tool.bulkhead.queue", "1"),
                Map.entry("wormhole.tools.nap_tool.timeout", "200ms"),
                Map.entry("wormhole.tools.nap_tool.bulkhead.max-concurrent", "1"),
                Map.entry("wormhole.tools.nap_tool.bulkhead.queue", "1"),
                Map.entry("wormhole.tools.nap_tool.retry.max-retries", "0"),
                Map.entry("wormhole.tools.weather.url", "http://127.0.0.1:" + wireMock.port() + "/tools/weather"),
                Map.entry("wormhole.tools.weather.description", "Weather for a city"),
                Map.entry("wormhole.tools.weather.schema",
                        "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"),
                Map.entry("wormhole.tools.weather.headers.Authorization", "Bearer " + TOOL_SECRET),
                Map.entry("wormhole.tools.weather.idempotent", "true"),
                Map.entry("wormhole.tools.weather.retry.delay", "10ms"),
                Map.entry("wormhole.tools.weather.retry.jitter", "5ms"),
                Map.entry("wormhole.routes.resilient.targets", "flaky/hang,simulator/sim-1"),
                Map.entry("wormhole.routes.claude-or-gpt.targets", "claude/claude-sonnet-4-5,openai/gpt-4o-mini"),
                Map.entry("wormhole.routes.slowstart.targets", "stallfast/slowfirst,simulator/sim-1"),
                Map.entry("wormhole.routes.spread.targets", "simulator/sim-1,slowsim/sim-1"),
                Map.entry("wormhole.routes.spread.strategy", "weighted"),
                Map.entry("wormhole.routes.spread.weights", "1,0"),
                Map.entry("wormhole.auth.api-keys", GATEWAY_KEY),
                // A fresh state file for each start of the application under test (the packaged one included), so
                // that keys, usage and limits never carry over from an earlier run.
                Map.entry("wormhole.state.file", freshStateFile()),
                // Virtual keys (VirtualKeysTest): an admin key, and a declared key limited to the simulator's models.
                Map.entry("wormhole.auth.admin-key", ADMIN_KEY),
                Map.entry("wormhole.keys.gitops.secret", CONFIG_KEY),
                // Usage and budgets (UsageBudgetsTest): operator prices of a WireMock model and of the simulator.
                Map.entry("wormhole.prices.\"openai/priced-model\".input", "3"),
                Map.entry("wormhole.prices.\"openai/priced-model\".output", "6"),
                Map.entry("wormhole.prices.\"openai/priced-model\".cached-input", "1.5"),
                Map.entry("wormhole.prices.\"simulator/sim-1\".input", "1"),
                // DashboardTest: a model only it calls, priced so that the catalog knows it and metrics name it.
                Map.entry("wormhole.prices.\"openai/dash-model\".input", "1"),
                Map.entry("wormhole.prices.\"simulator/sim-1\".output", "2"),
                Map.entry("wormhole.keys.gitops.team", "platform"),
                Map.entry("wormhole.keys.gitops.models", "sim-*"),
                Map.entry("wormhole.keys.gitops.rpm", "60"),
                Map.entry("wormhole.default-provider", "simulator"),
                Map.entry("wormhole.models.list-timeout", "2s"),
                Map.entry("wormhole.providers.openai.dialect", "openai"),
                Map.entry("wormhole.providers.openai.base-url", wireMockUrl),
                Map.entry("wormhole.providers.openai.api-keys", UPSTREAM_KEY),
                Map.entry("wormhole.providers.openai.response-timeout", "5s"),
                Map.entry("wormhole.providers.openai.idle-timeout", "5s"),
                Map.entry("wormhole.providers.stall.dialect", "openai"),
                Map.entry("wormhole.providers.stall.base-url", stallingUrl),
                Map.entry("wormhole.providers.stall.response-timeout", "60s"),
                Map.entry("wormhole.providers.stall.idle-timeout", "60s"),
                Map.entry("wormhole.providers.counting.dialect", "openai"),
                Map.entry("wormhole.providers.counting.base-url", "http://127.0.0.1:" + counting.port() + "/v1"),
                Map.entry("wormhole.providers.slowsim.dialect", "simulator"),
                Map.entry("wormhole.providers.slowsim.simulator.tokens-per-second", "40"),
                Map.entry("wormhole.providers.regsim.dialect", "simulator"));
        // The dialect conformance suites' providers, all on WireMock. Anthropic's and Gemini's base URLs follow
        // their own convention (no version; gemq names it).
        String root = "http://127.0.0.1:" + wireMock.port();
        Map<String, String> config = new HashMap<>(shared);
        config.putAll(dialectUnderTest("claude", "anthropic", root, ANTHROPIC_KEY));
        config.putAll(dialectUnderTest("gem", "gemini", root, GEMINI_KEY));
        config.putAll(dialectUnderTest("gemq", "gemini", root + "/v1beta", GEMINI_KEY));
        config.put("wormhole.providers.gemq.api-key-in", "query");
        config.putAll(dialectUnderTest("llama", "ollama", root, null));
        config.putAll(dialectUnderTest("responsive", "openai", wireMockUrl, UPSTREAM_KEY));
        config.put("wormhole.providers.responsive.wire-api", "responses");
        // The rerank suite's providers of Cohere's and Voyage's rerank APIs (provider openai speaks OpenAI's shape).
        config.putAll(dialectUnderTest("cohered", "openai", root + "/v2", UPSTREAM_KEY));
        config.put("wormhole.providers.cohered.rerank-api", "cohere");
        config.putAll(dialectUnderTest("voyaged", "openai", wireMockUrl, UPSTREAM_KEY));
        config.put("wormhole.providers.voyaged.rerank-api", "voyage");
        return config;
    }

    private static String freshStateFile() {
        try {
            return java.nio.file.Files.createTempDirectory("wormhole-state").resolve("state.bin").toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A provider under a fault-free conformance suite: one attempt per call, a breaker that never opens. */
    private static Map<String, String> dialectUnderTest(String id, String dialect, String baseUrl, String key) {
        String prefix = "wormhole.providers." + id + ".";
        Map<String, String> entries = new HashMap<>(Map.of(prefix + "dialect", dialect, prefix + "base-url", baseUrl,
                prefix + "retry.max-retries", "0", prefix + "circuit-breaker.request-volume", "100000",
                prefix + "idle-timeout", "5s"));
        if (key != null) {
            entries.put(prefix + "api-keys", key);
        }
        return entries;
    }

    @Override
    public void stop() {
        if (wireMock != null) {
            wireMock.stop();
        }
        try {
            if (stalling != null) {
                stalling.close();
            }
            if (counting != null) {
                counting.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
