package dev.wormhole.media;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.stream.Stream;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

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
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;

/**
 * {@code POST /v1/audio/speech} over HTTP: the simulator's WAV and PCM, an OpenAI upstream relayed as it streams
 * (the exact upstream request checked), validation that never reaches an upstream, upstream failures as errors,
 * and the capability gate. Also run against the packaged application ({@link SpeechIT}).
 */
@QuarkusTest
@QuarkusTestResource(UpstreamMock.class)
class SpeechTest {

    private static final String SPEECH = "/v1/audio/speech";

    @TestHTTPResource("/v1/audio/speech")
    URL speechUrl;

    private WireMockServer upstream;

    @BeforeEach
    void reset() {
        upstream = UpstreamMock.wireMock();
        upstream.resetAll();
    }

    @Test
    void simulatorSpeaksAValidWavAsLongAsItsInput() throws Exception {
        byte[] shortWav = speak("{\"model\":\"sim-tts-1\",\"input\":\"Hello\",\"voice\":\"alloy\","
                + "\"response_format\":\"wav\"}").statusCode(200).contentType("audio/wav").extract().asByteArray();
        byte[] longWav = speak("{\"model\":\"sim-tts-1\",\"input\":\"" + "Hello there. ".repeat(40) + "\","
                + "\"voice\":\"nova\",\"response_format\":\"wav\"}").statusCode(200).extract().asByteArray();

        try (AudioInputStream audio = AudioSystem.getAudioInputStream(new ByteArrayInputStream(shortWav))) {
            AudioFormat format = audio.getFormat();
            assertThat(format.getChannels()).isEqualTo(1);
            assertThat(format.getSampleSizeInBits()).isEqualTo(16);
            assertThat(format.getSampleRate()).isEqualTo(8000f);
            assertThat(audio.getFrameLength()).isEqualTo(5 * 160);
        }
        assertThat(shortWav).hasSize(44 + 5 * 160 * 2);
        assertThat(longWav).hasSize(44 + 520 * 160 * 2);
        int dataBytes = ByteBuffer.wrap(longWav, 40, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        assertThat(dataBytes).isEqualTo(longWav.length - 44);
    }

    @Test
    void countsSpeechAsSpeechNotChatInTheMetrics() {
        speak("{\"model\":\"sim-tts-1\",\"input\":\"Hi\",\"voice\":\"alloy\",\"response_format\":\"wav\"}")
                .statusCode(200);

        String metrics = RestAssured.given().get("/q/metrics").then().statusCode(200).extract()
                .asString();
        assertThat(metrics)
                .containsPattern("wormhole_requests_total\\{[^}]*model=\"sim-tts-1\",operation=\"speech.stream\"")
                .containsPattern("gen_ai_client_operation_duration_seconds_count\\{[^}]*gen_ai_operation_name="
                        + "\"speech\",[^}]*gen_ai_request_model=\"sim-tts-1\"")
                .doesNotContainPattern("wormhole_requests_total\\{[^}]*model=\"sim-tts-1\",operation=\"chat");
    }

    @Test
    void simulatorSpeaksRawPcmFasterWhenAsked() {
        byte[] pcm = speak("{\"model\":\"sim-tts-1\",\"input\":\"Hello\",\"voice\":\"alloy\","
                + "\"response_format\":\"pcm\",\"speed\":2.0}").statusCode(200).contentType("audio/pcm")
                .extract().asByteArray();

        assertThat(pcm).hasSize(5 * 80 * 2);
    }

    @Test
    void relaysAnOpenAiUpstreamAsItStreams() throws Exception {
        byte[] audio = new byte[64 * 1024];
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (byte) (i * 31);
        }
        upstream.stubFor(post(urlEqualTo(SPEECH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "audio/mpeg").withBody(audio).withChunkedDribbleDelay(8, 4000)));

        HttpClient http = HttpClient.newHttpClient();
        long start = System.nanoTime();
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(speechUrl.toURI())
                .header("Authorization", "Bearer " + UpstreamMock.GATEWAY_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"openai/gpt-4o-mini-tts\",\"input\":"
                        + "\"Good morning\",\"voice\":\"coral\",\"speed\":1.5,\"instructions\":\"cheerful\"}"))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        byte[] all;
        try (InputStream body = response.body()) {
            assertThat(body.read()).isEqualTo(audio[0] & 0xff);
            Duration firstByte = Duration.ofNanos(System.nanoTime() - start);
            assertThat(firstByte).as("the first bytes come before the upstream has finished").isLessThan(
                    Duration.ofMillis(3000));
            all = body.readAllBytes();
        }
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("audio/mpeg");
        assertThat(all).hasSize(audio.length - 1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(3000));
        upstream.verify(1, postRequestedFor(urlEqualTo(SPEECH))
                .withHeader("Authorization", WireMock.equalTo("Bearer " + UpstreamMock.UPSTREAM_KEY))
                .withRequestBody(equalToJson("{\"model\":\"gpt-4o-mini-tts\",\"input\":\"Good morning\","
                        + "\"voice\":\"coral\",\"response_format\":\"mp3\",\"speed\":1.5,"
                        + "\"instructions\":\"cheerful\"}")));
    }

    static Stream<Arguments> upstreamFailures() {
        return Stream.of(Arguments.of(429, 429, "rate_limit_error"), Arguments.of(500, 502, "api_error"),
                Arguments.of(401, 502, "api_error"));
    }

    @ParameterizedTest(name = "upstream {0} → {1}")
    @MethodSource("upstreamFailures")
    void mapsUpstreamFailuresToJsonErrors(int upstreamStatus, int status, String type) {
        upstream.stubFor(post(urlEqualTo(SPEECH)).willReturn(aResponse().withStatus(upstreamStatus)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"upstream says no\",\"type\":\"server_error\"}}")));

        speak("{\"model\":\"openai/tts-1\",\"input\":\"Hi\",\"voice\":\"alloy\"}").statusCode(status)
                .contentType("application/json").body("error.type", equalTo(type));
    }

    static Stream<Arguments> badRequests() {
        String model = "\"model\":\"openai/tts-1\"";
        return Stream.of(
                Arguments.of("unknown voice", "{" + model + ",\"input\":\"Hi\",\"voice\":\"robot\"}", "voice"),
                Arguments.of("missing voice", "{" + model + ",\"input\":\"Hi\"}", "voice"),
                Arguments.of("empty input", "{" + model + ",\"input\":\"\",\"voice\":\"alloy\"}", "input"),
                Arguments.of("missing input", "{" + model + ",\"voice\":\"alloy\"}", "input"),
                Arguments.of("input too long", "{" + model + ",\"input\":\"" + "a".repeat(4097)
                        + "\",\"voice\":\"alloy\"}", "input"),
                Arguments.of("unknown format", "{" + model + ",\"input\":\"Hi\",\"voice\":\"alloy\","
                        + "\"response_format\":\"ogg\"}", "response_format"),
                Arguments.of("speed too slow", "{" + model + ",\"input\":\"Hi\",\"voice\":\"alloy\",\"speed\":0.2}",
                        "speed"),
                Arguments.of("speed too fast", "{" + model + ",\"input\":\"Hi\",\"voice\":\"alloy\",\"speed\":4.5}",
                        "speed"),
                Arguments.of("speed as a string", "{" + model + ",\"input\":\"Hi\",\"voice\":\"alloy\","
                        + "\"speed\":\"1\"}", "speed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void refusesBadInputBeforeAnyUpstreamCall(String label, String body, String param) {
        speak(body).statusCode(400).contentType("application/json")
                .body("error.type", equalTo("invalid_request_error")).body("error.param", equalTo(param));
        upstream.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void refusesAChatModel() {
        speak("{\"model\":\"sim-1\",\"input\":\"Hi\",\"voice\":\"alloy\"}").statusCode(400)
                .body("error.param", equalTo("model"))
                .body("error.message", org.hamcrest.Matchers.containsString("does not support speech"));
    }

    @Test
    void simulatorRefusesAFormatItCannotMake() {
        speak("{\"model\":\"sim-tts-1\",\"input\":\"Hi\",\"voice\":\"alloy\",\"response_format\":\"mp3\"}")
                .statusCode(400).body("error.param", equalTo("response_format"));
    }

    private static ValidatableResponse speak(String body) {
        return Gateway.request().body(body).post(SPEECH).then();
    }
}
