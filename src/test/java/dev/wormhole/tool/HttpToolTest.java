package dev.wormhole.tool;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import dev.wormhole.testing.Gateway;
import dev.wormhole.testing.UpstreamMock;
import io.quarkus.test.junit.QuarkusTest;

/** An HTTP tool defined only in configuration ({@code wormhole.tools.weather.*}), against WireMock. */
@QuarkusTest
class HttpToolTest {

    WireMockServer server;

    @BeforeEach
    void reset() {
        server = UpstreamMock.wireMock();
        server.resetAll();
    }

    @Test
    void postsTheArgumentsToTheConfiguredUrlWithItsHeaders() {
        server.stubFor(post(urlEqualTo("/tools/weather")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"city\":\"Oslo\",\"celsius\":-3}")));

        Gateway.request().body("{\"city\":\"Oslo\"}").post("/v1/tools/weather/invoke").then().statusCode(200)
                .body("result.celsius", equalTo(-3));

        server.verify(postRequestedFor(urlEqualTo("/tools/weather")).withRequestBody(equalToJson("{\"city\":\"Oslo\"}"))
                .withHeader("Authorization", WireMock.equalTo("Bearer " + UpstreamMock.TOOL_SECRET)));
        Gateway.request().get("/v1/tools").then().body("data.find { it.name == 'weather' }.parameters.required[0]",
                equalTo("city"));
    }

    @Test
    void neverFollowsARedirectNorEchoesItsSecret() {
        server.stubFor(post(urlEqualTo("/tools/weather")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://127.0.0.1:1/elsewhere")));

        String body = Gateway.request().body("{\"city\":\"Oslo\"}").post("/v1/tools/weather/invoke").then()
                .statusCode(502).body("error.code", equalTo("tool_error")).extract().asString();

        assertThat(body).contains("HTTP 302").doesNotContain(UpstreamMock.TOOL_SECRET);
        server.verify(1, postRequestedFor(urlEqualTo("/tools/weather")));
    }

    @Test
    void retriesA5xxOfAnIdempotentHttpTool() {
        server.stubFor(post(urlEqualTo("/tools/weather")).inScenario("w").whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        server.stubFor(post(urlEqualTo("/tools/weather")).inScenario("w").whenScenarioStateIs("up")
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"ok\":true}")));

        Gateway.request().body("{\"city\":\"Oslo\"}").post("/v1/tools/weather/invoke").then().statusCode(200)
                .body("result.ok", equalTo(true));
        server.verify(2, postRequestedFor(urlEqualTo("/tools/weather")));
    }

    @Test
    void capsTheReply() {
        server.stubFor(post(urlEqualTo("/tools/weather")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"blob\":\"" + "x".repeat(1024 * 1024 + 10) + "\"}")));

        Gateway.request().body("{\"city\":\"Oslo\"}").post("/v1/tools/weather/invoke").then().statusCode(502)
                .body("error.message", org.hamcrest.Matchers.containsString("more than"));
    }

    @Test
    void rejectsArgumentsAgainstTheConfiguredSchemaWithoutCallingTheUrl() {
        Gateway.request().body("{\"town\":\"Oslo\"}").post("/v1/tools/weather/invoke").then().statusCode(400)
                .body("error.code", equalTo("invalid_arguments"));
        server.verify(0, postRequestedFor(urlEqualTo("/tools/weather")));
    }
}
