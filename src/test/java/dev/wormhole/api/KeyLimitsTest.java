package dev.wormhole.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import java.net.URL;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.wormhole.testing.Gateway;
import dev.wormhole.testing.RawClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * A virtual key's requests per minute and requests in flight, enforced before any upstream call: 429 in the route's
 * envelope with {@code Retry-After} and OpenAI's {@code x-ratelimit-*} headers, slots given back when a stream
 * completes or its client goes away. Keys are created per test through the admin API. No CDI: {@link KeyLimitsIT}
 * runs it on the packaged jar.
 */
@QuarkusTest
class KeyLimitsTest {

    /** Bounds the wait for a released slot: the release runs when the stream's end reaches the gateway. */
    private static final Duration RELEASE = Duration.ofSeconds(5);

    @TestHTTPResource
    URL gateway;

    private static String key(String limits) {
        return Gateway.admin().body("{\"name\":\"limited\",\"limits\":" + limits + "}").post("/admin/keys").then()
                .statusCode(201).extract().jsonPath().getString("secret");
    }

    private static Response chat(String key, String model, boolean stream) {
        return Gateway.as(key).body(Gateway.chat(model, stream)).post("/v1/chat/completions");
    }

    private static Response messages(String key) {
        return Gateway.as(key).body("{\"model\":\"sim-1\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}]}").post("/v1/messages");
    }

    @Test
    void theFourthRequestOfAKeyWithRpm3IsA429InOpenAisEnvelope() {
        String key = key("{\"rpm\":3}");
        for (int remaining = 2; remaining >= 0; remaining--) {
            chat(key, "sim-1", false).then().statusCode(200).header("x-ratelimit-limit-requests", "3")
                    .header("x-ratelimit-remaining-requests", String.valueOf(remaining))
                    .header("x-ratelimit-reset-requests", matchesPattern("[0-9.]+m?s|1m0s"));
        }
        Response refused = chat(key, "sim-1", false);
        refused.then().statusCode(429).body("error.type", equalTo("rate_limit_error"))
                .body("error.code", equalTo("rate_limit_exceeded"))
                .header("x-ratelimit-limit-requests", "3").header("x-ratelimit-remaining-requests", "0")
                .header("x-ratelimit-reset-requests", matchesPattern("[0-9.]+s"))
                .header("x-wormhole-attempts", nullValue());
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
    }

    @Test
    void theFourthRequestOfAKeyWithRpm3IsA429InAnthropicsEnvelope() {
        String key = key("{\"rpm\":3}");
        for (int remaining = 2; remaining >= 0; remaining--) {
            messages(key).then().statusCode(200).header("x-ratelimit-remaining-requests", String.valueOf(remaining));
        }
        Response refused = messages(key);
        refused.then().statusCode(429).body("type", equalTo("error")).body("error.type", equalTo("rate_limit_error"))
                .header("x-ratelimit-remaining-requests", "0");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
    }

    @Test
    void aStaticKeyIsUnlimitedAndGetsNoRateHeaders() {
        Gateway.request().body(Gateway.chat("sim-1", false)).post("/v1/chat/completions").then().statusCode(200)
                .header("x-ratelimit-limit-requests", nullValue());
    }

    @Test
    void aSecondConcurrentStreamIsRefusedUntilTheFirstCompletes() throws Exception {
        String key = key("{\"max_concurrent\":1}");
        // slowsim paces 32 tokens at 40 per second: the stream lasts about 0.8 s.
        try (RawClient first = RawClient.post(gateway, "/v1/chat/completions", key, Gateway.chat("slowsim/sim-1", true))) {
            first.readUntil("\"content\":\"Simulated\"");
            chat(key, "sim-1", false).then().statusCode(429).body("error.code", equalTo("rate_limit_exceeded"))
                    .header("Retry-After", "1");
            first.readUntil("data: [DONE]");
        }
        await().atMost(RELEASE).until(() -> chat(key, "sim-1", false).statusCode() == 200);
    }

    @Test
    void aStreamCancelledByItsClientGivesItsSlotBack() throws Exception {
        String key = key("{\"max_concurrent\":1}");
        // The stalling upstream sends one chunk and then nothing: only the client's disconnect ends the stream.
        try (RawClient first = RawClient.post(gateway, "/v1/chat/completions", key, Gateway.chat("stall/held", true))) {
            first.readUntil("data: ");
            chat(key, "sim-1", false).then().statusCode(429);
        }
        await().atMost(RELEASE).until(() -> chat(key, "sim-1", false).statusCode() == 200);
    }

    @Test
    void aFailedCallGivesItsSlotBack() {
        String key = key("{\"max_concurrent\":1}");
        chat(key, "openai/no-such-model-" + System.nanoTime(), false).then().statusCode(org.hamcrest.Matchers.not(200));
        chat(key, "sim-1", false).then().statusCode(200);
        chat(key, "sim-1", true).then().statusCode(200);
        chat(key, "sim-1", false).then().statusCode(200);
    }

    @Test
    void tokensAreReservedUpFrontAndCorrectedByTheRealUsage() {
        String key = key("{\"tpm\":100000}");
        String body = "{\"model\":\"sim-1\",\"max_tokens\":5000,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        Response first = Gateway.as(key).body(body).post("/v1/chat/completions");
        first.then().statusCode(200).header("x-ratelimit-limit-tokens", "100000")
                .header("x-ratelimit-reset-tokens", matchesPattern("[0-9.]+m?s|1m0s"));
        long afterFirst = Long.parseLong(first.header("x-ratelimit-remaining-tokens"));
        // Reserved: the prompt estimate ("hi": 1 token) and max_tokens.
        assertThat(afterFirst).isEqualTo(100000 - 5001);
        long used = first.jsonPath().getLong("usage.total_tokens");

        Response second = Gateway.as(key).body(body).post("/v1/chat/completions");
        second.then().statusCode(200);
        // The first call's reservation was corrected to what it used before the second reserved its own.
        assertThat(Long.parseLong(second.header("x-ratelimit-remaining-tokens"))).isEqualTo(afterFirst - used);
        assertThat(second.header("x-ratelimit-limit-requests")).isNull();
    }
}
