package dev.wormhole.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.wormhole.testing.CountingUpstream;
import dev.wormhole.testing.Gateway;
import dev.wormhole.testing.RawClient;
import dev.wormhole.testing.UpstreamMock;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** {@code POST /v1/batch} against an upstream that delays each answer and counts requests in flight. */
@QuarkusTest
class BatchTest {

    @TestHTTPResource
    URL gateway;

    CountingUpstream upstream;

    @BeforeEach
    void reset() {
        upstream = UpstreamMock.counting();
        await().atMost(Duration.ofSeconds(10)).until(() -> upstream.inFlight() == 0);
        upstream.reset();
    }

    private static String chatItem(String customId, String model, String text) {
        return "{\"custom_id\":\"" + customId + "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":"
                + "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}}";
    }

    private static String batch(String mode, Integer concurrency, int items, IntFunction<String> item) {
        return "{\"mode\":\"" + mode + "\"" + (concurrency == null ? "" : ",\"concurrency\":" + concurrency)
                + ",\"requests\":[" + IntStream.range(0, items).mapToObj(item).collect(Collectors.joining(",")) + "]}";
    }

    @Test
    void runsTwoHundredItemsWithExactlyTenInFlight() {
        long start = System.nanoTime();
        JsonPath result = Gateway.request().body(batch("all", 10, 200,
                i -> chatItem("c" + i, "counting/delay-50", "item " + i)))
                .post("/v1/batch").then().statusCode(200).extract().jsonPath();
        long wallMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(upstream.received()).isEqualTo(200);
        assertThat(upstream.maxInFlight()).isEqualTo(10);
        assertThat(result.getInt("stats.max_in_flight")).isEqualTo(10);
        assertThat(result.getInt("stats.concurrency")).isEqualTo(10);
        assertThat(result.getInt("stats.succeeded")).isEqualTo(200);
        assertThat(result.getInt("usage.total_tokens")).isEqualTo(200 * 5);
        // 200 items, 10 at a time, 50 ms each: 20 rounds, never faster; the peak of 10 in flight above shows they
        // overlapped (sequential would take 10 s), so the upper bound only catches a stall on a busy machine.
        assertThat(wallMillis).isGreaterThanOrEqualTo(20 * 50).isLessThan(10_000);
    }

    @Test
    void keepsInputOrderWhenLaterItemsFinishFirst() {
        JsonPath result = Gateway.request().body(batch("all", 8, 8,
                i -> chatItem("c" + i, "counting/delay-" + (400 - i * 50), "item " + i)))
                .post("/v1/batch").then().statusCode(200).extract().jsonPath();

        for (int i = 0; i < 8; i++) {
            assertThat(result.getInt("results[" + i + "].index")).isEqualTo(i);
            assertThat(result.getString("results[" + i + "].custom_id")).isEqualTo("c" + i);
            assertThat(result.getString("results[" + i + "].response.choices[0].message.content")).isEqualTo("item " + i);
        }
    }

    @Test
    void reportsEachFailedItemWithoutFailingTheBatch() {
        JsonPath result = Gateway.request().body(batch("all", 4, 6,
                i -> chatItem("c" + i, i % 3 == 1 ? "counting/fail" : "counting/delay-10", "item " + i)))
                .post("/v1/batch").then().statusCode(200).extract().jsonPath();

        assertThat(result.getInt("stats.succeeded")).isEqualTo(4);
        assertThat(result.getInt("stats.failed")).isEqualTo(2);
        assertThat(result.getInt("results[1].status")).isEqualTo(502);
        assertThat(result.getString("results[1].error.code")).isEqualTo("upstream_error");
        assertThat(result.getString("results[1].error.message")).contains("simulated failure");
        assertThat(result.getInt("results[2].status")).isEqualTo(200);
    }

    @Test
    void collectSplitsSuccessesAndFailuresInInputOrder() {
        JsonPath result = Gateway.request().body(batch("collect", 3, 6,
                i -> chatItem("c" + i, i % 2 == 0 ? "counting/delay-" + (60 - i * 10) : "counting/fail", "item " + i)))
                .post("/v1/batch").then().statusCode(200).extract().jsonPath();

        assertThat(result.getList("succeeded.custom_id")).containsExactly("c0", "c2", "c4");
        assertThat(result.getList("failed.custom_id")).containsExactly("c1", "c3", "c5");
        assertThat(result.getList("failed.status")).containsOnly(502);
    }

    @Test
    void firstReturnsTheFastestSuccessAndCancelsTheOthers() {
        List<String> models = List.of("counting/delay-5000", "counting/fail", "counting/delay-150",
                "counting/delay-5000", "counting/delay-5000", "counting/delay-5000", "counting/delay-5000");
        long start = System.nanoTime();
        JsonPath result = Gateway.request().body(batch("first", 4, models.size(),
                i -> chatItem("c" + i, models.get(i), "item " + i)))
                .post("/v1/batch").then().statusCode(200).extract().jsonPath();
        long wallMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(result.getString("result.custom_id")).isEqualTo("c2");
        assertThat(result.getString("result.response.choices[0].message.content")).isEqualTo("item 2");
        assertThat(result.getList("failed.custom_id")).containsExactly("c1");
        assertThat(wallMillis).isLessThan(5_000);
        // c1 failing let c4 start; when c2 won, c0, c3 and c4 were in flight: their connections are closed,
        // and c5, c6 never start.
        await().atMost(Duration.ofSeconds(5)).until(() -> upstream.abandoned() == 3);
        assertThat(upstream.received()).isEqualTo(5);
        assertThat(result.getInt("stats.cancelled")).isEqualTo(5);
    }

    @Test
    void firstAnswers502WithEveryErrorWhenAllFail() {
        Gateway.request().body(batch("first", 2, 3, i -> chatItem("c" + i, "counting/fail", "x")))
                .post("/v1/batch").then().statusCode(502)
                .body("error.code", equalTo("batch_all_failed"))
                .body("failed.custom_id", org.hamcrest.Matchers.contains("c0", "c1", "c2"))
                .body("failed[0].error.message", containsString("simulated failure"));
    }

    @Test
    void aClientDisconnectStopsTheBatch() throws Exception {
        String body = batch("all", 5, 50, i -> chatItem("c" + i, "counting/delay-30000", "x"));
        try (RawClient client = RawClient.post(gateway, "/v1/batch", body)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> upstream.inFlight() == 5);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> upstream.abandoned() == 5);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> upstream.received() == 5);
    }

    @Test
    void streamsEachResultAsItCompletesThenASummary() throws Exception {
        String body = batch("all", 2, 2, i -> chatItem("c" + i, i == 0 ? "counting/delay-3000" : "counting/delay-50",
                "item " + i));
        long start = System.nanoTime();
        try (RawClient client = RawClient.postAccepting(gateway, "/v1/batch", body, "application/x-ndjson")) {
            String firstLine = client.readUntil("\"custom_id\":\"c1\"");
            long firstMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(firstLine).contains("application/x-ndjson").doesNotContain("\"custom_id\":\"c0\"");
            assertThat(firstMillis).isLessThan(3_000);
            String rest = client.readUntil("batch.summary");
            assertThat(rest).contains("\"custom_id\":\"c0\"");
            assertThat(rest.substring(rest.indexOf("batch.summary"))).contains("\"succeeded\":2");
        }
    }

    @Test
    void mixesProvidersAndOperationsInOneBatch() {
        String body = "{\"requests\":[" + chatItem("a", "sim-1", "hello") + "," + chatItem("b", "counting/delay-10", "hi")
                + ",{\"custom_id\":\"e\",\"url\":\"/v1/embeddings\",\"body\":{\"model\":\"sim-embed-1\",\"input\":\"x\","
                + "\"dimensions\":4}}]}";
        Gateway.request().body(body).post("/v1/batch").then().statusCode(200)
                .body("results.status", org.hamcrest.Matchers.contains(200, 200, 200))
                .body("results[0].response.model", equalTo("sim-1"))
                .body("results[1].response.choices[0].message.content", equalTo("hi"))
                .body("results[2].response.data[0].embedding.size()", equalTo(4));
    }

    @Test
    void failsAnInvalidItemAloneWithoutUpstreamIo() {
        String body = "{\"requests\":[" + chatItem("ok", "counting/delay-10", "hi")
                + ",{\"custom_id\":\"bad\",\"url\":\"/v1/chat/completions\",\"body\":{\"model\":\"counting/x\","
                + "\"temperature\":9,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}}"
                + ",{\"custom_id\":\"stream\",\"url\":\"/v1/chat/completions\",\"body\":{\"model\":\"counting/x\","
                + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}}]}";
        Gateway.request().body(body).post("/v1/batch").then().statusCode(200)
                .body("results[0].status", equalTo(200))
                .body("results[1].status", equalTo(400))
                .body("results[1].error.param", equalTo("temperature"))
                .body("results[2].status", equalTo(400))
                .body("results[2].error.param", equalTo("stream"));
        assertThat(upstream.received()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{}|requests",
            "{\"requests\":[]}|requests",
            "{\"mode\":\"some\",\"requests\":[ITEM]}|mode",
            "{\"concurrency\":0,\"requests\":[ITEM]}|concurrency",
            "{\"concurrency\":-3,\"requests\":[ITEM]}|concurrency",
            "{\"concurrency\":100000,\"requests\":[ITEM]}|concurrency",
            "{\"concurrency\":\"ten\",\"requests\":[ITEM]}|concurrency",
            "{\"requests\":[{\"url\":\"/v1/images\",\"body\":{}}]}|requests[0].url",
            "{\"requests\":[{\"method\":\"GET\",\"url\":\"/v1/embeddings\",\"body\":{}}]}|requests[0].method",
            "{\"requests\":[{\"url\":\"/v1/embeddings\",\"body\":[1]}]}|requests[0].body",
            "{\"requests\":[{\"url\":\"/v1/embeddings\"}]}|requests[0].body",
            "{\"requests\":[ITEM,ITEM]}|requests[1].custom_id" })
    void rejectsAnInvalidBatchWholeWithoutUpstreamIo(String spec) {
        String[] parts = spec.split("\\|");
        String body = parts[0].replace("ITEM", chatItem("same", "counting/delay-10", "x"));
        Gateway.request().body(body).post("/v1/batch").then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.param", equalTo(parts[1]));
        assertThat(upstream.received()).isZero();
    }

    @Test
    void rejectsMoreItemsThanTheLimit() {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            items.add("{\"url\":\"/v1/embeddings\",\"body\":{}}");
        }
        Gateway.request().body("{\"requests\":[" + String.join(",", items) + "]}").post("/v1/batch").then()
                .statusCode(400).body("error.param", equalTo("requests"));
    }
}
