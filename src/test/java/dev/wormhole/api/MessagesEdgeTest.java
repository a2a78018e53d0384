package dev.wormhole.api;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.wormhole.testing.UpstreamMock;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Refusals on the {@code /v1/messages} routes come in Anthropic's envelope wherever they are decided — edge
 * routes, JSON reading, routing — and never reach the upstream; other routes keep OpenAI's.
 */
@QuarkusTest
class MessagesEdgeTest {

    private static final String BODY = "{\"model\":\"sim-1\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\","
            + "\"content\":\"hi\"}]}";

    @TestHTTPResource("/")
    URL gateway;

    @BeforeEach
    void reset() {
        UpstreamMock.wireMock().resetAll();
    }

    @AfterEach
    void nothingReachedTheUpstream() {
        UpstreamMock.wireMock().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void refusesAnUnreadableTimeoutHeaderInAnthropicsEnvelope() {
        authorized().header("x-wormhole-timeout", "soon").body(BODY).post("/v1/messages").then().statusCode(400)
                .body("type", equalTo("error")).body("error.type", equalTo("invalid_request_error"));
    }

    @Test
    void refusesMalformedJsonInAnthropicsEnvelope() {
        authorized().body("{\"model\":").post("/v1/messages").then().statusCode(400)
                .body("type", equalTo("error")).body("error.type", equalTo("invalid_request_error"))
                .body("error.message", containsString("not valid JSON"));
    }

    @Test
    void answersAnUnknownModelWith404InAnthropicsEnvelope() {
        authorized().body(BODY.replace("sim-1", "nosuch/model")).post("/v1/messages").then().statusCode(404)
                .body("error.type", equalTo("not_found_error"));
    }

    @Test
    void refusesAnUnknownFieldOfCountTokens() {
        authorized().body("{\"model\":\"sim-1\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post("/v1/messages/count_tokens").then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.message", containsString("max_tokens"));
    }

    @Test
    void keepsOpenAisEnvelopeOnOtherRoutes() {
        given().contentType(ContentType.JSON).body(BODY).post("/v1/chat/completions").then().statusCode(401)
                .body("error.type", equalTo("authentication_error")).body("error.code", equalTo("invalid_api_key"));
    }

    @Test
    void answersAnOversizeDeclaredBodyWith413InAnthropicsEnvelope() throws IOException {
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "x-api-key: " + UpstreamMock.GATEWAY_KEY + "\r\nContent-Length: 999999999\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String reply = read(socket.getInputStream());
            assertThat(reply).startsWith("HTTP/1.1 413").contains("request-id: ")
                    .contains("{\"type\":\"error\",\"error\":{\"type\":\"request_too_large\",\"message\":");
        }
    }

    private static RequestSpecification authorized() {
        return given().contentType(ContentType.JSON).header("x-api-key", UpstreamMock.GATEWAY_KEY)
                .header("anthropic-version", "2023-06-01");
    }

    private static String read(InputStream in) throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            reply.write(buffer, 0, n);
            String text = reply.toString(StandardCharsets.UTF_8);
            if (text.contains("\r\n\r\n") && text.trim().endsWith("}")) {
                break;
            }
        }
        return reply.toString(StandardCharsets.UTF_8);
    }
}
