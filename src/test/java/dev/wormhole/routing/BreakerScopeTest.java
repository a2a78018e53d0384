package dev.wormhole.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.wormhole.testing.ChatStubs.answer;
import static dev.wormhole.testing.ChatStubs.callsFor;
import static dev.wormhole.testing.ChatStubs.chatFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import dev.wormhole.testing.Gateway;
import dev.wormhole.testing.UpstreamMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Breakers count what the caller experiences (the outcome after retries) and are scoped to what fails
 * together: a deployment (provider, model, operation), with faults no model escapes tripping the provider.
 * {@code wobbly} and {@code patchy} keep the default breaker (20 calls, 50 %). Black box: only HTTP is observed,
 * so the suite also runs against the packaged application ({@link BreakerScopeIT}).
 */
@QuarkusTest
class BreakerScopeTest {

    WireMockServer upstream;

    @BeforeEach
    void reset() {
        upstream = UpstreamMock.wireMock();
        upstream.resetAll();
    }

    private static ResponseDefinitionBuilder unavailable() {
        return aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}");
    }

    private static Response chat(String model) {
        return Gateway.request().body(Gateway.chat(model, false)).post("/v1/chat/completions");
    }

    @Test
    void keepsServingAnUpstreamThatFailsEveryOtherAttempt() {
        upstream.stubFor(chatFor("flap").inScenario("flap").whenScenarioStateIs(STARTED).willReturn(unavailable())
                .willSetStateTo("up"));
        upstream.stubFor(chatFor("flap").inScenario("flap").whenScenarioStateIs("up").willReturn(answer("fine"))
                .willSetStateTo(STARTED));

        for (int i = 0; i < 100; i++) {
            Response response = chat("wobbly/flap");
            assertThat(response.statusCode()).as("call %d", i).isEqualTo(200);
            assertThat(response.header("x-wormhole-route")).isEqualTo("wobbly/flap=503, wobbly/flap=ok");
        }
        assertThat(callsFor("flap")).isEqualTo(200);
    }

    @Test
    void opensForAModelThatIsReallyDownAndLeavesTheProvidersOtherModelsServing() {
        upstream.stubFor(chatFor("down").willReturn(unavailable()));
        upstream.stubFor(chatFor("up").willReturn(answer("fine")));

        Response last = null;
        for (int i = 0; i < 20; i++) {
            last = chat("patchy/down");
            assertThat(last.statusCode()).isEqualTo(503);
            chat("patchy/up").then().statusCode(200);
        }
        // Twenty calls in the window, every one failing after its retries: the breaker of patchy/down is open.
        int callsWhenOpened = callsFor("down");
        assertThat(callsWhenOpened).isEqualTo(60);
        for (int i = 0; i < 5; i++) {
            chat("patchy/down").then().statusCode(503).body("error.code", equalTo("circuit_open"))
                    .body("error.message", containsString("model 'down'")).header("Retry-After", "30");
        }
        assertThat(callsFor("down")).as("an open breaker fails fast, without upstream I/O").isEqualTo(callsWhenOpened);

        for (int i = 0; i < 10; i++) {
            chat("patchy/up").then().statusCode(200).header("x-wormhole-route", "patchy/up=ok");
        }
    }

    @Test
    void opensTheWholeProviderOnAFaultNoModelEscapes() {
        // Four calls, each to another model, all refused (or, if the catalog's refresh already met the refusals,
        // failed fast): the provider's breaker (4 calls in its window here) opens for every model.
        for (int i = 0; i < 4; i++) {
            String code = chat("unreachable/model-" + i).then().extract().jsonPath().getString("error.code");
            assertThat(code).isIn("upstream_unreachable", "circuit_open");
        }

        chat("unreachable/another-model").then().statusCode(503).body("error.code", equalTo("circuit_open"))
                .body("error.message", containsString("Provider 'unreachable'"));
    }
}
