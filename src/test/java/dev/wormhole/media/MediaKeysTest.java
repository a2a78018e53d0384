package dev.wormhole.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.wormhole.testing.Gateway;
import dev.wormhole.testing.UpstreamMock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The key guards on the media routes, as on embeddings: the gateway key, a key's allowed models, its budget, and
 * its usage. Also run against the packaged application ({@link MediaKeysIT}).
 */
@QuarkusTest
@QuarkusTestResource(UpstreamMock.class)
class MediaKeysTest {

    @TestHTTPResource
    URL gateway;

    private static final String IMAGE = "{\"model\":\"%s\",\"prompt\":\"a red fox\",\"n\":2}";
    private static final String SPEECH = "{\"model\":\"%s\",\"input\":\"Hello world\",\"voice\":\"alloy\","
            + "\"response_format\":\"wav\"}";

    @Test
    void needsAGatewayKey() {
        RestAssured.given().contentType(ContentType.JSON).body(IMAGE.formatted("sim-image-1"))
                .post("/v1/images/generations").then().statusCode(401).body("error.type", equalTo("authentication_error"));
        RestAssured.given().contentType(ContentType.JSON).body(SPEECH.formatted("sim-tts-1"))
                .post("/v1/audio/speech").then().statusCode(401);
    }

    @Test
    void theKeylessImagePathCannotBeLeftByDotSegments() throws Exception {
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.getOutputStream().write(("GET /v1/images/files/../../v1/models HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(reply).startsWith("HTTP/1.1 401");
        }
    }

    @Test
    void aKeyMayUseOnlyItsModels() {
        Gateway.as(UpstreamMock.CONFIG_KEY).body(IMAGE.formatted("sim-image-1")).post("/v1/images/generations")
                .then().statusCode(200);
        Gateway.as(UpstreamMock.CONFIG_KEY).body(IMAGE.formatted("openai/gpt-image-1")).post("/v1/images/generations")
                .then().statusCode(403).body("error.param", equalTo("model"));
        Gateway.as(UpstreamMock.CONFIG_KEY).body(SPEECH.formatted("openai/tts-1")).post("/v1/audio/speech")
                .then().statusCode(403).body("error.param", equalTo("model"));
    }

    @Test
    void recordsUsagePerKey() {
        JsonPath key = createKey("{\"name\":\"media-" + UUID.randomUUID() + "\"}");
        String secret = key.getString("secret");
        Gateway.as(secret).body(IMAGE.formatted("sim-image-1")).post("/v1/images/generations").then().statusCode(200);
        Gateway.as(secret).body(SPEECH.formatted("sim-tts-1")).post("/v1/audio/speech").then().statusCode(200);

        await().atMost(Duration.ofSeconds(5)).until(() -> usage("key=" + key.getString("id"))
                .getLong("totals.requests") == 2);
        JsonPath byModel = usage("key=" + key.getString("id") + "&group_by=provider,model");
        assertThat(byModel.getList("data.model")).containsExactlyInAnyOrder("sim-image-1", "sim-tts-1");
        int speech = byModel.getList("data.model").indexOf("sim-tts-1");
        assertThat(byModel.getLong("data[" + speech + "].prompt_tokens")).as("11 characters, 4 a token").isEqualTo(3);
    }

    @Test
    void aKeyOverItsBudgetIsRefused() {
        JsonPath key = createKey("{\"name\":\"media-budget-" + UUID.randomUUID()
                + "\",\"budget\":{\"usd\":0.000001,\"period\":\"day\"}}");
        String secret = key.getString("secret");
        Gateway.as(secret).body(Gateway.chat("sim-1", false)).post("/v1/chat/completions").then().statusCode(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> usage("key=" + key.getString("id"))
                .getLong("totals.requests") == 1);

        Gateway.as(secret).body(IMAGE.formatted("sim-image-1")).post("/v1/images/generations").then()
                .statusCode(429).body("error.code", equalTo("budget_exceeded"));
        Gateway.as(secret).body(SPEECH.formatted("sim-tts-1")).post("/v1/audio/speech").then()
                .statusCode(429).body("error.code", equalTo("budget_exceeded"));
    }

    private static JsonPath createKey(String body) {
        return Gateway.admin().body(body).post("/admin/keys").then().statusCode(201).extract().jsonPath();
    }

    private static JsonPath usage(String query) {
        return Gateway.admin().get("/admin/usage?" + query).then().statusCode(200).extract().jsonPath();
    }
}
