package dev.wormhole.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.wormhole.testing.CountingUpstream;
import dev.wormhole.testing.GatewayProcess;
import dev.wormhole.testing.RedisServer;

/**
 * A provider quota is the cluster's, not each replica's: two packaged gateways on one real Redis, a provider limited
 * to {@value #RPM} requests per minute on one counting upstream, twice that many requests spread over both at once:
 * exactly {@value #RPM} reach the upstream, the rest are refused with 429 {@code provider_rate_limited}.
 */
class ProviderLimitsReplicasIT {

    private static final int RPM = 5;
    private static final String KEY = "replicas-test-key";
    private static final Duration START = Duration.ofSeconds(90);

    @Test
    void twoReplicasOnOneRedisLetExactlyTheProvidersRpmThrough() throws Exception {
        try (RedisServer redis = RedisServer.start(); CountingUpstream upstream = new CountingUpstream()) {
            Map<String, String> config = new HashMap<>(Map.of(
                    "wormhole.auth.api-keys", KEY,
                    "wormhole.state.backend", "redis",
                    "wormhole.state.redis-url", redis.url().toString(),
                    "wormhole.providers.shared.dialect", "openai",
                    "wormhole.providers.shared.base-url", "http://127.0.0.1:" + upstream.port() + "/v1",
                    "wormhole.providers.shared.retry.max-retries", "0",
                    "wormhole.providers.shared.limits.rpm", String.valueOf(RPM)));
            try (GatewayProcess first = GatewayProcess.start(config);
                    GatewayProcess second = GatewayProcess.start(config)) {
                List<URL> replicas = List.of(first.awaitListening(START), second.awaitListening(START));
                HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
                for (int i = 0; i < 2 * RPM; i++) {
                    calls.add(client.sendAsync(chat(replicas.get(i % 2)), HttpResponse.BodyHandlers.ofString()));
                }
                int admitted = 0;
                int refused = 0;
                for (CompletableFuture<HttpResponse<String>> call : calls) {
                    HttpResponse<String> response = call.get(30, TimeUnit.SECONDS);
                    if (response.statusCode() == 200) {
                        admitted++;
                    } else {
                        assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
                        assertThat(response.body()).contains("provider_rate_limited");
                        refused++;
                    }
                }
                assertThat(admitted).isEqualTo(RPM);
                assertThat(refused).isEqualTo(RPM);
                assertThat(upstream.received()).isEqualTo(RPM);
            }
        }
    }

    private static HttpRequest chat(URL replica) throws Exception {
        return HttpRequest.newBuilder(URI.create(replica + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"shared/quota\",\"messages\":[{\"role\":"
                        + "\"user\",\"content\":\"hi\"}]}"))
                .build();
    }
}
