package dev.wormhole.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.wormhole.testing.ChatStubs.callsFor;
import static dev.wormhole.testing.ChatStubs.chatFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import dev.wormhole.testing.Gateway;
import dev.wormhole.testing.UpstreamMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The gateway's own quotas of its upstreams ({@code wormhole.providers.<id>.limits}), counted per upstream attempt:
 * a target whose window is full is not called; the route fails over to its next target, and with none left the
 * client gets a 429 {@code provider_rate_limited} in its envelope with {@code Retry-After}. Tokens are reserved and
 * corrected by the real usage. Each test uses its own provider or deployment, whose window lasts the whole run. No
 * CDI: {@link ProviderLimitsIT} runs it on the packaged jar.
 */
@QuarkusTest
class ProviderLimitsTest {

    private static ResponseDefinitionBuilder answer(int promptTokens, int completionTokens) {
        return aResponse().withHeader("Content-Type", "application/json").withBody("{\"id\":\"chatcmpl-q\","
                + "\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":"
                + "{\"role\":\"assistant\",\"content\":\"fine\"},\"finish_reason\":\"stop\"}],\"usage\":{"
                + "\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":" + completionTokens
                + ",\"total_tokens\":" + (promptTokens + completionTokens) + "}}");
    }

    private static ResponseDefinitionBuilder streamed(int promptTokens, int completionTokens) {
        String chunk = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"fine\"}}]}\n\n";
        String end = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n";
        String usage = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[],\"usage\":{\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":"
                + completionTokens + ",\"total_tokens\":" + (promptTokens + completionTokens) + "}}\n\n";
        return aResponse().withHeader("Content-Type", "text/event-stream")
                .withBody(chunk + end + usage + "data: [DONE]\n\n");
    }

    private static Response chat(String model) {
        return Gateway.request().body(Gateway.chat(model, false)).post("/v1/chat/completions");
    }

    private static Response chat(String model, int maxTokens, boolean stream) {
        return Gateway.request().body("{\"model\":\"" + model + "\",\"stream\":" + stream + ",\"max_tokens\":"
                + maxTokens + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").post("/v1/chat/completions");
    }

    private static void assertProviderRefusal(Response refused) {
        refused.then().statusCode(429).body("error.type", equalTo("rate_limit_error"))
                .body("error.code", equalTo("provider_rate_limited"))
                .body("error.message", containsString("not your API key's limit"));
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
    }

    @Test
    void theFourthRequestToAProviderWithRpm3IsA429WithoutAnUpstreamCall() {
        UpstreamMock.wireMock().stubFor(chatFor("rpm-model").willReturn(answer(3, 2)));
        for (int i = 0; i < 3; i++) {
            chat("capped/rpm-model").then().statusCode(200);
        }
        Response refused = chat("capped/rpm-model");
        assertProviderRefusal(refused);
        assertThat(refused.header("x-wormhole-route")).isEqualTo("capped/rpm-model=limited");
        assertThat(callsFor("rpm-model")).isEqualTo(3);
    }

    @Test
    void aRouteFailsOverToItsNextTargetWhenTheFirstIsOverItsProvidersLimit() {
        UpstreamMock.wireMock().stubFor(chatFor("first").willReturn(answer(3, 2)));
        chat("spillover").then().statusCode(200).header("x-wormhole-route", "spill/first=ok");
        chat("spillover").then().statusCode(200)
                .header("x-wormhole-route", "spill/first=limited, simulator/sim-1=ok");
        assertThat(callsFor("first")).isEqualTo(1);
    }

    @Test
    void aDeploymentLimitAppliesToItsModelOnly() {
        UpstreamMock.wireMock().stubFor(chatFor("narrow").willReturn(answer(3, 2)));
        UpstreamMock.wireMock().stubFor(chatFor("wide").willReturn(answer(3, 2)));
        chat("metered/narrow").then().statusCode(200);
        assertProviderRefusal(chat("metered/narrow"));
        for (int i = 0; i < 3; i++) {
            chat("metered/wide").then().statusCode(200);
        }
        assertThat(callsFor("narrow")).isEqualTo(1);
        assertThat(callsFor("wide")).isEqualTo(3);
    }

    @Test
    void everyRetryIsOneRequestAgainstTheLimit() {
        UpstreamMock.wireMock().stubFor(chatFor("again").inScenario("again").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}"))
                .willSetStateTo("up"));
        UpstreamMock.wireMock().stubFor(chatFor("again").inScenario("again").whenScenarioStateIs("up")
                .willReturn(answer(3, 2)));
        chat("metered/again").then().statusCode(200).header("x-wormhole-route", "metered/again=503, metered/again=ok");
        assertProviderRefusal(chat("metered/again"));
        assertThat(callsFor("again")).isEqualTo(2);
    }

    @Test
    void tokensAreReservedForTheAllowedOutputAndGivenBackWhenTheRealUsageIsLower() {
        UpstreamMock.wireMock().stubFor(chatFor("tokens-4.1").willReturn(answer(4, 6)));
        // tpm 100: each call reserves its prompt (1) and max_tokens (60), and is corrected to the 10 it used.
        chat("metered/tokens-4.1", 60, false).then().statusCode(200);
        chat("metered/tokens-4.1", 60, false).then().statusCode(200);
        // 20 used and 91 reserved would exceed 100: refused before any upstream call.
        assertProviderRefusal(chat("metered/tokens-4.1", 90, false));
        assertThat(callsFor("tokens-4.1")).isEqualTo(2);
    }

    @Test
    void aStreamsReservationIsCorrectedByItsUsageWhenItEnds() {
        UpstreamMock.wireMock().stubFor(chatFor("streamed-4.1").willReturn(streamed(4, 6)));
        chat("metered/streamed-4.1", 60, true).then().statusCode(200).body(containsString("[DONE]"));
        // The correction runs when the stream ends at the gateway; a refused attempt counts nothing, so polling is
        // safe.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> chat("metered/streamed-4.1", 60, true).statusCode() == 200);
        assertThat(callsFor("streamed-4.1")).isEqualTo(2);
    }

    @Test
    void aRefusalOnTheMessagesRouteIsInAnthropicsEnvelope() {
        UpstreamMock.wireMock().stubFor(chatFor("messages").willReturn(answer(3, 2)));
        String body = "{\"model\":\"metered/messages\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}]}";
        Gateway.request().body(body).post("/v1/messages").then().statusCode(200);
        Response refused = Gateway.request().body(body).post("/v1/messages");
        refused.then().statusCode(429).body("type", equalTo("error")).body("error.type", equalTo("rate_limit_error"))
                .body("error.message", containsString("quota of model 'messages' of provider 'metered'"));
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
        assertThat(callsFor("messages")).isEqualTo(1);
    }
}
