package dev.wormhole.tool;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import dev.wormhole.testing.Gateway;
import dev.wormhole.testing.UpstreamMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The agent loop on chat completions, with the simulator and with a scripted OpenAI upstream. */
@QuarkusTest
class AgentLoopTest {

    WireMockServer upstream;

    @BeforeEach
    void reset() {
        upstream = UpstreamMock.wireMock();
        upstream.resetAll();
    }

    static String agentChat(String model, String text, String options, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\""
                + text + "\"}],\"wormhole\":" + options + "}";
    }

    private static String toolTurn(String... calls) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < calls.length; i += 2) {
            items.add("{\"id\":\"call_" + i + "\",\"type\":\"function\",\"function\":{\"name\":\"" + calls[i]
                    + "\",\"arguments\":\"" + calls[i + 1].replace("\"", "\\\"") + "\"}}");
        }
        return "{\"id\":\"t\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[" + String.join(",", items)
                + "]},\"finish_reason\":\"tool_calls\"}],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":5,\"total_tokens\":15}}";
    }

    private static String answer(String text) {
        return "{\"id\":\"a\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"" + text + "\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":3,\"total_tokens\":23}}";
    }

    private void script(String model, String first, String then) {
        upstream.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(matchingJsonPath("$.model", WireMock.equalTo(model)))
                .inScenario(model).whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(first)).willSetStateTo("2"));
        upstream.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(matchingJsonPath("$.model", WireMock.equalTo(model)))
                .inScenario(model).whenScenarioStateIs("2")
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(then)));
    }

    @Test
    void runsAScriptedUpstreamsToolCallsInParallelThenAnswers() {
        SleepTool.MAX_RUNNING.set(0);
        script("gpt-agent", toolTurn("sleep_tool", "{\"millis\":400}", "sleep_tool", "{\"millis\":400}",
                "calculator", "{\"expression\":\"2+2\"}"), answer("It is 4."));

        JsonPath reply = Gateway.request().body(agentChat("openai/gpt-agent", "What is 2+2?", "{\"tools\":\"all\"}", false))
                .post("/v1/chat/completions").then().statusCode(200).extract().jsonPath();

        assertThat(reply.getString("choices[0].message.content")).isEqualTo("It is 4.");
        assertThat(reply.getList("wormhole.steps.tool")).containsExactly("sleep_tool", "sleep_tool", "calculator");
        assertThat(reply.getInt("usage.total_tokens")).isEqualTo(15 + 23);
        assertThat(SleepTool.MAX_RUNNING.get()).isEqualTo(2);
        var second = upstream.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))).get(1).getBodyAsString();
        assertThat(second).contains("\"tool_call_id\":\"call_4\"").contains("\\\"result\\\":\\\"4\\\"")
                .contains("\"name\":\"calculator\"");
    }

    @Test
    void enforcesMaxSteps() {
        upstream.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(matchingJsonPath("$.model", WireMock.equalTo("gpt-loop")))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(toolTurn("current_time", "{}"))));

        Gateway.request().body(agentChat("openai/gpt-loop", "loop", "{\"tools\":[\"current_time\"],\"max_steps\":2}", false))
                .post("/v1/chat/completions").then().statusCode(400)
                .body("error.code", equalTo("max_steps_exceeded")).body("error.message", containsString("max_steps (2)"));
        assertThat(upstream.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")))).hasSize(3);
    }

    @Test
    void returnsAClientToolCallToTheClient() {
        upstream.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(matchingJsonPath("$.model", WireMock.equalTo("gpt-client")))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody(toolTurn("lookup", "{\"q\":\"x\"}"))));

        Gateway.request().body("{\"model\":\"openai/gpt-client\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"parameters\":{\"type\":\"object\"}}}],"
                + "\"wormhole\":{\"tools\":[\"calculator\"]}}")
                .post("/v1/chat/completions").then().statusCode(200)
                .body("choices[0].message.tool_calls[0].function.name", equalTo("lookup"))
                .body("wormhole.steps.size()", equalTo(0));
    }

    @Test
    void rejectsUnknownServerToolsAndBadOptions() {
        Gateway.request().body(agentChat("sim-1", "x", "{\"tools\":[\"nope\"]}", false)).post("/v1/chat/completions")
                .then().statusCode(400).body("error.param", equalTo("wormhole.tools"));
        Gateway.request().body(agentChat("sim-1", "x", "{\"tools\":\"all\",\"max_steps\":0}", false))
                .post("/v1/chat/completions").then().statusCode(400).body("error.param", equalTo("wormhole.max_steps"));
    }

}
