package dev.wormhole.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.openai.core.JsonValue;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;

import dev.wormhole.testing.SdkSuite;
import dev.wormhole.testing.UpstreamMock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The official OpenAI Java SDK, unchanged, pointed at the gateway. */
@QuarkusTest
@QuarkusTestResource(UpstreamMock.class)
class OpenAiSdkTest extends SdkSuite {

    @Test
    void chatsWithTheSimulator() {
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("sim-1").addUserMessage("What is a gateway?").build());

        assertThat(completion.choices()).hasSize(1);
        assertThat(completion.choices().get(0).message().content()).get().asString()
                .startsWith("Simulated answer from sim-1 to \"What is a gateway?\"");
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(completion.usage()).get().satisfies(u -> {
            assertThat(u.completionTokens()).isEqualTo(32);
            assertThat(u.totalTokens()).isEqualTo(u.promptTokens() + u.completionTokens());
        });
    }

    @Test
    void streamsTextWithUsage() {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("simulator/sim-1")
                .addUserMessage("Stream please").maxCompletionTokens(6)
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        Streamed streamed = stream(params);

        assertThat(streamed.text()).isEqualTo("Simulated answer from sim-1 to \"Stream");
        assertThat(streamed.chunks()).anySatisfy(c -> assertThat(c.choices()).anySatisfy(choice -> assertThat(
                choice.finishReason()).contains(ChatCompletionChunk.Choice.FinishReason.LENGTH)));
        ChatCompletionChunk last = streamed.last();
        assertThat(last.choices()).isEmpty();
        assertThat(last.usage()).get().satisfies(u -> assertThat(u.completionTokens()).isEqualTo(6));
    }

    @Test
    void streamsToolCalls() {
        FunctionDefinition weather = FunctionDefinition.builder().name("get_weather")
                .description("Weather for a city")
                .parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of(
                                "city", Map.of("type", "string"), "days", Map.of("type", "integer"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("city", "days")))
                        .build())
                .build();
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("sim-1")
                .addUserMessage("Paris").addFunctionTool(weather).build();
        Streamed streamed = stream(params);

        assertThat(streamed.toolNames()).containsExactly("get_weather");
        assertThat(streamed.toolIds()).singleElement().asString().startsWith("call_");
        assertThat(streamed.arguments()).isEqualTo("{\"city\":\"Paris\",\"days\":1}");
        assertThat(streamed.finishes()).containsExactly(ChatCompletionChunk.Choice.FinishReason.TOOL_CALLS);
    }

    @Test
    void embedsWithTheSdkDefaultBase64Encoding() {
        UpstreamMock.wireMock().stubFor(post(urlEqualTo("/v1/embeddings")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"object\":\"list\",\"model\":\"text-embedding-3-small\",\"data\":[{\"object\":\"embedding\","
                        + "\"index\":0,\"embedding\":[0.25,-1.5,3.0]}],\"usage\":{\"prompt_tokens\":2,\"total_tokens\":2}}")));

        CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("openai/text-embedding-3-small").input("hello world").build());

        assertThat(response.data()).singleElement()
                .satisfies(e -> assertThat(e.embedding()).containsExactly(0.25f, -1.5f, 3.0f));
        UpstreamMock.wireMock().verify(postRequestedFor(urlEqualTo("/v1/embeddings"))
                .withRequestBody(matchingJsonPath("$.encoding_format", equalTo("float")))
                .withRequestBody(matchingJsonPath("$.model", equalTo("text-embedding-3-small"))));
    }

    @Test
    void embedsWithTheSimulatorInBothEncodings() {
        CreateEmbeddingResponse base64 = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("sim-embed-1").input("hello").build());
        CreateEmbeddingResponse floats = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("sim-embed-1").input("hello").encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT).build());

        List<Float> vector = base64.data().get(0).embedding();
        assertThat(vector).hasSize(256).isEqualTo(floats.data().get(0).embedding());
        double norm = Math.sqrt(vector.stream().mapToDouble(v -> v * v).sum());
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void listsAndRetrievesModels() {
        List<Model> models = client.models().list().data();
        assertThat(models).extracting(Model::id).contains("simulator/sim-1", "simulator/sim-embed-1");
        assertThat(models).filteredOn(m -> m.id().equals("simulator/sim-1")).singleElement()
                .satisfies(m -> assertThat(m.ownedBy()).isEqualTo("wormhole-simulator"));

        assertThat(client.models().retrieve("simulator/sim-1").id()).isEqualTo("simulator/sim-1");
        assertThatThrownBy(() -> client.models().retrieve("simulator/no-such-model"))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void surfacesUpstream429AsRateLimitError() {
        UpstreamMock.wireMock().stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse()
                .withStatus(429).withHeader("Retry-After", "7").withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"Rate limit reached for gpt-4o-mini\",\"type\":\"requests\","
                        + "\"code\":\"rate_limit_exceeded\"}}")));

        assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("openai/gpt-4o-mini").addUserMessage("hi").build()))
                .isInstanceOfSatisfying(RateLimitException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.headers().values("Retry-After")).containsExactly("7");
                    assertThat(e.code()).contains("rate_limit_exceeded");
                    assertThat(e.getMessage()).contains("Rate limit reached for gpt-4o-mini");
                });
    }
}
