package dev.wormhole.provider.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.config.Dialect;
import dev.wormhole.core.ChatDelta;
import dev.wormhole.core.ChatMessage;
import dev.wormhole.core.ChatRequest;
import dev.wormhole.core.ChatResult;
import dev.wormhole.core.EmbeddingRequest;
import dev.wormhole.core.EmbeddingResult;
import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.FinishReason;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.ResponseFormat;
import dev.wormhole.core.Role;
import dev.wormhole.core.ToolChoice;
import dev.wormhole.core.ToolDefinition;
import dev.wormhole.provider.ProviderSettings;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.vertx.core.Vertx;

class SimulatorProviderTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Vertx vertx = Vertx.vertx();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void close() {
        vertx.close();
    }

    private SimulatorProvider simulator(Duration firstToken, int tokensPerSecond) {
        ProviderSettings settings = new ProviderSettings("sim", Dialect.SIMULATOR, (URI) null, List.of(), Map.of(), null, false,
                ProviderSettings.Quirks.NONE,
                new ProviderSettings.Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1),
                        Duration.ofSeconds(1), Duration.ofSeconds(1)), 1,
                1024, 1024, new ProviderSettings.Simulation(firstToken, tokensPerSecond, List.of("sim-1"),
                        List.of("sim-embed-1"), 8));
        return new SimulatorProvider(settings, vertx, json);
    }

    private static ChatRequest ask(String text) {
        return ChatRequest.of("sim-1", List.of(ChatMessage.text(Role.USER, text)));
    }

    @Test
    void answersDeterministically() {
        SimulatorProvider sim = simulator(Duration.ZERO, 0);
        ChatResult first = sim.chat(ask("Hello")).await().atMost(WAIT);
        ChatResult second = sim.chat(ask("Hello")).await().atMost(WAIT);
        ChatResult other = sim.chat(ask("Goodbye")).await().atMost(WAIT);

        assertThat(first.choices().get(0).message().text()).isEqualTo(second.choices().get(0).message().text())
                .startsWith("Simulated answer from sim-1 to \"Hello\":")
                .isNotEqualTo(other.choices().get(0).message().text());
        assertThat(first.id()).isEqualTo(second.id());
        assertThat(first.usage()).isEqualTo(second.usage());
        assertThat(first.usage().completionTokens()).isEqualTo(32);
    }

    @Test
    void streamsTheSameTextItAnswersWhole() {
        SimulatorProvider sim = simulator(Duration.ZERO, 0);
        String whole = sim.chat(ask("Hello")).await().atMost(WAIT).choices().get(0).message().text();

        List<ChatDelta> deltas = sim.streamChat(ask("Hello")).subscribe().withSubscriber(AssertSubscriber.create(100))
                .awaitCompletion(WAIT).getItems();

        StringBuilder streamed = new StringBuilder();
        deltas.forEach(d -> d.choices().forEach(c -> {
            if (c.content() != null) {
                streamed.append(c.content());
            }
        }));
        assertThat(streamed.toString()).isEqualTo(whole);
        assertThat(deltas.get(0).choices().get(0).role()).isEqualTo(Role.ASSISTANT);
        assertThat(deltas.get(deltas.size() - 2).choices().get(0).finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(deltas.get(deltas.size() - 1).choices()).isEmpty();
        assertThat(deltas.get(deltas.size() - 1).usage().completionTokens()).isEqualTo(32);
    }

    @Test
    void pacesTokensAtTheConfiguredRate() {
        SimulatorProvider sim = simulator(Duration.ofMillis(100), 100);
        long start = System.nanoTime();
        AssertSubscriber<ChatDelta> stream = sim.streamChat(ask("Hello")).subscribe()
                .withSubscriber(AssertSubscriber.create(100));

        stream.awaitItems(1, WAIT);
        long firstMillis = (System.nanoTime() - start) / 1_000_000;
        stream.awaitCompletion(WAIT);
        long totalMillis = (System.nanoTime() - start) / 1_000_000;

        // 100 ms to the first token, then 31 gaps of 10 ms: lower bounds only, the machine may be slow.
        assertThat(firstMillis).isGreaterThanOrEqualTo(100);
        assertThat(totalMillis).isGreaterThanOrEqualTo(100 + 31 * 10);
    }

    @Test
    void truncatesAtMaxTokensWithFinishReasonLength() {
        ChatRequest request = new ChatRequest("sim-1", List.of(ChatMessage.text(Role.USER, "Hi")), null, null, 3, null,
                null, null, null, null, null, null, null, null, null, null, null);
        ChatResult result = simulator(Duration.ZERO, 0).chat(request).await().atMost(WAIT);

        assertThat(result.choices().get(0).finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(result.choices().get(0).message().text()).isEqualTo("Simulated answer from");
        assertThat(result.usage().completionTokens()).isEqualTo(3);
    }

    @Test
    void callsTheOfferedToolThenAnswersItsResult() {
        ToolDefinition weather = new ToolDefinition("get_weather", "Weather", Map.of("type", "object",
                "properties", Map.of("city", Map.of("type", "string"), "unit", Map.of("enum", List.of("c", "f"))),
                "required", List.of("city", "unit")), null);
        ChatRequest first = new ChatRequest("sim-1", List.of(ChatMessage.text(Role.USER, "Oslo")), null, null, null,
                null, null, null, null, null, List.of(weather), ToolChoice.AUTO, null, null, null, null, null);

        ChatResult call = simulator(Duration.ZERO, 0).chat(first).await().atMost(WAIT);

        assertThat(call.choices().get(0).finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(call.choices().get(0).message().toolCalls()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("get_weather");
            assertThat(c.arguments()).isEqualTo("{\"city\":\"Oslo\",\"unit\":\"c\"}");
        });

        ChatRequest second = new ChatRequest("sim-1", List.of(ChatMessage.text(Role.USER, "Oslo"),
                call.choices().get(0).message(),
                new ChatMessage(Role.TOOL, ChatMessage.text(Role.TOOL, "-3 C").content(), null, List.of(),
                        call.choices().get(0).message().toolCalls().get(0).id())),
                null, null, null, null, null, null, null, null, List.of(weather), ToolChoice.AUTO, null, null, null,
                null, null);
        ChatResult answer = simulator(Duration.ZERO, 0).chat(second).await().atMost(WAIT);

        assertThat(answer.choices().get(0).finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(answer.choices().get(0).message().text()).startsWith("The tool returned: -3 C.");
    }

    @Test
    void followsAJsonSchemaResponseFormat() throws Exception {
        ResponseFormat format = new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, "answer", Map.of("type", "object",
                "properties", Map.of("score", Map.of("type", "number", "minimum", 3), "tags",
                        Map.of("type", "array", "items", Map.of("type", "string")))), true);
        ChatRequest request = new ChatRequest("sim-1", List.of(ChatMessage.text(Role.USER, "Rate it")), null, null,
                null, null, null, null, null, null, null, null, null, format, null, null, null);

        String text = simulator(Duration.ZERO, 0).chat(request).await().atMost(WAIT).choices().get(0).message().text();

        assertThat(json.readTree(text).get("score").asDouble()).isEqualTo(3.0);
        assertThat(json.readTree(text).get("tags").get(0).asText()).isEqualTo("Rate it");
    }

    @Test
    void embedsDeterministicUnitVectorsOfTheRequestedSize() {
        SimulatorProvider sim = simulator(Duration.ZERO, 0);
        EmbeddingResult a = sim.embed(new EmbeddingRequest("sim-embed-1", List.of("cat", "dog"), 64, null)).await()
                .atMost(WAIT);
        EmbeddingResult again = sim.embed(new EmbeddingRequest("sim-embed-1", List.of("cat"), 64, null)).await()
                .atMost(WAIT);
        EmbeddingResult defaults = sim.embed(new EmbeddingRequest("sim-embed-1", List.of("cat"), null, null)).await()
                .atMost(WAIT);

        assertThat(a.vectors()).hasSize(2);
        assertThat(a.vectors().get(0)).hasSize(64).isEqualTo(again.vectors().get(0)).isNotEqualTo(a.vectors().get(1));
        double norm = 0;
        for (float v : a.vectors().get(0)) {
            norm += v * v;
        }
        assertThat(Math.sqrt(norm)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(defaults.vectors().get(0)).hasSize(8);
    }

    @Test
    void rejectsUnknownModelsAndTheWrongKindOfModel() {
        SimulatorProvider sim = simulator(Duration.ZERO, 0);
        assertThatThrownBy(() -> sim.chat(ChatRequest.of("gpt-4o", List.of(ChatMessage.text(Role.USER, "x"))))
                .await().atMost(WAIT)).isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
        assertThatThrownBy(() -> sim.chat(ChatRequest.of("sim-embed-1", List.of(ChatMessage.text(Role.USER, "x"))))
                .await().atMost(WAIT)).isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST));
        assertThatThrownBy(() -> sim.embed(new EmbeddingRequest("sim-1", List.of("x"), null, null)).await()
                .atMost(WAIT)).isInstanceOf(GatewayException.class);
    }

    @Test
    void labelsItsModelsAsSimulated() {
        assertThat(simulator(Duration.ZERO, 0).listModels().await().atMost(WAIT))
                .allSatisfy(m -> assertThat(m.simulated()).isTrue())
                .extracting(m -> m.qualifiedId()).containsExactly("sim/sim-1", "sim/sim-embed-1");
    }

    @Test
    void stopsPacingWhenCancelled() {
        AssertSubscriber<ChatDelta> stream = simulator(Duration.ZERO, 20).streamChat(ask("Hello")).subscribe()
                .withSubscriber(AssertSubscriber.create(100));
        stream.awaitItems(2, WAIT);
        stream.cancel();
        int seen = stream.getItems().size();
        // At 20 tokens per second, a live pacer would add about six deltas in this window.
        org.awaitility.Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> stream.getItems().size() == seen);
    }
}
