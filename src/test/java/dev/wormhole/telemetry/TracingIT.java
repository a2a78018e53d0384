package dev.wormhole.telemetry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.wormhole.testing.Gateway;
import dev.wormhole.testing.UpstreamMock;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Tracing in the packaged gateway (jar or native binary), turned on by an OTLP endpoint alone: the client's trace
 * reaches the upstream under a span of the gateway's, and the spans are exported over OTLP/HTTP to the endpoint.
 */
@QuarkusIntegrationTest
@TestProfile(TracingProfile.class)
class TracingIT {

    WireMockServer upstream;

    @BeforeEach
    void reset() {
        upstream = UpstreamMock.wireMock();
        upstream.resetAll();
        upstream.stubFor(post(urlPathMatching("/v1/otlp.*")).willReturn(aResponse().withStatus(200)));
    }

    @Test
    void theClientsTraceReachesTheUpstreamAndTheSpansReachTheCollector() {
        upstream.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"c\",\"object\":\"chat.completion\","
                        + "\"created\":1,\"model\":\"gpt-it\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
                        + "\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":"
                        + "1,\"completion_tokens\":1,\"total_tokens\":2}}")));

        Gateway.request().header("traceparent", "00-" + TracingTest.TRACE_ID + "-" + TracingTest.CLIENT_SPAN + "-01")
                .body(Gateway.chat("openai/gpt-traced-it", false)).post("/v1/chat/completions").then().statusCode(200);

        String sent = upstream.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))).get(0)
                .getHeader("traceparent");
        assertThat(sent).startsWith("00-" + TracingTest.TRACE_ID + "-").endsWith("-01")
                .doesNotContain(TracingTest.CLIENT_SPAN);
        byte[] traceId = HexFormat.of().parseHex(TracingTest.TRACE_ID);
        await().atMost(Duration.ofSeconds(15)).until(() -> exports().stream().anyMatch(body ->
                contains(body, traceId) && contains(body, "chat gpt-traced-it".getBytes(StandardCharsets.UTF_8))));
    }

    private List<byte[]> exports() {
        return upstream.findAll(postRequestedFor(urlPathMatching("/v1/otlp.*"))).stream().map(LoggedRequest::getBody)
                .toList();
    }

    private static boolean contains(byte[] body, byte[] part) {
        outer:
        for (int i = 0; i <= body.length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (body[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
