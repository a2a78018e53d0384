package dev.wormhole.media;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;

import javax.imageio.ImageIO;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import org.junit.jupiter.api.Test;

import com.openai.errors.BadRequestException;
import com.openai.errors.RateLimitException;
import com.openai.models.audio.speech.SpeechCreateParams;
import com.openai.models.images.ImageGenerateParams;
import com.openai.models.images.ImagesResponse;

import dev.wormhole.testing.SdkSuite;
import dev.wormhole.testing.UpstreamMock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The official OpenAI Java SDK, unchanged, on the media routes: {@code images().generate} and
 * {@code audio().speech().create}, against the simulator and a WireMock OpenAI whose stubs check the exact upstream
 * request. Also run against the packaged application ({@link MediaSdkIT}).
 */
@QuarkusTest
@QuarkusTestResource(UpstreamMock.class)
class MediaSdkTest extends SdkSuite {

    private static final String PIXEL = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    @Test
    void generatesSimulatedImagesAsBase64() throws IOException {
        ImagesResponse images = client.images().generate(ImageGenerateParams.builder().model("sim-image-1")
                .prompt("a red fox").n(2).size(ImageGenerateParams.Size._1024X1024)
                .responseFormat(ImageGenerateParams.ResponseFormat.B64_JSON).build());

        assertThat(images.data()).get().satisfies(data -> {
            assertThat(data).hasSize(2);
            byte[] png = Base64.getDecoder().decode(data.get(0).b64Json().orElseThrow());
            assertThat(ImageIO.read(new ByteArrayInputStream(png))).isNotNull();
        });
    }

    @Test
    void generatesSimulatedImagesAsFetchableUrls() throws Exception {
        ImagesResponse images = client.images().generate(ImageGenerateParams.builder().model("sim-image-1")
                .prompt("a lighthouse").responseFormat(ImageGenerateParams.ResponseFormat.URL).build());

        String url = images.data().orElseThrow().get(0).url().orElseThrow();
        HttpResponse<byte[]> fetched = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(ImageIO.read(new ByteArrayInputStream(fetched.body()))).isNotNull();
    }

    @Test
    void relaysImagesToOpenAiExactly() {
        upstream.stubFor(post(urlEqualTo("/v1/images/generations"))
                .withHeader("Authorization", equalTo("Bearer " + UpstreamMock.UPSTREAM_KEY))
                .withRequestBody(equalToJson("{\"model\":\"gpt-image-1\",\"prompt\":\"a red fox\",\"n\":1,"
                        + "\"quality\":\"low\",\"size\":\"1536x1024\"}"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"created\":1700000000,\"data\":[{\"b64_json\":\"" + PIXEL + "\"}],"
                                + "\"usage\":{\"input_tokens\":9,\"output_tokens\":272,\"total_tokens\":281,"
                                + "\"input_tokens_details\":{\"image_tokens\":0,\"text_tokens\":9}}}")));

        ImagesResponse images = client.images().generate(ImageGenerateParams.builder().model("openai/gpt-image-1")
                .prompt("a red fox").n(1).quality(ImageGenerateParams.Quality.LOW)
                .size(ImageGenerateParams.Size._1536X1024).build());

        assertThat(images.data().orElseThrow().get(0).b64Json()).contains(PIXEL);
        assertThat(images.created()).isEqualTo(1700000000L);
        upstream.verify(1, postRequestedFor(urlEqualTo("/v1/images/generations")));
    }

    @Test
    void surfacesAnUpstreamRateLimitAsTheSdkError() {
        upstream.stubFor(post(urlEqualTo("/v1/images/generations")).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit_error\"}}")));

        assertThatThrownBy(() -> client.images().generate(ImageGenerateParams.builder().model("openai/gpt-image-1")
                .prompt("a red fox").build())).isInstanceOf(RateLimitException.class);
    }

    @Test
    void speaksSimulatedWav() throws Exception {
        try (com.openai.core.http.HttpResponse response = client.audio().speech().create(SpeechCreateParams
                .builder().model("sim-tts-1").input("Hello world").voice(SpeechCreateParams.Voice.ofString("alloy"))
                .responseFormat(SpeechCreateParams.ResponseFormat.WAV).build());
                InputStream body = response.body()) {
            assertThat(response.statusCode()).isEqualTo(200);
            try (AudioInputStream audio = AudioSystem.getAudioInputStream(new ByteArrayInputStream(
                    body.readAllBytes()))) {
                assertThat(audio.getFrameLength()).isEqualTo(11 * 160);
            }
        }
    }

    @Test
    void relaysSpeechToOpenAiExactly() throws IOException {
        byte[] mp3 = { (byte) 0xff, (byte) 0xfb, (byte) 0x90, 0x64, 1, 2, 3, 4 };
        upstream.stubFor(post(urlEqualTo("/v1/audio/speech"))
                .withRequestBody(equalToJson("{\"model\":\"tts-1\",\"input\":\"Hello\",\"voice\":\"echo\","
                        + "\"response_format\":\"mp3\",\"speed\":1.25}"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "audio/mpeg").withBody(mp3)));

        try (com.openai.core.http.HttpResponse response = client.audio().speech().create(SpeechCreateParams
                .builder().model("openai/tts-1").input("Hello").voice(SpeechCreateParams.Voice.ofString("echo"))
                .responseFormat(SpeechCreateParams.ResponseFormat.MP3).speed(1.25).build());
                InputStream body = response.body()) {
            assertThat(response.headers().values("Content-Type")).contains("audio/mpeg");
            assertThat(body.readAllBytes()).isEqualTo(mp3);
        }
    }

    @Test
    void refusesAnUnknownVoiceAsTheSdkError() {
        assertThatThrownBy(() -> client.audio().speech().create(SpeechCreateParams.builder().model("sim-tts-1")
                .input("Hello").voice(SpeechCreateParams.Voice.ofString("robot")).build()))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("voice");
    }
}
