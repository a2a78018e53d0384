package dev.wormhole.media;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import dev.wormhole.testing.Gateway;
import dev.wormhole.testing.UpstreamMock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * {@code POST /v1/images/generations} over HTTP: the simulator's PNGs, both response formats and the signed URLs
 * the gateway serves, an OpenAI upstream and a Gemini one (the exact upstream request checked), validation that
 * never reaches an upstream, upstream failures as errors, and the capability gate. Also run against the packaged
 * application ({@link ImagesIT}).
 */
@QuarkusTest
@QuarkusTestResource(UpstreamMock.class)
class ImagesTest {

    private static final String GENERATIONS = "/v1/images/generations";
    private static final String OPENAI_GENERATIONS = "/v1/images/generations";
    private static final String GEMINI_GENERATE = "/v1beta/models/gemini-2.5-flash-image:generateContent";
    /** A 1×1 PNG, as an upstream would send it. */
    private static final String PIXEL = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    private WireMockServer upstream;

    @BeforeEach
    void reset() {
        upstream = UpstreamMock.wireMock();
        upstream.resetAll();
    }

    @Test
    void simulatorAnswersValidDeterministicPngs() throws IOException {
        JsonPath answer = generate("{\"model\":\"sim-image-1\",\"prompt\":\"a red fox\",\"n\":3,"
                + "\"response_format\":\"b64_json\"}").statusCode(200).extract().jsonPath();

        List<String> images = answer.getList("data.b64_json");
        assertThat(images).hasSize(3);
        assertThat(answer.getLong("created")).isPositive();
        BufferedImage first = decode(Base64.getDecoder().decode(images.get(0)));
        assertThat(first.getWidth()).isEqualTo(16);
        assertThat(first.getHeight()).isEqualTo(16);
        assertThat(images.get(1)).isNotEqualTo(images.get(0));
        String again = generate("{\"model\":\"sim-image-1\",\"prompt\":\"a red fox\"}").statusCode(200)
                .extract().jsonPath().getString("data[0].b64_json");
        assertThat(again).isEqualTo(images.get(0));
        String other = generate("{\"model\":\"sim-image-1\",\"prompt\":\"a blue fox\"}").statusCode(200)
                .extract().jsonPath().getString("data[0].b64_json");
        assertThat(decode(Base64.getDecoder().decode(other)).getRGB(0, 0)).isNotEqualTo(first.getRGB(0, 0));
    }

    @Test
    void servesBytesUnderASignedUrlWithoutAKey() throws IOException {
        String url = generate("{\"model\":\"sim-image-1\",\"prompt\":\"a lighthouse\",\"response_format\":\"url\"}")
                .statusCode(200).extract().jsonPath().getString("data[0].url");
        assertThat(url).contains("/v1/images/files/img_").contains("exp=").contains("sig=");

        byte[] png = given().get(URI.create(url)).then().statusCode(200).contentType("image/png")
                .extract().asByteArray();
        assertThat(decode(png).getWidth()).isEqualTo(16);
    }

    @Test
    void linksImagesUnderTheHostTheClientUsed() {
        String url = Gateway.request().header("Host", "gateway.example:8443")
                .body("{\"model\":\"sim-image-1\",\"prompt\":\"a lighthouse\",\"response_format\":\"url\"}")
                .post(GENERATIONS).then().statusCode(200).extract().jsonPath().getString("data[0].url");

        assertThat(url).startsWith("http://gateway.example:8443/v1/images/files/img_");
    }

    @Test
    void refusesATamperedOrForeignImageUrl() {
        String url = generate("{\"model\":\"sim-image-1\",\"prompt\":\"a lighthouse\",\"response_format\":\"url\"}")
                .statusCode(200).extract().jsonPath().getString("data[0].url");
        String sig = url.substring(url.indexOf("sig=") + 4);
        String tamperedSig = url.replace("sig=" + sig, "sig=" + (sig.charAt(0) == 'A' ? 'B' : 'A') + sig.substring(1));
        long exp = Long.parseLong(url.replaceAll(".*exp=(\\d+).*", "$1"));
        String extended = url.replace("exp=" + exp, "exp=" + (exp + 3600));
        String otherId = url.replaceAll("img_[0-9a-f]{32}", "img_" + "0".repeat(32));

        for (String bad : List.of(tamperedSig, extended, otherId)) {
            given().get(URI.create(bad)).then().statusCode(403).contentType("application/json")
                    .body("error.code", equalTo("invalid_signature"))
                    .body("error.type", equalTo("permission_error"));
        }
        given().get(URI.create(url.replace("exp=" + exp, "exp=1000"))).then().statusCode(403);
    }

    @Test
    void relaysAnOpenAiUpstreamAndChecksItsRequest() {
        upstream.stubFor(post(urlEqualTo(OPENAI_GENERATIONS)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"created\":1700000000,\"data\":[{\"b64_json\":\"" + PIXEL + "\",\"revised_prompt\":"
                        + "\"a calm red fox\"}],\"usage\":{\"input_tokens\":12,\"output_tokens\":272,"
                        + "\"total_tokens\":284}}")));

        JsonPath answer = generate("{\"model\":\"openai/gpt-image-1\",\"prompt\":\"a red fox\",\"n\":1,"
                + "\"size\":\"1024x1536\",\"quality\":\"high\",\"background\":\"transparent\","
                + "\"output_format\":\"png\"}").statusCode(200).extract().jsonPath();

        assertThat(answer.getString("data[0].b64_json")).isEqualTo(PIXEL);
        assertThat(answer.getString("data[0].revised_prompt")).isEqualTo("a calm red fox");
        assertThat(answer.getLong("created")).isEqualTo(1700000000L);
        assertThat(answer.getInt("usage.total_tokens")).isEqualTo(284);
        upstream.verify(1, postRequestedFor(urlEqualTo(OPENAI_GENERATIONS))
                .withHeader("Authorization", WireMock.equalTo(
                        "Bearer " + UpstreamMock.UPSTREAM_KEY))
                .withRequestBody(equalToJson("{\"model\":\"gpt-image-1\",\"prompt\":\"a red fox\",\"n\":1,"
                        + "\"size\":\"1024x1536\",\"quality\":\"high\",\"background\":\"transparent\","
                        + "\"output_format\":\"png\"}")));
    }

    @Test
    void passesAnUpstreamUrlThrough() {
        upstream.stubFor(post(urlEqualTo(OPENAI_GENERATIONS)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"created\":1700000000,\"data\":[{\"url\":\"https://images.example/fox.png\"}]}")));

        generate("{\"model\":\"openai/dall-e-3\",\"prompt\":\"a red fox\",\"response_format\":\"url\","
                + "\"style\":\"vivid\"}").statusCode(200).body("data[0].url", equalTo("https://images.example/fox.png"));
        upstream.verify(postRequestedFor(urlEqualTo(OPENAI_GENERATIONS))
                .withRequestBody(matchingJsonPath("$.response_format", WireMock.equalTo("url")))
                .withRequestBody(matchingJsonPath("$.style", WireMock.equalTo("vivid"))));
    }

    @Test
    void asksGeminiForImagesAndKeepsTheBytes() throws IOException {
        upstream.stubFor(post(urlEqualTo(GEMINI_GENERATE)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Here it is\"},"
                        + "{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"" + PIXEL + "\"}}]},"
                        + "\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":5,"
                        + "\"candidatesTokenCount\":1290}}")));

        String url = generate("{\"model\":\"gem/gemini-2.5-flash-image\",\"prompt\":\"a red fox\","
                + "\"size\":\"1792x1024\",\"response_format\":\"url\"}").statusCode(200)
                .body("usage.input_tokens", equalTo(5)).body("usage.output_tokens", equalTo(1290))
                .extract().jsonPath().getString("data[0].url");

        byte[] png = given().get(URI.create(url)).then().statusCode(200).contentType("image/png").extract()
                .asByteArray();
        assertThat(png).isEqualTo(Base64.getDecoder().decode(PIXEL));
        upstream.verify(postRequestedFor(urlEqualTo(GEMINI_GENERATE))
                .withHeader("x-goog-api-key", WireMock.equalTo(
                        UpstreamMock.GEMINI_KEY))
                .withRequestBody(equalToJson("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"a red fox\"}]}],"
                        + "\"generationConfig\":{\"responseModalities\":[\"TEXT\",\"IMAGE\"],"
                        + "\"imageConfig\":{\"aspectRatio\":\"16:9\"}}}")));
    }

    @Test
    void makesOneGeminiCallPerImage() {
        upstream.stubFor(post(urlEqualTo(GEMINI_GENERATE)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"inlineData\":"
                        + "{\"mimeType\":\"image/png\",\"data\":\"" + PIXEL + "\"}}]},\"finishReason\":\"STOP\"}]}")));

        generate("{\"model\":\"gem/gemini-2.5-flash-image\",\"prompt\":\"a red fox\",\"n\":3}").statusCode(200)
                .body("data.size()", equalTo(3)).body("data[2].b64_json", equalTo(PIXEL));
        upstream.verify(3, postRequestedFor(urlEqualTo(GEMINI_GENERATE)));
    }

    @Test
    void mapsAGeminiRateLimitToA429() {
        upstream.stubFor(post(urlEqualTo(GEMINI_GENERATE)).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":429,\"message\":\"Quota exceeded\",\"status\":\"RESOURCE_EXHAUSTED\"}}")));

        generate("{\"model\":\"gem/gemini-2.5-flash-image\",\"prompt\":\"a red fox\"}").statusCode(429)
                .body("error.type", equalTo("rate_limit_error"));
    }

    @Test
    void failsWhenGeminiAnswersWithoutAnImage() {
        upstream.stubFor(post(urlEqualTo(GEMINI_GENERATE)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"No.\"}]},"
                        + "\"finishReason\":\"IMAGE_SAFETY\"}]}")));

        generate("{\"model\":\"gem/gemini-2.5-flash-image\",\"prompt\":\"a red fox\"}").statusCode(400)
                .body("error.code", equalTo("content_filter"));
    }

    static Stream<Arguments> upstreamFailures() {
        return Stream.of(Arguments.of(429, 429, "rate_limit_error"), Arguments.of(500, 502, "api_error"),
                Arguments.of(503, 503, "api_error"));
    }

    @ParameterizedTest(name = "upstream {0} → {1}")
    @MethodSource("upstreamFailures")
    void mapsUpstreamFailuresToErrors(int upstreamStatus, int status, String type) {
        upstream.stubFor(post(urlEqualTo(OPENAI_GENERATIONS)).willReturn(aResponse().withStatus(upstreamStatus)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"upstream says no\",\"type\":\"server_error\"}}")));

        generate("{\"model\":\"openai/gpt-image-1\",\"prompt\":\"a red fox\"}").statusCode(status)
                .body("error.type", equalTo(type)).body("data", org.hamcrest.Matchers.nullValue());
    }

    static Stream<Arguments> badRequests() {
        String model = "\"model\":\"openai/gpt-image-1\"";
        return Stream.of(
                Arguments.of("missing prompt", "{" + model + "}", "prompt"),
                Arguments.of("empty prompt", "{" + model + ",\"prompt\":\"\"}", "prompt"),
                Arguments.of("n of 0", "{" + model + ",\"prompt\":\"p\",\"n\":0}", "n"),
                Arguments.of("n of 11", "{" + model + ",\"prompt\":\"p\",\"n\":11}", "n"),
                Arguments.of("n as a string", "{" + model + ",\"prompt\":\"p\",\"n\":\"2\"}", "n"),
                Arguments.of("unknown size", "{" + model + ",\"prompt\":\"p\",\"size\":\"1000x1000\"}", "size"),
                Arguments.of("unknown response_format", "{" + model + ",\"prompt\":\"p\",\"response_format\":\"png\"}",
                        "response_format"),
                Arguments.of("unknown quality", "{" + model + ",\"prompt\":\"p\",\"quality\":\"ultra\"}", "quality"),
                Arguments.of("unknown style", "{" + model + ",\"prompt\":\"p\",\"style\":\"noir\"}", "style"),
                Arguments.of("unknown output_format", "{" + model + ",\"prompt\":\"p\",\"output_format\":\"gif\"}",
                        "output_format"),
                Arguments.of("missing model", "{\"prompt\":\"p\"}", "model"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void refusesBadInputBeforeAnyUpstreamCall(String label, String body, String param) {
        generate(body).statusCode(400).contentType("application/json")
                .body("error.type", equalTo("invalid_request_error")).body("error.param", equalTo(param));
        upstream.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void refusesAChatModel() {
        generate("{\"model\":\"sim-1\",\"prompt\":\"a red fox\"}").statusCode(400)
                .body("error.param", equalTo("model")).body("error.message",
                        org.hamcrest.Matchers.containsString("does not support images"));
    }

    @Test
    void listsTheImageAndSpeechModels() {
        List<String> ids = Gateway.request().get("/v1/models").then().statusCode(200).extract().jsonPath()
                .getList("data.id");
        assertThat(ids).anyMatch(id -> id.endsWith("sim-image-1")).anyMatch(id -> id.endsWith("sim-tts-1"));
    }

    private static io.restassured.response.ValidatableResponse generate(String body) {
        return Gateway.request().body(body).post(GENERATIONS).then();
    }

    private static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("a PNG ImageIO can read").isNotNull();
        return image;
    }
}
