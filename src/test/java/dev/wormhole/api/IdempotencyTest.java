package dev.wormhole.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.wormhole.testing.ChatStubs;
import dev.wormhole.testing.CountingUpstream;
import dev.wormhole.testing.Gateway;
import dev.wormhole.testing.RawClient;
import dev.wormhole.testing.UpstreamMock;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * {@code Idempotency-Key} on the non-streamed POSTs, seen from the outside: a replay carries
 * {@code idempotent-replayed: true} and the first body without a second upstream call; another body under the same
 * key is a 422 in the route's envelope; errors are not stored; streams ignore the key; concurrent duplicates make one
 * upstream call; replays do not count against a key's requests per minute. No CDI: {@link IdempotencyIT} runs it on
 * the packaged jar.
 */
@QuarkusTest
class IdempotencyTest {

    private static final String REPLAYED = "idempotent-replayed";

    @TestHTTPResource
    URL gateway;

    private static String newKey() {
        return "idem-" + UUID.randomUUID();
    }

    private static Response post(String path, String key, String body) {
        return Gateway.request().header("Idempotency-Key", key).body(body).post(path);
    }

    private static String chat(String model, String text) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
    }

    @Test
    void aDuplicateGetsTheStoredResponseWithoutAnUpstreamCall() {
        String model = "idem-replay-" + UUID.randomUUID();
        UpstreamMock.wireMock().stubFor(ChatStubs.chatFor(model).willReturn(ChatStubs.answer("only once")));
        String key = newKey();

        Response first = post("/v1/chat/completions", key, chat("openai/" + model, "hi"));
        first.then().statusCode(200).header(REPLAYED, nullValue())
                .body("choices[0].message.content", equalTo("only once"));
        Response second = post("/v1/chat/completions", key, chat("openai/" + model, "hi"));

        second.then().statusCode(200).header(REPLAYED, "true").contentType(startsWith("application/json"));
        assertThat(second.asString()).isEqualTo(first.asString());
        assertThat(ChatStubs.callsFor(model)).isEqualTo(1);
    }

    @Test
    void theSameJsonWithOtherWhitespaceIsTheSameRequest() {
        String key = newKey();
        Response first = post("/v1/chat/completions", key, chat("sim-1", "spaced"));
        Response second = post("/v1/chat/completions", key, " {\n  " + chat("sim-1", "spaced").substring(1) + "\n");

        second.then().statusCode(200).header(REPLAYED, "true");
        assertThat(second.asString()).isEqualTo(first.asString());
    }

    @Test
    void theSameKeyWithAnotherBodyIsA422InOpenAisEnvelope() {
        String key = newKey();
        post("/v1/chat/completions", key, chat("sim-1", "first")).then().statusCode(200);

        post("/v1/chat/completions", key, chat("sim-1", "second")).then().statusCode(422)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.code", equalTo("idempotency_key_reused"))
                .body("error.message", containsString("Idempotency-Key"));
    }

    @Test
    void theSameKeyWithAnotherBodyIsA422InAnthropicsEnvelopeOnMessages() {
        String key = newKey();
        String body = "{\"model\":\"sim-1\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}";
        Response first = post("/v1/messages", key, body);
        first.then().statusCode(200).header(REPLAYED, nullValue());
        Response replay = post("/v1/messages", key, body);
        replay.then().statusCode(200).header(REPLAYED, "true");
        assertThat(replay.asString()).isEqualTo(first.asString());

        post("/v1/messages", key, body.replace("\"a\"", "\"b\"")).then().statusCode(422)
                .body("type", equalTo("error")).body("error.type", equalTo("invalid_request_error"))
                .body("error.message", containsString("Idempotency-Key"));
    }

    @Test
    void everyNonStreamedRouteReplays() {
        List.of(List.of("/v1/embeddings", "{\"model\":\"sim-embed-1\",\"input\":[\"a cat\"],\"dimensions\":4}"),
                List.of("/v1/responses", "{\"model\":\"sim-1\",\"input\":\"hello\"}"),
                List.of("/v1/batch", "{\"requests\":[{\"custom_id\":\"a\",\"method\":\"POST\",\"url\":"
                        + "\"/v1/chat/completions\",\"body\":" + chat("sim-1", "hi") + "}]}"))
                .forEach(route -> {
                    String key = newKey();
                    Response first = post(route.get(0), key, route.get(1));
                    first.then().statusCode(200).header(REPLAYED, nullValue());
                    Response second = post(route.get(0), key, route.get(1));
                    second.then().statusCode(200).header(REPLAYED, "true");
                    assertThat(second.asString()).as(route.get(0)).isEqualTo(first.asString());
                });
    }

    @Test
    void anErrorIsNotStoredSoTheSameKeyRunsAgain() {
        String model = "idem-flaky-" + UUID.randomUUID();
        String scenario = "idempotency " + model;
        UpstreamMock.wireMock().stubFor(ChatStubs.chatFor(model).inScenario(scenario).whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}"))
                .willSetStateTo("healthy"));
        UpstreamMock.wireMock().stubFor(ChatStubs.chatFor(model).inScenario(scenario).whenScenarioStateIs("healthy")
                .willReturn(ChatStubs.answer("recovered")));
        String key = newKey();

        post("/v1/chat/completions", key, chat("openai/" + model, "hi")).then().statusCode(502);
        post("/v1/chat/completions", key, chat("openai/" + model, "hi")).then().statusCode(200)
                .header(REPLAYED, nullValue()).body("choices[0].message.content", equalTo("recovered"));

        assertThat(ChatStubs.callsFor(model)).isEqualTo(2);
    }

    @Test
    void aStreamedRequestIgnoresTheKey() {
        String key = newKey();
        for (int i = 0; i < 2; i++) {
            post("/v1/chat/completions", key, Gateway.chat("sim-1", true)).then().statusCode(200)
                    .contentType(startsWith("text/event-stream")).header(REPLAYED, nullValue());
        }
        // nothing was stored by the streams: a non-streamed request with another body runs under the key
        post("/v1/chat/completions", key, chat("sim-1", "now JSON")).then().statusCode(200)
                .header(REPLAYED, nullValue());
        // and a stored response does not turn a stream into a replay
        post("/v1/chat/completions", key, Gateway.chat("sim-1", true)).then().statusCode(200)
                .contentType(startsWith("text/event-stream")).header(REPLAYED, nullValue());
    }

    @Test
    void aMalformedKeyIsA400() throws Exception {
        for (String bad : List.of("", "k".repeat(256), "caf\u00e9")) {
            post("/v1/chat/completions", bad, chat("sim-1", "hi")).then().statusCode(400)
                    .body("error.type", equalTo("invalid_request_error"))
                    .body("error.param", equalTo("Idempotency-Key"))
                    .body("error.code", equalTo("invalid_idempotency_key"));
        }
        post("/v1/messages", "", "{\"model\":\"sim-1\",\"max_tokens\":16,\"messages\":[]}").then().statusCode(400)
                .body("type", equalTo("error")).body("error.type", equalTo("invalid_request_error"));
        post("/v1/chat/completions", "k".repeat(255), chat("sim-1", "hi")).then().statusCode(200);
        try (RawClient raw = RawClient.postWithHeader(gateway, "/v1/chat/completions", chat("sim-1", "hi"),
                "Idempotency-Key: a\u0001b")) {
            assertThat(raw.readUntil("\r\n")).startsWith("HTTP/1.1 400");
        }
    }

    @Test
    void concurrentDuplicatesMakeOneUpstreamCall() throws Exception {
        CountingUpstream counting = UpstreamMock.counting();
        counting.reset();
        String key = newKey();
        String body = chat("counting/idem-800", "together " + key);
        ExecutorService clients = Executors.newFixedThreadPool(5);
        try {
            List<CompletableFuture<Response>> sent = IntStream.range(0, 5)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> post("/v1/chat/completions", key, body),
                            clients))
                    .toList();
            List<Response> responses = sent.stream().map(CompletableFuture::join).toList();

            assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
            assertThat(responses).extracting(Response::asString).containsOnly(responses.get(0).asString());
            assertThat(responses).filteredOn(r -> "true".equals(r.header(REPLAYED))).hasSize(4);
            assertThat(counting.received()).isEqualTo(1);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aDuplicateWaitsNoLongerThanItsOwnDeadlineThenGetsA409() {
        String key = newKey();
        String body = chat("counting/idem-1500", "slow " + key);
        CompletableFuture<Response> first = CompletableFuture.supplyAsync(() -> post("/v1/chat/completions", key,
                body));
        await().atMost(Duration.ofSeconds(5)).until(() -> UpstreamMock.counting().inFlight() > 0);

        Gateway.request().header("Idempotency-Key", key).header("x-wormhole-timeout", "300ms").body(body)
                .post("/v1/chat/completions").then().statusCode(409)
                .header("Retry-After", "1")
                .body("error.code", equalTo("idempotency_key_in_use"));
        first.join().then().statusCode(200).header(REPLAYED, nullValue());
        post("/v1/chat/completions", key, body).then().statusCode(200).header(REPLAYED, "true");
    }

    @Test
    void keysAreScopedByCallerAndReplaysCountNeitherAgainstTheRpmNorInUsage() {
        JsonPath created = Gateway.admin()
                .body("{\"name\":\"idempotent\",\"limits\":{\"rpm\":3}}").post("/admin/keys")
                .then().statusCode(201).extract().jsonPath();
        String secret = created.getString("secret");
        String key = newKey();
        String body = chat("sim-1", "scoped");
        // the same key value from another caller is another key: it runs, and then replays for its own caller only
        post("/v1/chat/completions", key, body).then().statusCode(200).header(REPLAYED, nullValue());
        Gateway.as(secret).header("Idempotency-Key", key).body(body).post("/v1/chat/completions").then()
                .statusCode(200).header(REPLAYED, nullValue());
        for (int i = 0; i < 3; i++) {
            Gateway.as(secret).header("Idempotency-Key", key).body(body).post("/v1/chat/completions").then()
                    .statusCode(200).header(REPLAYED, "true");
        }
        Gateway.as(secret).body(body).post("/v1/chat/completions").then().statusCode(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> Gateway.admin()
                .get("/admin/usage?key=" + created.getString("id")).then().statusCode(200).extract().jsonPath()
                .getLong("totals.requests") == 2);

        Gateway.as(secret).body(body).post("/v1/chat/completions").then().statusCode(200);
        Gateway.as(secret).body(body).post("/v1/chat/completions").then().statusCode(429);
    }
}
