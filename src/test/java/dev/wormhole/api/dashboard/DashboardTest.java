package dev.wormhole.api.dashboard;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.wormhole.testing.Gateway;
import dev.wormhole.testing.UpstreamMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/**
 * The dashboard over plain HTTP: who may see it (the admin key as Bearer or as the password of HTTP Basic; neither
 * nothing nor a client key), the page, the snapshot's figures after known traffic (a key's usage, a model's
 * request count, a running batch, an error with its request id) and the live stream. No CDI: {@link DashboardIT}
 * runs it on the packaged jar.
 */
@QuarkusTest
class DashboardTest {

    private static final Duration SOON = Duration.ofSeconds(10);

    @Test
    void refusesCallersWithoutTheAdminKey() {
        given().get("/dashboard/").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Basic realm=\"Wormhole dashboard\""));
        given().get("/dashboard/snapshot").then().statusCode(401).body("error.code", equalTo("invalid_api_key"));
        Gateway.request().get("/dashboard/snapshot").then().statusCode(401);
        given().auth().preemptive().basic("ops", UpstreamMock.GATEWAY_KEY).get("/dashboard/events").then()
                .statusCode(401);
        given().auth().preemptive().basic("ops", "wrong").get("/dashboard/").then().statusCode(401);
    }

    @Test
    void servesThePageToTheAdminKeyAsBearerOrBasic() {
        given().auth().preemptive().basic("anyone", UpstreamMock.ADMIN_KEY).redirects().follow(false)
                .get("/dashboard").then().statusCode(302).header("Location", "/dashboard/");
        given().auth().preemptive().basic("anyone", UpstreamMock.ADMIN_KEY).get("/dashboard/").then().statusCode(200)
                .contentType(containsString("text/html")).header("Cache-Control", "no-store")
                .body(containsString("<title>Wormhole dashboard</title>"));
        Gateway.admin().get("/dashboard/snapshot").then().statusCode(200).body("object",
                equalTo("dashboard.snapshot"));
    }

    @Test
    void snapshotShowsAKeysUsageTheModelsTrafficAndTheLastErrors() {
        // Metrics name only models the catalog or the configuration knows (others are "other"): this one is priced
        // in the test configuration and called by this test alone.
        String model = "dash-model";
        UpstreamMock.wireMock().stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(containing(model))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"id":"chatcmpl-d","object":"chat.completion","created":1700000000,"model":"%s",
                         "choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],
                         "usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}""".formatted(model))));
        String name = "dash-key-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = Gateway.admin().body("{\"name\":\"" + name + "\"}").post("/admin/keys").then().statusCode(201)
                .extract().jsonPath().getString("secret");
        for (int i = 0; i < 3; i++) {
            Gateway.as(secret).body(Gateway.chat("openai/" + model, false)).post("/v1/chat/completions").then()
                    .statusCode(200);
        }
        String failedId = "dash-err-" + UUID.randomUUID();
        Gateway.request().header("x-request-id", failedId).body(Gateway.chat("nosuchprovider/x", false))
                .post("/v1/chat/completions").then().statusCode(404);

        await().atMost(SOON).untilAsserted(() -> {
            JsonPath view = snapshot();
            Map<String, Object> traffic = only(view.getList("traffic.findAll { it.model == '" + model + "' }"));
            assertThat(traffic).containsEntry("operation", "chat").containsEntry("provider", "openai")
                    .containsEntry("requests", 3).containsEntry("errors", 0);
            assertThat(traffic.get("p50_ms")).isNotNull();
            Map<String, Object> usage = only(view.getList("usage.rows.findAll { it.key_name == '" + name + "' }"));
            assertThat(usage).containsEntry("model", model).containsEntry("provider", "openai")
                    .containsEntry("requests", 3).containsEntry("prompt_tokens", 30)
                    .containsEntry("completion_tokens", 15);
            Map<String, Object> error = only(view.getList("errors.findAll { it.request_id == '" + failedId + "' }"));
            assertThat(error).containsEntry("status", 404).containsEntry("route", "/v1/chat/completions")
                    .containsEntry("method", "POST");
            assertThat((String) error.get("code")).isNotBlank();
        });
        JsonPath view = snapshot();
        assertThat(view.getList("providers.id")).contains("simulator", "openai");
        assertThat(view.getList("catalog.provider")).contains("simulator", "openai");
        assertThat(view.getString("providers.find { it.id == 'simulator' }.breaker")).isEqualTo("closed");
    }

    @Test
    void showsABatchWhileItRuns() {
        String id = "dash-batch-" + UUID.randomUUID();
        String body = "{\"mode\":\"all\",\"concurrency\":1,\"requests\":[" + IntStream.range(0, 4)
                .mapToObj(i -> "{\"custom_id\":\"c" + i + "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
                        + "\"body\":{\"model\":\"counting/delay-700\",\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"b\"}]}}")
                .collect(Collectors.joining(",")) + "]}";
        CompletableFuture<Integer> batch = CompletableFuture.supplyAsync(() -> Gateway.request().header("x-request-id",
                id).body(body).post("/v1/batch").then().extract().statusCode());
        await().atMost(SOON).untilAsserted(() -> {
            Map<String, Object> row = only(snapshot().getList("batches.findAll { it.request_id == '" + id + "' }"));
            assertThat(row).containsEntry("mode", "all").containsEntry("items", 4).containsEntry("concurrency", 1);
            assertThat((Integer) row.get("completed")).isGreaterThanOrEqualTo(1);
        });
        assertThat(batch.join()).isEqualTo(200);
        await().atMost(SOON).until(() -> snapshot().getList("batches.findAll { it.request_id == '" + id + "' }")
                .isEmpty());
    }

    @Test
    void streamsSnapshotsLive() throws Exception {
        HttpURLConnection connection = (HttpURLConnection) URI.create(RestAssured.baseURI + ":" + RestAssured.port
                + "/dashboard/events").toURL().openConnection();
        connection.setRequestProperty("Authorization", "Bearer " + UpstreamMock.ADMIN_KEY);
        connection.setReadTimeout((int) SOON.toMillis());
        assertThat(connection.getResponseCode()).isEqualTo(200);
        assertThat(connection.getContentType()).startsWith("text/event-stream");
        List<String> events = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while (events.size() < 2 && (line = in.readLine()) != null) {
                if (line.startsWith("data: ")) {
                    events.add(line.substring(6));
                }
            }
        } finally {
            connection.disconnect();
        }
        assertThat(events).hasSize(2);
        assertThat(events).allSatisfy(e -> assertThat(new JsonPath(e).getString("object"))
                .isEqualTo("dashboard.snapshot"));
        assertThat(new JsonPath(events.get(1)).getString("generated_at"))
                .isGreaterThan(new JsonPath(events.get(0)).getString("generated_at"));
    }

    private static JsonPath snapshot() {
        return Gateway.admin().get("/dashboard/snapshot").then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> only(List<Map<String, Object>> rows) {
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }
}
