package dev.wormhole.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.wormhole.testing.GatewayProcess;

/**
 * Who may see the dashboard on gateways configured otherwise than the shared test gateway (which has an admin key,
 * see {@link DashboardTest}): without an admin key the gateway key opens it, as Bearer or as the password of HTTP
 * Basic; without any key it is open (on loopback); switched off it is not there. And its live stream ends when the
 * gateway shuts down, instead of holding the graceful shutdown for its whole grace period.
 */
class DashboardAccessIT {

    private static final String GATEWAY_KEY = "access-gateway-key-0123456789";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void takesTheGatewayKeyUntilAnAdminKeyExists() throws Exception {
        try (GatewayProcess gateway = GatewayProcess.start(Map.of("wormhole.auth.api-keys", GATEWAY_KEY))) {
            URL base = gateway.awaitListening(Duration.ofSeconds(60));
            assertThat(status(base, null)).isEqualTo(401);
            assertThat(status(base, "Bearer wrong-key")).isEqualTo(401);
            assertThat(status(base, "Bearer " + GATEWAY_KEY)).isEqualTo(200);
            assertThat(status(base, "Basic " + Base64.getEncoder().encodeToString(("me:" + GATEWAY_KEY)
                    .getBytes(StandardCharsets.UTF_8)))).isEqualTo(200);
        }
    }

    @Test
    void isOpenOnAGatewayWithoutKeysAndAbsentWhenSwitchedOff() throws Exception {
        try (GatewayProcess open = GatewayProcess.start(Map.of())) {
            assertThat(status(open.awaitListening(Duration.ofSeconds(60)), null)).isEqualTo(200);
        }
        try (GatewayProcess off = GatewayProcess.start(Map.of("wormhole.dashboard.enabled", "false"))) {
            assertThat(status(off.awaitListening(Duration.ofSeconds(60)), null)).isEqualTo(404);
        }
    }

    @Test
    void endsTheLiveStreamWhenTheGatewayShutsDown() throws Exception {
        try (GatewayProcess gateway = GatewayProcess.start(Map.of("wormhole.shutdown.grace", "30s"))) {
            URL base = gateway.awaitListening(Duration.ofSeconds(60));
            HttpURLConnection events = (HttpURLConnection) URI.create(base + "/dashboard/events").toURL()
                    .openConnection();
            events.setReadTimeout(15_000);
            try (BufferedReader in = new BufferedReader(new InputStreamReader(events.getInputStream(),
                    StandardCharsets.UTF_8))) {
                assertThat(in.readLine()).startsWith("data: ");
                long terminated = System.nanoTime();
                gateway.terminate();
                while (in.readLine() != null) {
                    // snapshots sent until the shutdown began
                }
                assertThat(Duration.ofNanos(System.nanoTime() - terminated)).isLessThan(Duration.ofSeconds(10));
            }
            // 143: the JVM's conventional status after running its shutdown hooks on SIGTERM.
            assertThat(gateway.awaitExit(Duration.ofSeconds(10))).isIn(0, 143);
        }
    }

    private static int status(URL base, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/dashboard/snapshot"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
