package dev.wormhole.routing;

import static dev.wormhole.testing.ChatStubs.answer;
import static dev.wormhole.testing.ChatStubs.callsFor;
import static dev.wormhole.testing.ChatStubs.chatFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.wormhole.testing.Gateway;
import dev.wormhole.testing.UpstreamMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * One deadline per request, across retries, backoff and fallbacks: configured per provider ({@code deadliner},
 * 3 s), per route ({@code hurried}, 1.5 s) or stated by the client, which always shortens it. Black box: runs
 * against the packaged application too ({@link DeadlineIT}).
 */
@QuarkusTest
class DeadlineTest {

    WireMockServer upstream;

    @BeforeEach
    void reset() {
        upstream = UpstreamMock.wireMock();
        upstream.resetAll();
    }

    private void hangs(String model) {
        upstream.stubFor(chatFor(model).willReturn(answer("late").withFixedDelay(10_000)));
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void boundsRetriesOfAHungUpstreamByTheProvidersDeadline() throws Exception {
        hangs("hung");

        long start = System.nanoTime();
        Response response = Gateway.request().body(Gateway.chat("deadliner/hung", false)).post("/v1/chat/completions");
        long took = millisSince(start);

        // 2 s per attempt and five retries would take 12 s; the 3 s deadline cuts the second attempt.
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.jsonPath().getString("error.code")).isEqualTo("deadline_exceeded");
        assertThat(response.jsonPath().getString("error.message"))
                .contains("3s (wormhole.providers.deadliner.deadline)")
                .contains("tried: deadliner/hung=504, deadliner/hung=pending");
        assertThat(took).isBetween(2_700L, 4_300L);
        Thread.sleep(1_000);
        assertThat(callsFor("hung")).as("no attempt starts after the deadline").isEqualTo(2);
    }

    @Test
    void honoursTheSdkTimeoutHeader() {
        long start = System.nanoTime();
        Gateway.request().header("X-Stainless-Timeout", "3").body(Gateway.chat("stall/m", false))
                .post("/v1/chat/completions").then().statusCode(504)
                .body("error.code", equalTo("deadline_exceeded"))
                .body("error.message", containsString("3s (X-Stainless-Timeout)"));

        assertThat(millisSince(start)).isBetween(2_700L, 4_300L);
    }

    @Test
    void honoursTheGatewayTimeoutHeaderAndTheShorterOfTheTwo() {
        long start = System.nanoTime();
        Gateway.request().header("X-Stainless-Timeout", "600").header("x-wormhole-timeout", "1500ms")
                .body(Gateway.chat("stall/m", false)).post("/v1/chat/completions").then().statusCode(504)
                .body("error.message", containsString("1.5s (x-wormhole-timeout)"));

        assertThat(millisSince(start)).isBetween(1_350L, 2_500L);
    }

    @Test
    void endsAStreamThatFallsSilentForLongerThanTheClientWaits() {
        long start = System.nanoTime();
        String text = Gateway.request().header("x-wormhole-timeout", "1.5").body(Gateway.chat("stall/m", true))
                .post("/v1/chat/completions").then().statusCode(200).extract().asString();

        assertThat(text).contains("\"content\":\"hi\"").contains("x-wormhole-timeout").doesNotContain("[DONE]");
        assertThat(millisSince(start)).isBetween(1_350L, 2_500L);
    }

    @Test
    void appliesARoutesOwnDeadline() {
        hangs("slow");

        long start = System.nanoTime();
        Gateway.request().body(Gateway.chat("hurried", false)).post("/v1/chat/completions").then().statusCode(504)
                .body("error.message", containsString("wormhole.routes.hurried.deadline"));

        assertThat(millisSince(start)).isBetween(1_350L, 2_500L);
        assertThat(callsFor("slow")).isEqualTo(1);
    }

    @Test
    void refusesAnUnreadableGatewayTimeout() {
        for (String bad : new String[] { "abc", "-1", "0", "1e3", "10 s", "5h" }) {
            Gateway.request().header("x-wormhole-timeout", bad).body(Gateway.chat("sim-1", false))
                    .post("/v1/chat/completions").then().statusCode(400)
                    .body("error.param", equalTo("x-wormhole-timeout"))
                    .body("error.type", equalTo("invalid_request_error"));
        }
    }

    @Test
    void ignoresAnUnreadableSdkTimeoutAndServesAsUsual() {
        Gateway.request().header("X-Stainless-Timeout", "soon").body(Gateway.chat("sim-1", false))
                .post("/v1/chat/completions").then().statusCode(200);
    }

    @Test
    void answersAtOnceWhenTheClientsDeadlineIsAmple() {
        Gateway.request().header("X-Stainless-Timeout", "600.0").body(Gateway.chat("sim-1", false))
                .post("/v1/chat/completions").then().statusCode(200).header("x-wormhole-route", "simulator/sim-1=ok");
    }
}
