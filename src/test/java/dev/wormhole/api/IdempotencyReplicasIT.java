package dev.wormhole.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.wormhole.testing.CountingUpstream;
import dev.wormhole.testing.GatewayProcess;
import dev.wormhole.testing.RedisServer;

/**
 * Two packaged gateways on one redis-server: duplicates of one {@code Idempotency-Key} sent to both at once make a
 * single upstream call, and a later duplicate on either replica is a replay.
 */
class IdempotencyReplicasIT {

    private static final String KEY = "replicas-test-key";
    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration ANSWER = Duration.ofSeconds(30);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void duplicatesSplitAcrossTwoReplicasMakeOneUpstreamCall() throws Exception {
        try (RedisServer redis = RedisServer.start(); CountingUpstream upstream = new CountingUpstream();
                GatewayProcess first = start(redis, upstream); GatewayProcess second = start(redis, upstream)) {
            List<URL> replicas = List.of(first.awaitListening(START), second.awaitListening(START));
            for (URL replica : replicas) {
                // warm both replicas up, so that the duplicates below really overlap
                assertThat(send(replica, null, chat("counting/warm", "warm")).join().statusCode()).isEqualTo(200);
            }
            upstream.reset();
            String idempotencyKey = "replicas-" + UUID.randomUUID();
            String body = chat("counting/slow-1500", "once " + idempotencyKey);

            List<HttpResponse<String>> responses = IntStream.range(0, 6)
                    .mapToObj(i -> send(replicas.get(i % 2), idempotencyKey, body)).toList()
                    .stream().map(CompletableFuture::join).toList();

            assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).as(() -> r.body() + "\n" + first.output()
                    + "\n" + second.output()).isEqualTo(200));
            assertThat(responses).extracting(HttpResponse::body).containsOnly(responses.get(0).body());
            assertThat(responses).filteredOn(r -> r.headers().firstValue("idempotent-replayed").isEmpty()).hasSize(1);
            assertThat(upstream.received()).isEqualTo(1);

            for (URL replica : replicas) {
                HttpResponse<String> later = send(replica, idempotencyKey, body).join();
                assertThat(later.statusCode()).isEqualTo(200);
                assertThat(later.headers().firstValue("idempotent-replayed")).hasValue("true");
                assertThat(later.body()).isEqualTo(responses.get(0).body());
            }
            assertThat(upstream.received()).isEqualTo(1);
        }
    }

    private static GatewayProcess start(RedisServer redis, CountingUpstream upstream) throws Exception {
        return GatewayProcess.start(Map.of(
                "wormhole.auth.api-keys", KEY,
                "wormhole.state.backend", "redis",
                "wormhole.state.redis-url", redis.url().toString(),
                "wormhole.providers.counting.dialect", "openai",
                "wormhole.providers.counting.base-url", "http://127.0.0.1:" + upstream.port() + "/v1",
                "wormhole.providers.counting.retry.max-retries", "0"));
    }

    private static String chat(String model, String text) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
    }

    private CompletableFuture<HttpResponse<String>> send(URL base, String idempotencyKey, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "")
                + "/v1/chat/completions")).timeout(ANSWER).header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
