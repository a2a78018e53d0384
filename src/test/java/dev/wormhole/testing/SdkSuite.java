package dev.wormhole.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import java.net.URL;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;

import io.quarkus.test.common.http.TestHTTPResource;

/**
 * The base of a dialect's conformance suite: the official OpenAI Java SDK, unchanged and without retries,
 * pointed at the gateway, and the WireMock upstream reset before each test.
 */
public abstract class SdkSuite {

    @TestHTTPResource("/v1")
    protected URL baseUrl;

    protected OpenAIClient client;
    protected WireMockServer upstream;

    @BeforeEach
    void connect() {
        client = OpenAIOkHttpClient.builder().apiKey(UpstreamMock.GATEWAY_KEY).baseUrl(baseUrl.toString())
                .maxRetries(0).build();
        upstream = UpstreamMock.wireMock();
        upstream.resetAll();
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    /** A JSON reply. */
    protected static ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }
}
