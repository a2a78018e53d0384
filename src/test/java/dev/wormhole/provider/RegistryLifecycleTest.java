package dev.wormhole.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.wormhole.testing.Gateway;
import dev.wormhole.testing.RawClient;
import dev.wormhole.testing.UpstreamMock;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The registry through the running gateway: one instance per provider, leases that span a stream. */
@QuarkusTest
class RegistryLifecycleTest {

    @TestHTTPResource
    URL gateway;

    @Inject
    ProviderRegistry registry;

    @Inject
    MeterRegistry meters;

    @Test
    void hundredConcurrentFirstRequestsCreateOneInstance() throws Exception {
        // Other tests list models, which opens every provider: close the idle ones to start from none.
        registry.evictIdle(Duration.ZERO);
        assertThat(registry.isOpen("regsim")).isFalse();
        double missesBefore = meters.get("wormhole.registry.cache.misses").functionCounter().count();
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();
        HttpRequest request = HttpRequest.newBuilder(gateway.toURI().resolve("/v1/chat/completions"))
                .header("Authorization", "Bearer " + UpstreamMock.GATEWAY_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Gateway.chat("regsim/sim-1", false))).build();
        ExecutorService starters = Executors.newFixedThreadPool(100);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            statuses.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                    return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, starters));
        }
        go.countDown();

        CompletableFuture.allOf(statuses.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        assertThat(statuses).allSatisfy(s -> assertThat(s.join()).isEqualTo(200));
        assertThat(meters.get("wormhole.registry.cache.misses").functionCounter().count() - missesBefore)
                .isEqualTo(1.0);
        assertThat(registry.isOpen("regsim")).isTrue();
        starters.shutdownNow();
    }

    @Test
    void aStreamHoldsItsLeaseUntilItEnds() throws Exception {
        // slowsim paces 32 tokens at 40 per second: the stream lasts about 0.8 s.
        try (RawClient client = RawClient.post(gateway, "/v1/chat/completions", Gateway.chat("slowsim/sim-1", true))) {
            client.readUntil("\"content\":\"Simulated\"");
            assertThat(registry.leases("slowsim")).isEqualTo(1);
            String rest = client.readUntil("data: [DONE]");
            assertThat(rest).contains("finish_reason\":\"stop\"");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> registry.leases("slowsim") == 0);
    }
}
