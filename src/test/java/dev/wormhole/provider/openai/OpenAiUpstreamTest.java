package dev.wormhole.provider.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.containsString;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;

import dev.wormhole.testing.Gateway;
import dev.wormhole.testing.UpstreamMock;
import io.quarkus.test.junit.QuarkusTest;

/** The OpenAI dialect end to end against a WireMock upstream: wire format, SSE robustness and faults. */
@QuarkusTest
class OpenAiUpstreamTest {

    private static final String CHUNK = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
            + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"%s\"},\"finish_reason\":null}]}\n\n";
    private static final String FINISH = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
            + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n";
    private static final String USAGE = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
            + "\"model\":\"gpt-4o-mini\",\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":3,\"total_tokens\":12}}\n\n";

    WireMockServer upstream;

    @BeforeEach
    void reset() {
        upstream = UpstreamMock.wireMock();
        upstream.resetAll();
    }

    private void streamReplies(ResponseDefinitionBuilder response) {
        upstream.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(response));
    }

    private static ResponseDefinitionBuilder sse(String body) {
        return aResponse().withHeader("Content-Type", "text/event-stream").withBody(body);
    }

    @Test
    void sendsOpenAiWireFormatWithUpstreamKeyAndStrippedModel() {
        upstream.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"chatcmpl-9\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"gpt-4o-mini-2024-07-18\","
                        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Bonjour\"},\"finish_reason\":\"stop\"}],"
                        + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1,\"total_tokens\":6,"
                        + "\"prompt_tokens_details\":{\"cached_tokens\":2}}}")));

        Gateway.request().body("{\"model\":\"openai/gpt-4o-mini\",\"temperature\":0.2,\"max_tokens\":50,\"stop\":\"END\","
                + "\"logprobs\":false,\"messages\":[{\"role\":\"system\",\"content\":\"Be brief\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hello\"}]}]}")
                .post("/v1/chat/completions").then().statusCode(200)
                .body("id", equalTo("chatcmpl-9"))
                .body("model", equalTo("gpt-4o-mini-2024-07-18"))
                .body("choices[0].message.content", equalTo("Bonjour"))
                .body("usage.prompt_tokens_details.cached_tokens", equalTo(2));

        upstream.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withHeader("Authorization", WireMock.equalTo(
                        "Bearer " + UpstreamMock.UPSTREAM_KEY))
                .withRequestBody(matchingJsonPath("$.model", WireMock.equalTo("gpt-4o-mini")))
                .withRequestBody(matchingJsonPath("$.max_completion_tokens", WireMock.equalTo("50")))
                .withRequestBody(matchingJsonPath("$.stop[0]", WireMock.equalTo("END")))
                .withRequestBody(matchingJsonPath("$.logprobs", WireMock.equalTo("false")))
                .withRequestBody(matchingJsonPath("$.messages[1].content", WireMock.equalTo("Hello"))));
    }

    @Test
    void asksUpstreamForUsageAndReassemblesEventsSplitMidLine() {
        String body = String.format(CHUNK, "Hel") + String.format(CHUNK, "lo, ") + String.format(CHUNK, "wörld")
                + FINISH + USAGE + "data: [DONE]\n\n";
        // 23 chunks over 300 ms: the cuts fall inside lines, inside events and inside the multi-byte 'ö'.
        streamReplies(sse(body).withChunkedDribbleDelay(23, 300));

        String text = Gateway.request().body("{\"model\":\"openai/gpt-4o-mini\",\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post("/v1/chat/completions").then().statusCode(200)
                .header("Content-Type", containsString("text/event-stream")).extract().asString();

        assertThat(text).contains("\"content\":\"Hel\"", "\"content\":\"lo, \"", "\"content\":\"wörld\"",
                "\"finish_reason\":\"stop\"", "\"total_tokens\":12").endsWith("data: [DONE]\n\n");
        upstream.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withHeader("Accept", WireMock.equalTo("text/event-stream"))
                .withRequestBody(matchingJsonPath("$.stream_options.include_usage",
                        WireMock.equalTo("true"))));
    }

    @Test
    void omitsTheUsageChunkWhenTheClientDidNotAskForIt() {
        streamReplies(sse(String.format(CHUNK, "ok") + FINISH + USAGE + "data: [DONE]\n\n"));

        String text = Gateway.request().body(Gateway.chat("openai/gpt-4o-mini", true)).post("/v1/chat/completions")
                .then().statusCode(200).extract().asString();

        assertThat(text).contains("\"content\":\"ok\"").doesNotContain("usage").endsWith("data: [DONE]\n\n");
    }

    @Test
    void toleratesCrlfLineEndsAndComments() {
        String body = (": keep-alive\n\n" + String.format(CHUNK, "a") + FINISH + "data: [DONE]\n\n").replace("\n", "\r\n");
        streamReplies(sse(body));

        String text = Gateway.request().body(Gateway.chat("openai/gpt-4o-mini", true)).post("/v1/chat/completions")
                .then().statusCode(200).extract().asString();

        assertThat(text).contains("\"content\":\"a\"").endsWith("data: [DONE]\n\n");
    }

    @Test
    void turnsPrematureEndOfStreamIntoAnInBandErrorWithoutDone() {
        streamReplies(sse(String.format(CHUNK, "partial") + String.format(CHUNK, " answer")));

        String text = Gateway.request().body(Gateway.chat("openai/gpt-4o-mini", true)).post("/v1/chat/completions")
                .then().statusCode(200).extract().asString();

        assertThat(text).contains("\"content\":\"partial\"").contains("\"code\":\"upstream_stream_truncated\"")
                .doesNotContain("[DONE]");
        assertThat(lastEvent(text)).startsWith("data: {\"error\":");
    }

    @Test
    void turnsAnInBandUpstreamErrorIntoAnErrorEvent() {
        streamReplies(sse(String.format(CHUNK, "a") + "data: {\"error\":{\"message\":\"server overloaded\","
                + "\"type\":\"server_error\",\"code\":\"server_error\"}}\n\n"));

        String text = Gateway.request().body(Gateway.chat("openai/gpt-4o-mini", true)).post("/v1/chat/completions")
                .then().statusCode(200).extract().asString();

        assertThat(lastEvent(text)).contains("server overloaded").contains("\"type\":\"api_error\"");
        assertThat(text).doesNotContain("[DONE]");
    }

    @Test
    void rejectsAFrameOverTheLimitBeforeTheFirstChunkAsAJsonError() {
        String huge = "x".repeat(10 * 1024 * 1024 + 16);
        streamReplies(sse(String.format(CHUNK, huge) + "data: [DONE]\n\n"));

        Gateway.request().body(Gateway.chat("openai/gpt-4o-mini", true)).post("/v1/chat/completions")
                .then().statusCode(502).header("Content-Type", containsString("application/json"))
                .body("error.code", equalTo("upstream_frame_too_large"))
                .body("error.type", equalTo("api_error"));
    }

    @Test
    void reportsAnUpstream5xxBeforeTheFirstChunkAsJsonWithItsStatus() {
        streamReplies(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}"));

        Gateway.request().body(Gateway.chat("openai/gpt-4o-mini", true)).post("/v1/chat/completions")
                .then().statusCode(502).header("Content-Type", containsString("application/json"))
                .body("error.code", equalTo("upstream_error"))
                .body("error.message", containsString("The server had an error"));
    }

    @Test
    void passesRetryAfterOfAnUpstream503() {
        streamReplies(aResponse().withStatus(503).withHeader("Retry-After", "12").withBody("overloaded"));

        Gateway.request().body(Gateway.chat("openai/gpt-4o-mini", false)).post("/v1/chat/completions")
                .then().statusCode(503).header("Retry-After", "12").body("error.code", equalTo("upstream_unavailable"));
    }

    @Test
    void reportsAConnectionResetAs502() {
        streamReplies(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        Gateway.request().body(Gateway.chat("openai/gpt-4o-mini", false)).post("/v1/chat/completions")
                .then().statusCode(502).body("error.code", equalTo("upstream_connection_closed"));
        Gateway.request().body(Gateway.chat("openai/gpt-4o-mini", true)).post("/v1/chat/completions")
                .then().statusCode(502).body("error.code", equalTo("upstream_connection_closed"));
    }

    @Test
    void reportsAResetAfterTheFirstChunkInBand() {
        String text = Gateway.request().body(Gateway.chat("stall/cut", true)).post("/v1/chat/completions")
                .then().statusCode(200).extract().asString();

        assertThat(text).contains("\"content\":\"hi\"").doesNotContain("[DONE]");
        assertThat(lastEvent(text)).contains("\"code\":\"upstream_connection_closed\"");
    }

    @Test
    void neverEchoesTheUpstreamKeyWhenTheUpstreamRejectsIt() {
        streamReplies(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Incorrect API key provided: " + UpstreamMock.UPSTREAM_KEY
                        + "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}"));

        String body = Gateway.request().body(Gateway.chat("openai/gpt-4o-mini", false)).post("/v1/chat/completions")
                .then().statusCode(502).body("error.code", equalTo("upstream_authentication_failed"))
                .extract().asString();
        assertThat(body).doesNotContain(UpstreamMock.UPSTREAM_KEY).doesNotContain("0123456789");
    }

    @Test
    void neverTurnsA200ErrorEnvelopeOrAnEmptyReplyIntoSuccess() {
        streamReplies(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"model overloaded\",\"type\":\"server_error\"}}"));
        Gateway.request().body(Gateway.chat("openai/gpt-4o-mini", false)).post("/v1/chat/completions")
                .then().statusCode(502).body("error.message", containsString("model overloaded"));

        streamReplies(aResponse().withHeader("Content-Type", "application/json").withBody("null"));
        Gateway.request().body(Gateway.chat("openai/gpt-4o-mini", false)).post("/v1/chat/completions")
                .then().statusCode(502).body("error.code", equalTo("upstream_malformed_response"));

        streamReplies(aResponse().withHeader("Content-Type", "application/json").withBody("{\"id\":\"x\",\"choices\":[]}"));
        Gateway.request().body(Gateway.chat("openai/gpt-4o-mini", false)).post("/v1/chat/completions")
                .then().statusCode(502).body("error.code", equalTo("upstream_malformed_response"));

        streamReplies(sse("data: null\n\n"));
        Gateway.request().body(Gateway.chat("openai/gpt-4o-mini", true)).post("/v1/chat/completions")
                .then().statusCode(502).body("error.code", equalTo("upstream_malformed_response"));
    }

    @Test
    void acceptsAFinalDoneWithoutItsBlankLine() {
        streamReplies(sse(String.format(CHUNK, "ok") + FINISH + "data: [DONE]"));

        String text = Gateway.request().body(Gateway.chat("openai/gpt-4o-mini", true)).post("/v1/chat/completions")
                .then().statusCode(200).extract().asString();

        assertThat(text).contains("\"content\":\"ok\"").endsWith("data: [DONE]\n\n");
    }

    @Test
    void mapsUpstreamContextLengthErrorTo400() {
        streamReplies(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"This model's maximum context length is 128000 tokens.\","
                        + "\"type\":\"invalid_request_error\",\"param\":\"messages\",\"code\":\"context_length_exceeded\"}}"));

        Gateway.request().body(Gateway.chat("openai/gpt-4o-mini", false)).post("/v1/chat/completions")
                .then().statusCode(400).body("error.code", equalTo("context_length_exceeded"))
                .body("error.message", containsString("maximum context length"));
    }

    private static String lastEvent(String sse) {
        String[] events = sse.trim().split("\n\n");
        return events[events.length - 1];
    }
}
