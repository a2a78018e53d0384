package dev.wormhole.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Basic; without any key it is open (on loopback); switched off it is not there.
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

    private static int status(URL base, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/dashboard/snapshot"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
