package dev.wormhole.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The upstreams every Quarkus test (and the packaged-jar suite) runs against: a WireMock OpenAI on a dynamic
 * port as provider {@code openai}, a stalling raw-TCP upstream as provider {@code stall}, a delaying and
 * counting upstream as provider {@code counting}, and simulator providers with their own pacing. Also sets
 * the gateway key clients must send.
 */
public class UpstreamMock implements QuarkusTestResourceLifecycleManager {

    public static final String GATEWAY_KEY = "test-gateway-key";
    public static final String UPSTREAM_KEY = "sk-upstream-test-secret-0123456789";

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
        return Map.ofEntries(
                Map.entry("wormhole.auth.api-keys", GATEWAY_KEY),
                Map.entry("wormhole.default-provider", "simulator"),
                Map.entry("wormhole.models.list-timeout", "2s"),
                Map.entry("wormhole.providers.openai.dialect", "openai"),
                Map.entry("wormhole.providers.openai.base-url", "http://127.0.0.1:" + wireMock.port() + "/v1"),
                Map.entry("wormhole.providers.openai.api-keys", UPSTREAM_KEY),
                Map.entry("wormhole.providers.openai.response-timeout", "5s"),
                Map.entry("wormhole.providers.openai.idle-timeout", "5s"),
                Map.entry("wormhole.providers.stall.dialect", "openai"),
                Map.entry("wormhole.providers.stall.base-url", "http://127.0.0.1:" + stalling.port() + "/v1"),
                Map.entry("wormhole.providers.stall.response-timeout", "60s"),
                Map.entry("wormhole.providers.stall.idle-timeout", "60s"),
                Map.entry("wormhole.providers.counting.dialect", "openai"),
                Map.entry("wormhole.providers.counting.base-url", "http://127.0.0.1:" + counting.port() + "/v1"),
                Map.entry("wormhole.providers.slowsim.dialect", "simulator"),
                Map.entry("wormhole.providers.slowsim.simulator.tokens-per-second", "40"),
                Map.entry("wormhole.providers.regsim.dialect", "simulator"));
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
