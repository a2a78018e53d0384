package dev.wormhole.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.wormhole.testing.GatewayProcess;
import dev.wormhole.testing.RawClient;

/**
 * SIGTERM to the packaged gateway: the in-flight stream runs to its {@code [DONE]}, new requests are refused
 * with 503 meanwhile, and the process then exits.
 */
class GracefulShutdownIT {

    private static final String KEY = "shutdown-test-key";

    @Test
    void finishesTheInFlightStreamRefusesNewRequestsThenExits() throws Exception {
        try (GatewayProcess gateway = GatewayProcess.start(Map.of(
                "wormhole.auth.api-keys", KEY,
                "wormhole.providers.slow.dialect", "simulator",
                "wormhole.providers.slow.simulator.tokens-per-second", "10",
                "wormhole.shutdown.grace", "20s"))) {
            URL base = gateway.awaitListening(Duration.ofSeconds(60));
            try (RawClient stream = RawClient.post(base, "/v1/chat/completions", KEY,
                    "{\"model\":\"slow/sim-1\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")) {
                stream.readUntil("\"content\":\"Simulated\"");

                gateway.terminate();
                await().atMost(Duration.ofSeconds(10)).until(() -> newRequestStatus(base) == 503);
                assertThat(readiness(base)).isEqualTo(503);

                String rest = stream.readUntil("data: [DONE]");
                assertThat(rest).contains("\"finish_reason\":\"stop\"");
            }
            // 143: the JVM's conventional status after running its shutdown hooks on SIGTERM.
            assertThat(gateway.awaitExit(Duration.ofSeconds(30))).isIn(0, 143);
        }
    }

    private static int newRequestStatus(URL base) {
        HttpRequest request = HttpRequest.newBuilder(uri(base, "/v1/chat/completions"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"sim-1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static int readiness(URL base) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(base, "/q/health/ready")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static java.net.URI uri(URL base, String path) {
        return java.net.URI.create(base.toString().replaceAll("/$", "") + path);
    }
}
