package dev.wormhole.limit;

import static dev.wormhole.testing.ProcessClient.HTTP;
import static dev.wormhole.testing.ProcessClient.chat;
import static dev.wormhole.testing.ProcessClient.chatStatus;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.wormhole.testing.GatewayProcess;
import dev.wormhole.testing.ProcessClient;
import dev.wormhole.testing.RedisServer;
import io.restassured.path.json.JsonPath;

/**
 * Three packaged gateways (jar, or native binary) sharing one real {@code redis-server}, as replicas behind a load
 * balancer: a key limited to N requests per minute, loaded at 2.5 times that spread at random over the three for
 * several minutes, is admitted N (±2 %) times in every minute after the first; a key's budget stops its spend,
 * across replicas, within one request's cost; a key revoked on one replica is refused by the others within a
 * second. Per-replica counters would admit up to three times the limit and the budget.
 */
class ReplicasIT {

    private static final String ADMIN_KEY = "replicas-admin-key-0123456789";
    /** USD per million tokens of simulator/sim-1: a call costs a few cents, so a $0.50 budget lasts a dozen calls. */
    private static final String PRICE = "1000";

    private static RedisServer redis;
    private static final List<GatewayProcess> REPLICAS = new ArrayList<>();
    private static final List<URL> URLS = new ArrayList<>();

    @BeforeAll
    static void startReplicas() throws Exception {
        redis = RedisServer.start();
        Map<String, String> properties = new HashMap<>();
        properties.put("wormhole.auth.admin-key", ADMIN_KEY);
        properties.put("wormhole.state.backend", "redis");
        properties.put("wormhole.state.redis-url", redis.url().toString());
        properties.put("wormhole.prices.\"simulator/sim-1\".input", PRICE);
        properties.put("wormhole.prices.\"simulator/sim-1\".output", PRICE);
        for (int i = 0; i < 3; i++) {
            REPLICAS.add(GatewayProcess.start(properties));
        }
        for (GatewayProcess replica : REPLICAS) {
            URLS.add(replica.awaitListening(Duration.ofSeconds(90)));
        }
    }

    @AfterAll
    static void stopReplicas() {
        REPLICAS.forEach(GatewayProcess::close);
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void aKeysRequestsPerMinuteHoldAcrossTheReplicasMinuteAfterMinute() throws Exception {
        int limit = 600;
        int minutes = Integer.getInteger("wormhole.it.replicas.minutes", 3);
        long periodNanos = TimeUnit.SECONDS.toNanos(60) * 2 / (limit * 5); // 2.5 x the limit
        String secret = createKey("{\"name\":\"rpm-replicas\",\"limits\":{\"rpm\":" + limit + "}}").getString("secret");
        Random random = new Random(42);

        long start = System.nanoTime();
        long end = start + TimeUnit.MINUTES.toNanos(minutes);
        List<CompletableFuture<long[]>> sent = new ArrayList<>();
        for (long next = start; next < end; next += periodNanos) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            long sentAt = System.nanoTime() - start;
            URL replica = URLS.get(random.nextInt(URLS.size()));
            sent.add(HTTP.sendAsync(chat(replica, secret), HttpResponse.BodyHandlers.discarding())
                    .thenApply(response -> new long[] {sentAt, response.statusCode()}));
        }
        int[] admitted = new int[minutes];
        int refused = 0;
        for (CompletableFuture<long[]> request : sent) {
            long[] outcome = request.get(30, TimeUnit.SECONDS);
            assertThat(outcome[1]).as("every request is admitted or refused for the rate").isIn(200L, 429L);
            if (outcome[1] == 200) {
                admitted[(int) Math.min(minutes - 1, TimeUnit.NANOSECONDS.toMinutes(outcome[0]))]++;
            } else {
                refused++;
            }
        }

        System.out.printf("ReplicasIT: %d requests per minute allowed; admitted per minute %s, %d refused%n", limit,
                Arrays.toString(admitted), refused);
        assertThat(admitted[0]).as("the first minute never exceeds the limit").isBetween(limit * 98 / 100, limit);
        for (int minute = 1; minute < minutes; minute++) {
            assertThat(admitted[minute]).as("requests admitted in minute %d of %d", minute + 1, minutes)
                    .isBetween(limit * 98 / 100, limit * 102 / 100);
        }
        assertThat(refused).as("the load was above the limit").isGreaterThan(limit * minutes);
    }

    @Test
    void aBudgetStopsSpendAcrossTheReplicasWithinOneRequestsCost() throws Exception {
        BigDecimal budget = new BigDecimal("0.5");
        JsonPath key = createKey("{\"name\":\"budget-replicas\",\"budget\":{\"usd\":" + budget
                + ",\"period\":\"total\"}}");
        String secret = key.getString("secret");

        BigDecimal told = BigDecimal.ZERO;
        BigDecimal mostExpensive = BigDecimal.ZERO;
        int calls = 0;
        HttpResponse<String> response;
        do {
            response = HTTP.send(chat(URLS.get(calls % URLS.size()), secret),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                JsonPath usage = new JsonPath(response.body()).setRootPath("usage");
                BigDecimal cost = new BigDecimal(PRICE).multiply(BigDecimal.valueOf(usage.getLong("total_tokens")))
                        .movePointLeft(6);
                told = told.add(cost);
                mostExpensive = mostExpensive.max(cost);
            }
            calls++;
        } while (response.statusCode() == 200 && calls < 200);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.body()).contains("budget_exceeded");
        assertThat(calls).as("a budget of $0.50 lasts several calls spread over the replicas").isGreaterThan(6);
        assertThat(told).as("spend reached the budget").isGreaterThanOrEqualTo(budget);
        assertThat(told.subtract(budget)).as("overrun").isLessThan(mostExpensive);
        for (URL replica : URLS) {
            assertThat(chatStatus(replica, secret)).as("every replica refuses the spent key").isEqualTo(429);
        }
        JsonPath recorded = ProcessClient.adminGet(URLS.get(1), ADMIN_KEY, "/admin/usage?key=" + key.getString("id"));
        assertThat(new BigDecimal(recorded.getString("totals.cost_usd")))
                .as("recorded spend equals what clients were told").isEqualByComparingTo(told);
    }

    @Test
    void aKeyRevokedOnOneReplicaIsRefusedByTheOthersWithinASecond() throws Exception {
        JsonPath key = createKey("{\"name\":\"revoke-replicas\"}");
        String secret = key.getString("secret");
        for (URL replica : URLS) {
            assertThat(chatStatus(replica, secret)).isEqualTo(200);
        }

        long revokedAt = System.nanoTime();
        HttpRequest revoke = ProcessClient.admin(URLS.get(0), ADMIN_KEY, "/admin/keys/" + key.getString("id")
                + "/revoke").POST(HttpRequest.BodyPublishers.noBody()).build();
        assertThat(HTTP.send(revoke, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        for (URL replica : URLS.subList(1, URLS.size())) {
            while (chatStatus(replica, secret) != 401) {
                assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).as("revocation reaching " + replica)
                        .isLessThanOrEqualTo(Duration.ofSeconds(1));
                Thread.sleep(20);
            }
        }
        assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThanOrEqualTo(Duration.ofSeconds(1));
    }

    private static JsonPath createKey(String body) throws Exception {
        return ProcessClient.createKey(URLS.get(0), ADMIN_KEY, body);
    }
}
