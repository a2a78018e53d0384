package dev.wormhole.api;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyString;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.wormhole.testing.Gateway;
import dev.wormhole.testing.UpstreamMock;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * What a hostile client sends is answered at once, in OpenAI's envelope, and reaches no upstream: malformed
 * model ids on every route that takes one, oversize request lines and headers, and a body over the limit sent
 * in chunks. Black box: also run against the packaged application ({@link HostileInputIT}).
 */
@QuarkusTest
class HostileInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "[{\"role\":\"user\",\"content\":\"hi\"}]";

    @TestHTTPResource
    URL gateway;

    @BeforeEach
    void reset() {
        UpstreamMock.wireMock().resetAll();
    }

    @AfterEach
    void nothingReachedTheUpstream() {
        UpstreamMock.wireMock().verify(0, anyRequestedFor(anyUrl()));
    }

    /** Model ids of every class the gateway refuses, all aimed at the WireMock provider. */
    static List<String> badModelIds() {
        List<String> ids = new ArrayList<>();
        for (char c : new char[] { 0, 1, 7, 8, '\t', '\n', '\r', 0x1b, 0x7f, ' ', 0x85, 0xa0, 0x2028, 0x200b }) {
            ids.add("openai/gpt-4o" + c + "mini");
        }
        ids.add("openai/gpt-4o\r\nX-Injected: 1");
        ids.add("openai/" + "x".repeat(100_000));
        ids.add("openai/" + "x".repeat(250));
        ids.add("openai/../admin");
        ids.add("openai/./gpt-4o");
        ids.add("openai/..");
        ids.add("openai//gpt-4o");
        ids.add("openai/gpt-4o/");
        ids.add("https://evil.example/v1");
        ids.add("openai/gpt?key=1");
        ids.add("openai/gpt#frag");
        ids.add("openai/gpt%0d%0a");
        ids.add("openai/gpt\\..\\x");
        ids.add("openai/gpt\"quote");
        ids.add("openai/gpté");
        ids.add("openai/gpt<script>");
        return ids;
    }

    static Stream<Arguments> badModelsOnEveryRoute() {
        List<Arguments> cases = new ArrayList<>();
        for (String id : badModelIds()) {
            cases.add(Arguments.of("/v1/chat/completions", chat(id, false), "model"));
            cases.add(Arguments.of("/v1/chat/completions", chat(id, true), "model"));
            cases.add(Arguments.of("/v1/embeddings", body("model", id, "input", "x"), "model"));
            cases.add(Arguments.of("/v1/chat/completions", fallbacks(id), "wormhole.fallbacks"));
        }
        return cases.stream();
    }

    private static String chat(String model, boolean stream) {
        ObjectNode body = JSON.createObjectNode().put("model", model).put("stream", stream);
        body.putArray("messages").addObject().put("role", "user").put("content", "hi");
        return body.toString();
    }

    private static String fallbacks(String model) {
        ObjectNode body = JSON.createObjectNode().put("model", "openai/gpt-4o-mini");
        body.putArray("messages").addObject().put("role", "user").put("content", "hi");
        body.putObject("wormhole").putArray("fallbacks").add(model);
        return body.toString();
    }

    private static String body(String... pairs) {
        ObjectNode body = JSON.createObjectNode();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put(pairs[i], pairs[i + 1]);
        }
        return body.toString();
    }

    /**
     * Catches a refusal that waits on something (an upstream, a timeout); not a speed target, as the machines running
     * the tests are shared. That no upstream was tried shows in the absent route header.
     */
    private static final long HANG = 10_000L;

    @ParameterizedTest
    @MethodSource("badModelsOnEveryRoute")
    void refusesAMalformedModelIdAtOnceNamingIt(String path, String body, String param) {
        ValidatableResponse response = Gateway.request().body(body).post(path).then().time(lessThan(HANG))
                .statusCode(400).body("error.type", equalTo("invalid_request_error")).body("error.param", equalTo(param))
                .body("error.message", not(emptyString()));
        assertThat(response.extract().header("x-wormhole-route")).isNull();
    }

    @Test
    void refusesMalformedModelIdsInBatchItemsAndTheModelsRoute() throws IOException {
        for (String id : badModelIds()) {
            ObjectNode batch = JSON.createObjectNode();
            var requests = batch.putArray("requests");
            requests.addObject().put("custom_id", "bad").put("method", "POST").put("url", "/v1/chat/completions")
                    .set("body", JSON.readTree(chat(id, false)));
            requests.addObject().put("custom_id", "good").put("method", "POST").put("url", "/v1/chat/completions")
                    .set("body", JSON.readTree(chat("sim-1", false)));
            Gateway.request().body(batch.toString()).post("/v1/batch").then().time(lessThan(HANG))
                    .statusCode(200).body("results[0].error.param", equalTo("model"))
                    .body("results[0].status", equalTo(400));
        }
        for (String id : new String[] { "openai/gpt-4o%20mini", "openai/..%2Fadmin", "openai/%07bell",
                "openai/" + "y".repeat(300) }) {
            Gateway.request().urlEncodingEnabled(false).get("/v1/models/" + id).then().time(lessThan(HANG))
                    .statusCode(400).body("error.param", equalTo("model"));
        }
    }

    @Test
    void boundsTheRouteHeaderWhateverTheIds() {
        String longest = "simulator/" + "m".repeat(246);
        String header = Gateway.request().body(chat(longest, false).replace("\"stream\":false",
                "\"stream\":false,\"wormhole\":{\"fallbacks\":[\"simulator/" + "n".repeat(246) + "\",\"simulator/"
                        + "o".repeat(246) + "\"]}")).post("/v1/chat/completions").then().statusCode(404)
                .extract().header("x-wormhole-route");
        assertThat(header).hasSizeLessThanOrEqualTo(512).startsWith("simulator/mmm").endsWith("...");
    }

    @Test
    void answersATooLongUriWith414InTheEnvelope() throws IOException {
        String reply = raw("GET /v1/models?x=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n"
                + "Authorization: Bearer " + UpstreamMock.GATEWAY_KEY + "\r\n\r\n");
        assertThat(reply).startsWith("HTTP/1.1 414").contains("\"code\":\"uri_too_long\"")
                .contains("\"type\":\"invalid_request_error\"");
    }

    @Test
    void answersTooLargeHeadersWith431InTheEnvelope() throws IOException {
        String reply = raw("GET /v1/models HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + UpstreamMock.GATEWAY_KEY
                + "\r\nX-Filler: " + "b".repeat(100_000) + "\r\n\r\n");
        assertThat(reply).startsWith("HTTP/1.1 431").contains("\"code\":\"headers_too_large\"");
    }

    @Test
    void answersAChunkedBodyOverTheLimitWith413InTheEnvelope() throws IOException {
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + UpstreamMock.GATEWAY_KEY + "\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[1024 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            try {
                for (int i = 0; i < 22; i++) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException closedEarly) {
                // The gateway may answer and close before the whole body is sent; the reply is still readable.
            }
            String reply = read(socket.getInputStream());
            assertThat(reply).startsWith("HTTP/1.1 413").contains("\"code\":\"request_too_large\"");
        }
    }

    @Test
    void closesAnUnparsableRequestLineAtOnce() throws IOException {
        // Refused by the HTTP decoder before any route (no hook exists there): a bare 400, never a hang.
        long start = System.nanoTime();
        String reply = raw("GET /v1/models HTTP/9.9.9\r\nHost: x\r\n\r\n");
        assertThat(reply).containsPattern("^HTTP/1\\.[01] 400 ");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1_000L);
    }

    @Test
    void servesAChunkedBodyUnderTheLimit() throws IOException {
        byte[] body = chat("sim-1", false).getBytes(StandardCharsets.UTF_8);
        String reply = raw("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Authorization: Bearer " + UpstreamMock.GATEWAY_KEY + "\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: close\r\n\r\n" + Integer.toHexString(body.length) + "\r\n"
                + new String(body, StandardCharsets.UTF_8) + "\r\n0\r\n\r\n");
        assertThat(reply).startsWith("HTTP/1.1 200").contains("\"object\":\"chat.completion\"");
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return read(socket.getInputStream());
        }
    }

    /** The reply up to the end of its JSON body (or the connection's end). */
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
