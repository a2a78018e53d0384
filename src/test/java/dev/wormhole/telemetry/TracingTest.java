package dev.wormhole.telemetry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import dev.wormhole.testing.Gateway;
import dev.wormhole.testing.UpstreamMock;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The span tree of each kind of request, read from an in-memory exporter with tracing on as a user turns it on
 * (an OTLP endpoint configured): a server span per request continuing the client's {@code traceparent}, a
 * GenAI client span per upstream attempt whose context reaches the upstream, and spans for agent loops, their
 * steps and tools, and batch items.
 */
@QuarkusTest
@TestProfile(TracingProfile.class)
class TracingTest {

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String CLIENT_SPAN = "00f067aa0ba902b7";

    @Inject
    InMemorySpanExporter spans;

    WireMockServer upstream;

    @BeforeEach
    void reset() {
        upstream = UpstreamMock.wireMock();
        upstream.resetAll();
        spans.reset();
    }

    @Test
    void aChatIsAClientSpanUnderTheServerSpanAndTheUpstreamContinuesIt() {
        upstream.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(json("{\"id\":\"chatcmpl-span\","
                + "\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-span-2024\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":7,\"total_tokens\":18}}")));

        Gateway.request().header("traceparent", "00-" + TRACE_ID + "-" + CLIENT_SPAN + "-01")
                .body("{\"model\":\"openai/gpt-span\",\"max_tokens\":50,\"temperature\":0.25,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"secret prompt\"}]}")
                .post("/v1/chat/completions").then().statusCode(200);

        SpanData server = awaitSpan(s -> s.getKind() == SpanKind.SERVER && s.getTraceId().equals(TRACE_ID));
        assertThat(server.getParentSpanId()).isEqualTo(CLIENT_SPAN);
        SpanData chat = awaitSpan(s -> s.getName().equals("chat gpt-span"));
        assertThat(chat.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(chat.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(chat.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(text(chat, "gen_ai.operation.name")).isEqualTo("chat");
        assertThat(text(chat, "gen_ai.provider.name")).isEqualTo("openai");
        assertThat(text(chat, "gen_ai.request.model")).isEqualTo("gpt-span");
        assertThat(text(chat, "gen_ai.response.model")).isEqualTo("gpt-span-2024");
        assertThat(text(chat, "gen_ai.response.id")).isEqualTo("chatcmpl-span");
        assertThat(number(chat, "gen_ai.request.max_tokens")).isEqualTo(50);
        assertThat(chat.getAttributes().get(AttributeKey.doubleKey("gen_ai.request.temperature"))).isEqualTo(0.25);
        assertThat(number(chat, "gen_ai.usage.input_tokens")).isEqualTo(11);
        assertThat(number(chat, "gen_ai.usage.output_tokens")).isEqualTo(7);
        assertThat(chat.getAttributes().get(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons")))
                .containsExactly("stop");
        assertThat(number(chat, "wormhole.attempt")).isEqualTo(1);
        assertThat(text(chat, "server.address")).isEqualTo("127.0.0.1");
        assertThat(chat.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
        assertThat(chat.getAttributes().asMap().values()).noneMatch(v -> v.toString().contains("secret prompt"));

        String sent = upstream.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))).get(0)
                .getHeader("traceparent");
        assertThat(sent).isEqualTo("00-" + TRACE_ID + "-" + chat.getSpanId() + "-01");
    }

    @Test
    void aStreamsSpanLastsUntilItsEndAndMarksItsFirstChunk() {
        Gateway.request().body(Gateway.chat("simulator/sim-1", true)).post("/v1/chat/completions").then()
                .statusCode(200);

        SpanData chat = awaitSpan(s -> s.getName().equals("chat sim-1"));
        SpanData server = awaitSpan(s -> s.getKind() == SpanKind.SERVER && s.getTraceId().equals(chat.getTraceId()));
        assertThat(chat.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(text(chat, "gen_ai.provider.name")).isEqualTo("wormhole.simulator");
        assertThat(chat.getEvents()).anyMatch(e -> e.getName().equals("gen_ai.first_chunk"));
        assertThat(chat.getAttributes().get(AttributeKey.doubleKey("wormhole.time_to_first_chunk"))).isPositive();
        assertThat(chat.getAttributes().get(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons")))
                .containsExactly("stop");
        assertThat(number(chat, "gen_ai.usage.output_tokens")).isPositive();
        long firstChunkNanos = chat.getEvents().get(0).getEpochNanos();
        assertThat(chat.getEndEpochNanos()).isGreaterThan(firstChunkNanos);
    }

    @Test
    void aRetriedThenFailedOverCallIsOneSpanPerAttemptInOrder() {
        upstream.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(matchingJsonPath("$.model",
                WireMock.equalTo("span-down"))).willReturn(aResponse().withStatus(503)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}")));

        Gateway.request().body("{\"model\":\"wobbly/span-down\",\"wormhole\":{\"fallbacks\":[\"simulator/sim-1\"]},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").post("/v1/chat/completions").then()
                .statusCode(200);

        SpanData fallback = awaitSpan(s -> s.getName().equals("chat sim-1"));
        int upstreamTries = upstream.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))).size();
        List<SpanData> tries = spans(s -> s.getName().equals("chat span-down"));
        assertThat(upstreamTries).isGreaterThan(1);
        assertThat(tries).hasSize(upstreamTries);
        for (int i = 0; i < tries.size(); i++) {
            SpanData attempt = tries.get(i);
            assertThat(number(attempt, "wormhole.attempt")).isEqualTo(i + 1);
            assertThat(attempt.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(text(attempt, "error.type")).isNotBlank();
            assertThat(attempt.getAttributes().get(AttributeKey.booleanKey("wormhole.fallback"))).isFalse();
            assertThat(attempt.getParentSpanId()).isEqualTo(fallback.getParentSpanId());
        }
        assertThat(number(fallback, "wormhole.attempt")).isEqualTo(upstreamTries + 1);
        assertThat(fallback.getAttributes().get(AttributeKey.booleanKey("wormhole.fallback"))).isTrue();
        assertThat(text(fallback, "wormhole.target")).isEqualTo("simulator/sim-1");
        assertThat(fallback.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
    }

    @Test
    void anAgentTurnIsAnAgentSpanWithAStepPerTurnAndAToolSpanPerCall() {
        String model = "gpt-span-agent";
        stubInTurn(model, STARTED, "2", "{\"id\":\"t\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":"
                + "\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"calculator\",\"arguments\":"
                + "\"{\\\"expression\\\":\\\"2+2\\\"}\"}}]},\"finish_reason\":\"tool_calls\"}],"
                + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":5,\"total_tokens\":15}}");
        stubInTurn(model, "2", "2", "{\"id\":\"a\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"4\"},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":1,"
                + "\"total_tokens\":21}}");

        Gateway.request().body("{\"model\":\"openai/" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"2+2?\"}],\"wormhole\":{\"tools\":[\"calculator\"]}}").post("/v1/chat/completions").then()
                .statusCode(200);

        SpanData agent = awaitSpan(s -> s.getName().equals("invoke_agent wormhole"));
        SpanData server = awaitSpan(s -> s.getKind() == SpanKind.SERVER && s.getTraceId().equals(agent.getTraceId()));
        assertThat(agent.getParentSpanId()).isEqualTo(server.getSpanId());
        SpanData step1 = awaitSpan(s -> s.getName().equals("agent_step 1"));
        SpanData step2 = awaitSpan(s -> s.getName().equals("agent_step 2"));
        assertThat(List.of(step1.getParentSpanId(), step2.getParentSpanId())).containsOnly(agent.getSpanId());
        List<SpanData> chats = spans(s -> s.getName().equals("chat " + model));
        assertThat(chats).extracting(SpanData::getParentSpanId).containsExactly(step1.getSpanId(), step2.getSpanId());
        SpanData tool = awaitSpan(s -> s.getName().equals("execute_tool calculator"));
        assertThat(tool.getParentSpanId()).isEqualTo(step1.getSpanId());
        assertThat(text(tool, "gen_ai.operation.name")).isEqualTo("execute_tool");
        assertThat(text(tool, "gen_ai.tool.name")).isEqualTo("calculator");
        assertThat(text(tool, "gen_ai.tool.call.id")).isEqualTo("call_1");
        assertThat(tool.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
        assertThat(tool.getStartEpochNanos()).isGreaterThanOrEqualTo(chats.get(0).getEndEpochNanos());
        assertThat(chats.get(1).getStartEpochNanos()).isGreaterThanOrEqualTo(tool.getEndEpochNanos());
    }

    @Test
    void aBatchIsASpanPerItemWithItsCallUnderIt() {
        String item = "{\"custom_id\":\"c%d\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":"
                + "{\"model\":\"simulator/sim-1\",\"messages\":[{\"role\":\"user\",\"content\":\"item %d\"}]}}";
        Gateway.request().body("{\"mode\":\"all\",\"requests\":[" + item.formatted(0, 0) + "," + item.formatted(1, 1)
                + "]}").post("/v1/batch").then().statusCode(200);

        SpanData first = awaitSpan(s -> s.getName().equals("batch_item 0"));
        SpanData second = awaitSpan(s -> s.getName().equals("batch_item 1"));
        SpanData server = awaitSpan(s -> s.getKind() == SpanKind.SERVER && s.getTraceId().equals(first.getTraceId()));
        assertThat(List.of(first.getParentSpanId(), second.getParentSpanId())).containsOnly(server.getSpanId());
        assertThat(text(second, "wormhole.batch.custom_id")).isEqualTo("c1");
        await().atMost(Duration.ofSeconds(10)).until(() -> spans(s -> s.getName().equals("chat sim-1")).size() == 2);
        assertThat(spans(s -> s.getName().equals("chat sim-1"))).extracting(SpanData::getParentSpanId)
                .containsExactlyInAnyOrder(first.getSpanId(), second.getSpanId());
    }

    private void stubInTurn(String model, String state, String next, String body) {
        upstream.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(matchingJsonPath("$.model",
                WireMock.equalTo(model))).inScenario(model).whenScenarioStateIs(state).willReturn(json(body))
                .willSetStateTo(next));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }

    private SpanData awaitSpan(Predicate<SpanData> which) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !spans(which).isEmpty());
        return spans(which).get(0);
    }

    private List<SpanData> spans(Predicate<SpanData> which) {
        return spans.getFinishedSpanItems().stream().filter(which)
                .sorted(Comparator.comparingLong(SpanData::getStartEpochNanos)).toList();
    }

    private static String text(SpanData span, String key) {
        return span.getAttributes().get(AttributeKey.stringKey(key));
    }

    private static long number(SpanData span, String key) {
        Long value = span.getAttributes().get(AttributeKey.longKey(key));
        return value == null ? -1 : value;
    }
}
