package dev.wormhole.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.net.URL;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;

import dev.wormhole.testing.Gateway;
import dev.wormhole.testing.UpstreamMock;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Built-in tools and the agent loop driven over HTTP only, so the same suite runs against the jar and binary. */
@QuarkusTest
class ToolsApiTest {

    @TestHTTPResource("/v1")
    URL baseUrl;

    private static String agentChat(String model, String text, String options, boolean stream) {
        return AgentLoopTest.agentChat(model, text, options, stream);
    }

    @Test
    void listsTheBuiltInsWithTheirSchemas() {
        Gateway.request().get("/v1/tools").then().statusCode(200)
                .body("data.name", hasItems("calculator", "current_time"))
                .body("data.find { it.name == 'calculator' }.parameters.required", equalTo(List.of("expression")));
    }

    @Test
    void invokesAToolOverHttp() {
        Gateway.request().body("{\"expression\":\"2 * (3 + 4) ^ 2\"}").post("/v1/tools/calculator/invoke").then()
                .statusCode(200).body("result.result", equalTo("98"));
        Gateway.request().body("{\"zone\":\"Mars/Olympus\"}").post("/v1/tools/current_time/invoke").then()
                .statusCode(502).body("error.code", equalTo("tool_error"));
        Gateway.request().body("{}").post("/v1/tools/no_such_tool/invoke").then().statusCode(404);
    }

    @Test
    void runsTheCalculatorForTheSimulatorAndReturnsTheFinalAnswerWithItsSteps() {
        JsonPath reply = Gateway.request().body(agentChat("sim-1", "2 * (3 + 4)", "{\"tools\":[\"calculator\"]}", false))
                .post("/v1/chat/completions").then().statusCode(200).extract().jsonPath();

        assertThat(reply.getString("choices[0].message.content")).contains("\"result\":\"14\"");
        assertThat(reply.getString("choices[0].finish_reason")).isEqualTo("stop");
        assertThat(reply.getString("wormhole.steps[0].tool")).isEqualTo("calculator");
        assertThat(reply.getString("wormhole.steps[0].outcome")).isEqualTo("ok");
        assertThat(reply.getInt("usage.total_tokens")).isGreaterThan(0);
    }

    @Test
    void streamsTheFinalTurnAndReportsStepsAsComments() {
        String text = Gateway.request().body(agentChat("sim-1", "6 * 7", "{\"tools\":[\"calculator\"]}", true))
                .post("/v1/chat/completions").then().statusCode(200).extract().asString();

        assertThat(text).contains(": wormhole.step {").contains("\"tool\":\"calculator\"").contains("42")
                .doesNotContain("\"tool_calls\"").endsWith("data: [DONE]\n\n");
    }

    @Test
    void theOpenAiSdkStreamsAnAgentLoopUnchanged() {
        OpenAIClient client = OpenAIOkHttpClient.builder().apiKey(UpstreamMock.GATEWAY_KEY).baseUrl(baseUrl.toString())
                .maxRetries(0).build();
        StringBuilder content = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("sim-1").addUserMessage("6 * 7")
                        .putAdditionalBodyProperty("wormhole", JsonValue.from(Map.of("tools", List.of("calculator"))))
                        .build())) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(c -> c.delta().content().ifPresent(content::append)));
        } finally {
            client.close();
        }
        assertThat(content.toString()).contains("42");
    }
}
