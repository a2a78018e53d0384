package dev.wormhole.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import dev.wormhole.testing.Gateway;
import dev.wormhole.testing.UpstreamMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** With a gateway key configured, {@code /v1/**} requires it; health and metrics stay open. */
@QuarkusTest
class AuthTest {

    @Test
    void refusesARequestWithoutAKey() {
        given().contentType(ContentType.JSON).body(Gateway.chat("sim-1", false)).post("/v1/chat/completions")
                .then().statusCode(401).header("WWW-Authenticate", "Bearer")
                .body("error.type", equalTo("authentication_error"))
                .body("error.code", equalTo("invalid_api_key"));
        given().get("/v1/models").then().statusCode(401);
    }

    @Test
    void refusesAWrongKey() {
        given().header("Authorization", "Bearer " + UpstreamMock.GATEWAY_KEY + "x").get("/v1/models")
                .then().statusCode(401);
        given().header("Authorization", "Basic " + UpstreamMock.GATEWAY_KEY).get("/v1/models")
                .then().statusCode(401);
    }

    @Test
    void acceptsBearerAndAnthropicStyleKeys() {
        given().header("Authorization", "Bearer " + UpstreamMock.GATEWAY_KEY).get("/v1/models").then().statusCode(200);
        given().header("x-api-key", UpstreamMock.GATEWAY_KEY).get("/v1/models").then().statusCode(200);
    }

    @Test
    void checksTheKeyBeforeTheBodySize() {
        given().contentType(ContentType.JSON).body(new byte[21 * 1024 * 1024]).post("/v1/chat/completions")
                .then().statusCode(401);
    }

    @Test
    void leavesHealthOpen() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200).body("checks.name", org.hamcrest.Matchers.hasItem("providers"));
    }
}
