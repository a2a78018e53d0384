package dev.wormhole.api;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.wormhole.testing.Gateway;
import dev.wormhole.testing.UpstreamMock;
import io.quarkus.test.junit.QuarkusTest;

/** Bad input gets a 4xx in OpenAI's envelope naming the field, and never reaches the upstream. */
@QuarkusTest
class ValidationTest {

    private static final String USER = "{\"role\":\"user\",\"content\":\"hi\"}";

    @BeforeEach
    void reset() {
        UpstreamMock.wireMock().resetAll();
    }

    @AfterEach
    void nothingReachedTheUpstream() {
        UpstreamMock.wireMock().verify(0, anyRequestedFor(anyUrl()));
    }

    static Stream<Arguments> badChats() {
        return Stream.of(
                Arguments.of("{\"messages\":[" + USER + "]}", "model"),
                Arguments.of("{\"model\":\"openai/gpt-4o-mini\"}", "messages"),
                Arguments.of("{\"model\":\"openai/gpt-4o-mini\",\"messages\":[]}", "messages"),
                Arguments.of("{\"model\":\"openai/gpt-4o-mini\",\"messages\":\"hi\"}", "messages"),
                Arguments.of("{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"wizard\",\"content\":\"x\"}]}",
                        "messages[0].role"),
                Arguments.of("{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"content\":\"x\"}]}", "messages[0].role"),
                Arguments.of("{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\"}]}", "messages[0].content"),
                Arguments.of("{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":7}]}",
                        "messages[0].content"),
                Arguments.of("{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":"
                        + "[{\"type\":\"video\"}]}]}", "messages[0].content[0].type"),
                Arguments.of("{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"tool\",\"content\":\"42\"}]}",
                        "messages[0].tool_call_id"),
                Arguments.of("{\"model\":\"openai/gpt-4o-mini\",\"temperature\":2.5,\"messages\":[" + USER + "]}", "temperature"),
                Arguments.of("{\"model\":\"openai/gpt-4o-mini\",\"temperature\":-0.1,\"messages\":[" + USER + "]}", "temperature"),
                Arguments.of("{\"model\":\"openai/gpt-4o-mini\",\"top_p\":1.5,\"messages\":[" + USER + "]}", "top_p"),
                Arguments.of("{\"model\":\"openai/gpt-4o-mini\",\"n\":0,\"messages\":[" + USER + "]}", "n"),
                Arguments.of("{\"model\":\"openai/gpt-4o-mini\",\"max_tokens\":0,\"messages\":[" + USER + "]}", "max_tokens"),
                Arguments.of("{\"model\":\"openai/gpt-4o-mini\",\"presence_penalty\":3,\"messages\":[" + USER + "]}",
                        "presence_penalty"),
                Arguments.of("{\"model\":\"openai/gpt-4o-mini\",\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"],\"messages\":["
                        + USER + "]}", "stop"),
                Arguments.of("{\"model\":\"openai/gpt-4o-mini\",\"temperature\":\"hot\",\"messages\":[" + USER + "]}",
                        "temperature"),
                Arguments.of("{\"model\":\"openai/gpt-4o-mini\",\"tool_choice\":\"required\",\"messages\":[" + USER + "]}",
                        "tool_choice"),
                Arguments.of("{\"model\":\"openai/gpt-4o-mini\",\"tools\":[{\"type\":\"function\",\"function\":"
                        + "{\"name\":\"bad name!\"}}],\"messages\":[" + USER + "]}", "tools[0].function.name"),
                Arguments.of("{\"model\":\"openai/gpt-4o-mini\",\"stream_options\":{\"include_usage\":true},"
                        + "\"messages\":[" + USER + "]}", "stream_options"),
                Arguments.of("{\"model\":\"openai/gpt-4o-mini\",\"response_format\":{\"type\":\"yaml\"},\"messages\":["
                        + USER + "]}", "response_format.type"),
                Arguments.of("{\"model\":\"openai/\",\"messages\":[" + USER + "]}", "model"));
    }

    @ParameterizedTest
    @MethodSource("badChats")
    void rejectsBadChatRequestsNamingTheField(String body, String param) {
        Gateway.request().body(body).post("/v1/chat/completions").then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.param", equalTo(param))
                .body("error.message", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyString()));
    }

    @ParameterizedTest
    @MethodSource("badChats")
    void rejectsBadStreamingRequestsAsJsonToo(String body, String param) {
        String streaming = body.replaceFirst("\\{", "{\"stream\":true,");
        if (param.equals("stream_options")) {
            return;
        }
        Gateway.request().body(streaming).post("/v1/chat/completions").then().statusCode(400)
                .header("Content-Type", containsString("application/json"))
                .body("error.param", equalTo(param));
    }

    static Stream<Arguments> badEmbeddings() {
        return Stream.of(
                Arguments.of("{\"input\":\"x\"}", "model"),
                Arguments.of("{\"model\":\"openai/text-embedding-3-small\"}", "input"),
                Arguments.of("{\"model\":\"openai/text-embedding-3-small\",\"input\":[]}", "input"),
                Arguments.of("{\"model\":\"openai/text-embedding-3-small\",\"input\":[\"\"]}", "input"),
                Arguments.of("{\"model\":\"openai/text-embedding-3-small\",\"input\":[[1,2,3]]}", "input"),
                Arguments.of("{\"model\":\"openai/text-embedding-3-small\",\"input\":\"x\",\"encoding_format\":\"hex\"}",
                        "encoding_format"),
                Arguments.of("{\"model\":\"openai/text-embedding-3-small\",\"input\":\"x\",\"dimensions\":0}", "dimensions"));
    }

    @ParameterizedTest
    @MethodSource("badEmbeddings")
    void rejectsBadEmbeddingRequestsNamingTheField(String body, String param) {
        Gateway.request().body(body).post("/v1/embeddings").then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.param", equalTo(param));
    }

    @org.junit.jupiter.api.Test
    void rejectsMalformedJson() {
        Gateway.request().body("{\"model\": ").post("/v1/chat/completions").then().statusCode(400)
                .body("error.code", equalTo("invalid_json"));
    }

    @org.junit.jupiter.api.Test
    void rejectsABodyOverTheLimitWith413() {
        byte[] body = new byte[20 * 1024 * 1024 + 1];
        java.util.Arrays.fill(body, (byte) ' ');
        Gateway.request().body(body).post("/v1/chat/completions").then().statusCode(413)
                .body("error.code", equalTo("request_too_large"));
    }

    @org.junit.jupiter.api.Test
    void rejectsAnUnknownProviderOrModelWith404() {
        Gateway.request().body(Gateway.chat("simulator/gpt-9", false)).post("/v1/chat/completions").then()
                .statusCode(404).body("error.code", equalTo("model_not_found"))
                .body("error.type", equalTo("not_found_error"));
        Gateway.request().body(Gateway.chat("unknown-provider/some-model", true)).post("/v1/chat/completions")
                .then().statusCode(404).body("error.code", equalTo("model_not_found"));
    }

    @org.junit.jupiter.api.Test
    void rejectsAWrongContentTypeWith415() {
        Gateway.request().contentType("text/plain").body("hello").post("/v1/chat/completions").then().statusCode(415)
                .body("error.type", equalTo("invalid_request_error"));
    }
}
