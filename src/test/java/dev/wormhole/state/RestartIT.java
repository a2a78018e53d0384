package dev.wormhole.state;

import static dev.wormhole.testing.ProcessClient.HTTP;
import static dev.wormhole.testing.ProcessClient.chat;
import static dev.wormhole.testing.ProcessClient.chatStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.wormhole.testing.GatewayProcess;
import dev.wormhole.testing.ProcessClient;
import dev.wormhole.testing.RedisServer;
import io.restassured.path.json.JsonPath;

/**
 * The packaged gateway stopped (SIGTERM) and started again on the same state, the embedded store's file or Redis:
 * keys (a revoked one included), usage and spent budgets are as they were; nothing is reset by a restart.
 */
class RestartIT {

    private static final String ADMIN_KEY = "restart-admin-key-0123456789";

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "redis"})
    void keysUsageAndBudgetsSurviveARestart(String backend) throws Exception {
        Map<String, String> properties = new HashMap<>();
        properties.put("wormhole.auth.admin-key", ADMIN_KEY);
        properties.put("wormhole.prices.\"simulator/sim-1\".input", "1000");
        properties.put("wormhole.prices.\"simulator/sim-1\".output", "1000");
        try (RedisServer redis = backend.equals("redis") ? RedisServer.start() : null) {
            if (redis != null) {
                properties.put("wormhole.state.backend", "redis");
                properties.put("wormhole.state.redis-url", redis.url().toString());
            } else {
                properties.put("wormhole.state.file",
                        Files.createTempDirectory("wormhole-restart").resolve("state.bin").toString());
            }
            String spender;
            String kept;
            String revoked;
            String keptId;
            String spenderId;
            JsonPath keptUsage;
            JsonPath spentUsage;
            try (GatewayProcess first = GatewayProcess.start(properties)) {
                URL base = first.awaitListening(Duration.ofSeconds(90));
                JsonPath spenderKey = ProcessClient.createKey(base, ADMIN_KEY,
                        "{\"name\":\"spender\",\"budget\":{\"usd\":0.1,\"period\":\"total\"}}");
                JsonPath keptKey = ProcessClient.createKey(base, ADMIN_KEY, "{\"name\":\"kept\"}");
                JsonPath revokedKey = ProcessClient.createKey(base, ADMIN_KEY, "{\"name\":\"revoked\"}");
                spender = spenderKey.getString("secret");
                kept = keptKey.getString("secret");
                revoked = revokedKey.getString("secret");
                keptId = keptKey.getString("id");
                spenderId = spenderKey.getString("id");
                int calls = 0;
                while (chatStatus(base, spender) == 200 && calls++ < 100) {
                    // spend the budget
                }
                assertThat(body(base, spender)).contains("budget_exceeded");
                assertThat(chatStatus(base, kept)).isEqualTo(200);
                assertThat(chatStatus(base, kept)).isEqualTo(200);
                HttpRequest revoke = ProcessClient.admin(base, ADMIN_KEY, "/admin/keys/" + revokedKey.getString("id")
                        + "/revoke").POST(HttpRequest.BodyPublishers.noBody()).build();
                assertThat(HTTP.send(revoke, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(5)).until(() -> usage(base, keptId).getLong("totals.requests") == 2);
                keptUsage = usage(base, keptId);
                spentUsage = usage(base, spenderId);
                assertThat(spentUsage.getDouble("totals.cost_usd")).isGreaterThanOrEqualTo(0.1);

                first.terminate();
                assertThat(first.awaitExit(Duration.ofSeconds(30))).isIn(0, 143);
            }

            try (GatewayProcess second = GatewayProcess.start(properties)) {
                URL base = second.awaitListening(Duration.ofSeconds(90));
                assertThat(body(base, spender)).as("the spent budget").contains("budget_exceeded");
                assertThat(chatStatus(base, revoked)).as("the revoked key").isEqualTo(401);
                assertThat(usage(base, spenderId).getMap("totals")).isEqualTo(spentUsage.getMap("totals"));
                assertThat(usage(base, keptId).getMap("totals")).isEqualTo(keptUsage.getMap("totals"));

                assertThat(chatStatus(base, kept)).as("a key made before the restart").isEqualTo(200);
                await().atMost(Duration.ofSeconds(5)).until(() -> usage(base, keptId).getLong("totals.requests") == 3);
            }
        }
    }

    private static String body(URL base, String key) throws Exception {
        return HTTP.send(chat(base, key), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static JsonPath usage(URL base, String keyId) throws Exception {
        return ProcessClient.adminGet(base, ADMIN_KEY, "/admin/usage?key=" + keyId);
    }
}
