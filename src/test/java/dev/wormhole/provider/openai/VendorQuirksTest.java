package dev.wormhole.provider.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import dev.wormhole.testing.Gateway;
import dev.wormhole.testing.UpstreamMock;
import io.quarkus.test.junit.QuarkusTest;

/** Vendor profiles' quirks on the OpenAI dialect: the output-limit name, and parameters refused before I/O. */
@QuarkusTest
class VendorQuirksTest {

    WireMockServer upstream;

    @BeforeEach
    void reset() {
        upstream = UpstreamMock.wireMock();
        upstream.resetAll();
        upstream.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"x\",\"object\":\"chat.completion\","
                        + "\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                        + "\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}")));
    }

    @Test
    void namesTheOutputLimitTheWayTheVendorReadsIt() {
        Gateway.request().body("{\"model\":\"mistralish/mistral-small-latest\",\"max_completion_tokens\":42,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").post("/v1/chat/completions").then().statusCode(200);
        Gateway.request().body("{\"model\":\"openai/gpt-4o-mini\",\"max_tokens\":42,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").post("/v1/chat/completions").then().statusCode(200);

        upstream.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.model", WireMock.equalTo("mistral-small-latest")))
                .withRequestBody(matchingJsonPath("$.max_tokens", WireMock.equalTo("42")))
                .withRequestBody(WireMock.notContaining("max_completion_tokens")));
        upstream.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.model", WireMock.equalTo("gpt-4o-mini")))
                .withRequestBody(matchingJsonPath("$.max_completion_tokens", WireMock.equalTo("42"))));
    }

    @Test
    void refusesAParameterTheVendorRejectsBeforeAnyIo() {
        Gateway.request().body("{\"model\":\"mistralish/mistral-small-latest\",\"logit_bias\":{\"50256\":-100},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").post("/v1/chat/completions").then()
                .statusCode(400).body("error.param", equalTo("logit_bias"))
                .body("error.message", containsString("mistralish"));
        Gateway.request().body("{\"model\":\"perplexish/sonar\",\"stream\":true,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"t\"}}]}")
                .post("/v1/chat/completions").then().statusCode(400).body("error.param", equalTo("tools"));
        Gateway.request().body("{\"model\":\"perplexish/sonar\",\"n\":2,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}]}").post("/v1/chat/completions").then().statusCode(400)
                .body("error.param", equalTo("n"));

        upstream.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void letsSupportedParametersThrough() {
        Gateway.request().body("{\"model\":\"perplexish/sonar\",\"n\":1,\"temperature\":0.2,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}]}").post("/v1/chat/completions").then().statusCode(200);
    }
}
