package dev.wormhole.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.wormhole.testing.Gateway;
import dev.wormhole.testing.UpstreamMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Usage, cost and budgets per key end to end: a key's calls (answers, streams, a cut stream) against a WireMock
 * OpenAI whose usage is known and the simulator, read back from {@code GET /admin/usage}, whose totals must equal
 * what the client was told and cost the configured prices; a key over its budget refused with a 429 before any
 * upstream call, in both envelopes. No CDI: {@link UsageBudgetsIT} runs it on the packaged jar.
 */
@QuarkusTest
class UsageBudgetsTest {

    /** Configured in {@link UpstreamMock}: USD per million input, output and cached-input tokens. */
    private static final BigDecimal INPUT = new BigDecimal("3");
    private static final BigDecimal OUTPUT = new BigDecimal("6");
    private static final BigDecimal CACHED = new BigDecimal("1.5");
    private static final BigDecimal SIM_INPUT = BigDecimal.ONE;
    private static final BigDecimal SIM_OUTPUT = new BigDecimal("2");
    private static final Duration RECORDED = Duration.ofSeconds(5);

    @BeforeEach
    void stubPricedModel() {
        var wireMock = UpstreamMock.wireMock();
        wireMock.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("priced-model"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"id":"chatcmpl-p","object":"chat.completion","created":1700000000,"model":"priced-model",
                         "choices":[{"index":0,"message":{"role":"assistant","content":"priced"},"finish_reason":"stop"}],
                         "usage":{"prompt_tokens":100,"completion_tokens":50,"total_tokens":150,
                                  "prompt_tokens_details":{"cached_tokens":40}}}""")));
        wireMock.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(1)
                .withRequestBody(containing("priced-model")).withRequestBody(containing("\"stream\":true"))
                .willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(sse(
                        "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"priced-model\","
                                + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"hello\"},"
                                + "\"finish_reason\":null}]}",
                        "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"priced-model\","
                                + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}",
                        "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"priced-model\","
                                + "\"choices\":[],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":10,"
                                + "\"total_tokens\":30,\"prompt_tokens_details\":{\"cached_tokens\":8}}}") + "data: [DONE]\n\n")));
        // A stream cut after one chunk of 8 characters: no usage, no [DONE].
        wireMock.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("cut-model"))
                .willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody(sse(
                        "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"cut-model\","
                                + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"abcdefgh\"},"
                                + "\"finish_reason\":null}]}"))));
    }

    private static String sse(String... events) {
        StringBuilder body = new StringBuilder();
        for (String event : events) {
            body.append("data: ").append(event).append("\n\n");
        }
        return body.toString();
    }

    private static JsonPath createKey(String body) {
        return Gateway.admin().body(body).post("/admin/keys").then().statusCode(201).extract().jsonPath();
    }

    private static String chatBody(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream + (stream ? ",\"stream_options\":{\"include_usage\":true}" : "")
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }

    /** Tokens the client was told: prompt, completion, cached. */
    private record Told(long prompt, long completion, long cached) {
        Told plus(Told o) {
            return new Told(prompt + o.prompt, completion + o.completion, cached + o.cached);
        }

        static Told of(Map<String, Object> usage) {
            Object details = usage.get("prompt_tokens_details");
            long cached = details instanceof Map<?, ?> d && d.get("cached_tokens") != null
                    ? ((Number) d.get("cached_tokens")).longValue() : 0;
            return new Told(((Number) usage.get("prompt_tokens")).longValue(),
                    ((Number) usage.get("completion_tokens")).longValue(), cached);
        }
    }

    private static Told answer(String secret, String model) {
        JsonPath answer = Gateway.as(secret).body(chatBody(model, false)).post("/v1/chat/completions").then()
                .statusCode(200).extract().jsonPath();
        return Told.of(answer.getMap("usage"));
    }

    private static Told stream(String secret, String model) {
        String body = Gateway.as(secret).body(chatBody(model, true)).post("/v1/chat/completions").then()
                .statusCode(200).extract().asString();
        Told told = null;
        for (String line : body.split("\n")) {
            if (line.startsWith("data: {")) {
                Map<String, Object> usage = new JsonPath(line.substring(6)).getMap("usage");
                if (usage != null) {
                    told = Told.of(usage);
                }
            }
        }
        assertThat(told).as("the stream's usage chunk").isNotNull();
        return told;
    }

    private static JsonPath usage(String query) {
        return Gateway.admin().get("/admin/usage?" + query).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath awaitRequests(String query, int requests) {
        await().atMost(RECORDED).until(() -> usage(query).getLong("totals.requests") == requests);
        return usage(query);
    }

    private static BigDecimal cost(BigDecimal input, BigDecimal output, BigDecimal cached, Told told) {
        return input.multiply(BigDecimal.valueOf(told.prompt - told.cached))
                .add(cached.multiply(BigDecimal.valueOf(told.cached)))
                .add(output.multiply(BigDecimal.valueOf(told.completion))).movePointLeft(6);
    }

    @Test
    void totalsEqualWhatTheClientWasToldAndCostIsTokensTimesPrice() {
        JsonPath created = createKey("{\"name\":\"usage-" + UUID.randomUUID() + "\"}");
        String secret = created.getString("secret");
        String id = created.getString("id");

        Told priced = answer(secret, "openai/priced-model").plus(answer(secret, "openai/priced-model"))
                .plus(stream(secret, "openai/priced-model")).plus(stream(secret, "openai/priced-model"));
        Told simulated = answer(secret, "sim-1").plus(stream(secret, "sim-1"));
        Told all = priced.plus(simulated);

        JsonPath totals = awaitRequests("key=" + id, 6);
        assertThat(totals.getLong("totals.prompt_tokens")).isEqualTo(all.prompt);
        assertThat(totals.getLong("totals.completion_tokens")).isEqualTo(all.completion);
        assertThat(totals.getLong("totals.cached_tokens")).isEqualTo(all.cached).isEqualTo(2 * 40 + 2 * 8);
        assertThat(totals.getLong("totals.errors")).isZero();
        assertThat(totals.getLong("totals.unpriced_requests")).isZero();
        BigDecimal expected = cost(INPUT, OUTPUT, CACHED, priced).add(cost(SIM_INPUT, SIM_OUTPUT, SIM_INPUT, simulated));
        assertThat(new BigDecimal(totals.getString("totals.cost_usd"))).isEqualByComparingTo(expected);

        JsonPath byModel = usage("key=" + id + "&group_by=provider,model");
        assertThat(byModel.getList("data.model")).containsExactly("priced-model", "sim-1");
        assertThat(byModel.getList("data.provider")).containsExactly("openai", "simulator");
        assertThat(byModel.getLong("data[0].requests")).isEqualTo(4);
        assertThat(new BigDecimal(byModel.getString("data[0].cost_usd")))
                .isEqualByComparingTo(cost(INPUT, OUTPUT, CACHED, priced));

        JsonPath byKey = usage("key=" + id + "&group_by=key,day");
        assertThat(byKey.getList("data")).hasSize(1);
        assertThat(byKey.getString("data[0].key")).isEqualTo(id);
        assertThat(byKey.getString("data[0].key_name")).startsWith("usage-");
        assertThat(byKey.getString("data[0].day")).isNotNull();
        assertThat(byKey.getString("data[0].model")).isNull();
    }

    @Test
    void aKeyIsFoundByNameAndACutStreamIsCountedFromItsEstimate() {
        String name = "cut-" + UUID.randomUUID();
        String secret = createKey("{\"name\":\"" + name + "\"}").getString("secret");
        Gateway.as(secret).body(chatBody("openai/cut-model", true)).post("/v1/chat/completions").then().statusCode(200)
                .body(containsString("abcdefgh"));

        JsonPath cut = awaitRequests("key=" + name, 1);
        // 8 characters reached the client: about 2 tokens, of a model without a price.
        assertThat(cut.getLong("totals.completion_tokens")).isEqualTo(2);
        assertThat(cut.getLong("totals.unpriced_requests")).isEqualTo(1);
        assertThat(new BigDecimal(cut.getString("totals.cost_usd"))).isZero();
    }

    @Test
    void aKeyOverItsBudgetIsRefusedBeforeAnyUpstreamCallInBothEnvelopes() {
        JsonPath created = createKey("{\"name\":\"budget-" + UUID.randomUUID()
                + "\",\"budget\":{\"usd\":0.0005,\"period\":\"day\"}}");
        String secret = created.getString("secret");
        String id = created.getString("id");
        // One call costs 60 x 3 + 40 x 1.5 + 50 x 6 = 540 micro-USD: over the 500 of the budget.
        answer(secret, "openai/priced-model");
        awaitRequests("key=" + id, 1);
        int upstreamCalls = upstreamCalls();

        Gateway.as(secret).body(chatBody("openai/priced-model", false)).post("/v1/chat/completions").then()
                .statusCode(429).header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .header("x-should-retry", "false")
                .body("error.type", equalTo("insufficient_quota")).body("error.code", equalTo("budget_exceeded"))
                .body("error.message", containsString("resets at"));
        Gateway.as(secret).body(chatBody("openai/priced-model", true)).post("/v1/chat/completions").then()
                .statusCode(429).body("error.code", equalTo("budget_exceeded"));
        Gateway.as(secret).body("{\"model\":\"openai/priced-model\",\"max_tokens\":16,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").post("/v1/messages").then()
                .statusCode(429).header("x-should-retry", "false")
                .body("type", equalTo("error")).body("error.type", equalTo("rate_limit_error"))
                .body("error.message", containsString("budget"));
        assertThat(upstreamCalls()).isEqualTo(upstreamCalls);
        assertThat(usage("key=" + id).getLong("totals.requests")).isEqualTo(1);
    }

    private static int upstreamCalls() {
        return UpstreamMock.wireMock().countRequestsMatching(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(containing("priced-model")).build()).getCount();
    }

    @Test
    void badParametersAreRefusedNamingTheParameter() {
        for (List<String> bad : List.of(List.of("from=2025-13-01", "from"), List.of("to=yesterday", "to"),
                List.of("from=2025-02-02&to=2025-02-01", "from"), List.of("group_by=key,colour", "group_by"),
                List.of("group_by=day,day", "group_by"))) {
            Gateway.admin().get("/admin/usage?" + bad.get(0)).then().statusCode(400)
                    .body("error.type", equalTo("invalid_request_error")).body("error.param", equalTo(bad.get(1)));
        }
    }

    @Test
    void usageNeedsTheAdminKey() {
        Gateway.request().get("/admin/usage").then().statusCode(401);
        Gateway.as(UpstreamMock.CONFIG_KEY).get("/admin/usage").then().statusCode(401);
        assertThat(usage("from=2025-01-01&to=2025-01-01").getLong("totals.requests")).isZero();
    }
}
