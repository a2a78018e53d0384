package dev.wormhole.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import org.junit.jupiter.api.Test;

import dev.wormhole.testing.Gateway;
import io.quarkus.test.junit.QuarkusTest;

/** Every response carries a request id and a Server-Timing split of gateway and upstream time. */
@QuarkusTest
class ResponseHeadersTest {

    private static final String TIMING = "gateway;dur=\\d+\\.\\d{3}, upstream;dur=\\d+\\.\\d{3}";

    @Test
    void jsonAndStreamAndErrorResponsesCarryTracingHeaders() {
        Gateway.request().body(Gateway.chat("sim-1", false)).post("/v1/chat/completions").then().statusCode(200)
                .header("x-request-id", matchesPattern("req_[0-9a-f-]{36}"))
                .header("Server-Timing", matchesPattern(TIMING));
        Gateway.request().body(Gateway.chat("sim-1", true)).post("/v1/chat/completions").then().statusCode(200)
                .header("x-request-id", matchesPattern("req_[0-9a-f-]{36}"))
                .header("Server-Timing", matchesPattern(TIMING));
        Gateway.request().body("{}").post("/v1/chat/completions").then().statusCode(400)
                .header("Server-Timing", matchesPattern(TIMING));
    }

    @Test
    void echoesASaneClientRequestIdAndReplacesAnInsaneOne() {
        Gateway.request().header("x-request-id", "client-123").body(Gateway.chat("sim-1", false))
                .post("/v1/chat/completions").then().header("x-request-id", equalTo("client-123"));
        Gateway.request().header("x-request-id", "bad id\u0001").body(Gateway.chat("sim-1", false))
                .post("/v1/chat/completions").then().header("x-request-id", matchesPattern("req_[0-9a-f-]{36}"));
    }

    @Test
    void exposesRequestAndTokenMetrics() {
        Gateway.request().body(Gateway.chat("sim-1", false)).post("/v1/chat/completions").then().statusCode(200);

        String metrics = io.restassured.RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        org.assertj.core.api.Assertions.assertThat(metrics)
                .contains("wormhole_requests_total{model=\"sim-1\",operation=\"chat\",outcome=\"ok\",provider=\"simulator\"}")
                .contains("wormhole_tokens_total{direction=\"output\",model=\"sim-1\",outcome=\"ok\",provider=\"simulator\"}")
                .contains("wormhole_request_duration_seconds_bucket")
                .contains("wormhole_registry_cache_misses_total")
                .doesNotContain(dev.wormhole.testing.UpstreamMock.UPSTREAM_KEY);
    }
}
