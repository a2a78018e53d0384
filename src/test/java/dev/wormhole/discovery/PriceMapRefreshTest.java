package dev.wormhole.discovery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import dev.wormhole.testing.Gateway;
import dev.wormhole.testing.UpstreamMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The community price map fetched on a catalog refresh from WireMock ({@link UpstreamMock#PRICE_MAP_PATH}): its facts
 * reach {@code /v1/models} and the cost in {@code /admin/usage}; garbage or a 500 keeps the last good map; models of
 * newer families listed live (GPT-5, Claude Sonnet 4.5 under dated ids) keep capabilities and a price. Provider
 * {@code vendored} is an OpenAI vendor on WireMock, {@code claude} an Anthropic one. No CDI: {@link PriceMapRefreshIT}
 * runs it on the packaged jar.
 */
@QuarkusTest
class PriceMapRefreshTest {

    /** gpt-4.1-nano at a price unlike the bundled snapshot's (0.1/0.4) and without vision; gpt-5 at its own. */
    private static final String MAP = """
            {"sample_spec": {"input_cost_per_token": 0.0, "litellm_provider": "spec", "mode": "chat"},
             "gpt-4.1-nano": {"max_input_tokens": 1047576, "max_output_tokens": 32768, "input_cost_per_token": 3e-07,
               "output_cost_per_token": 1.2e-06, "litellm_provider": "openai", "mode": "chat",
               "supports_function_calling": true, "supports_vision": false, "supports_response_schema": true},
             "gpt-5": {"max_input_tokens": 272000, "max_output_tokens": 128000, "input_cost_per_token": 2e-06,
               "output_cost_per_token": 2e-05, "cache_read_input_token_cost": 2e-07, "litellm_provider": "openai",
               "mode": "chat", "supports_function_calling": true, "supports_vision": true,
               "supports_response_schema": true, "supports_reasoning": true},
             "broken": {"input_cost_per_token": "free", "litellm_provider": "openai", "mode": "chat"}}""";
    /** A good map that knows nothing the other suites look at: put back after each test. */
    private static final String NEUTRAL_MAP = """
            {"neutral-model": {"input_cost_per_token": 1e-06, "litellm_provider": "openai", "mode": "chat"}}""";

    private WireMockServer upstream;
    private final List<StubMapping> stubs = new ArrayList<>();

    @BeforeEach
    void listNewerFamilies() {
        upstream = UpstreamMock.wireMock();
        stub(get(urlEqualTo("/v1/models")).willReturn(json("{\"object\":\"list\",\"data\":["
                + "{\"id\":\"gpt-4.1-nano\",\"object\":\"model\",\"created\":1,\"owned_by\":\"system\"},"
                + "{\"id\":\"gpt-5-2025-08-07\",\"object\":\"model\",\"created\":1,\"owned_by\":\"system\"},"
                + "{\"id\":\"gpt-5-mini-2025-08-07\",\"object\":\"model\",\"created\":1,\"owned_by\":\"system\"},"
                + "{\"id\":\"gpt-4.1-mini-2025-04-14\",\"object\":\"model\",\"created\":1,\"owned_by\":\"system\"}]}")));
        stub(get(urlPathEqualTo("/v1/models")).withHeader("anthropic-version", equalTo("2023-06-01")).atPriority(1)
                .willReturn(json("{\"data\":[{\"type\":\"model\",\"id\":\"claude-sonnet-4-5-20250929\","
                        + "\"display_name\":\"Claude Sonnet 4.5\",\"created_at\":\"2025-09-29T00:00:00Z\"}],"
                        + "\"has_more\":false,\"first_id\":null,\"last_id\":null}")));
        stub(post(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("gpt-5-2025-08-07")).atPriority(1)
                .willReturn(json("""
                        {"id":"chatcmpl-g5","object":"chat.completion","created":1700000000,"model":"gpt-5-2025-08-07",
                         "choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],
                         "usage":{"prompt_tokens":1000,"completion_tokens":100,"total_tokens":1100,
                                  "prompt_tokens_details":{"cached_tokens":200}}}""")));
    }

    @AfterEach
    void putTheNeutralMapBack() {
        serveMap(aResponse().withHeader("Content-Type", "application/json").withBody(NEUTRAL_MAP));
        refresh();
        stubs.forEach(upstream::removeStub);
        stubs.clear();
    }

    private void stub(MappingBuilder mapping) {
        stubs.add(upstream.stubFor(mapping));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }

    private void serveMap(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        stub(get(urlEqualTo(UpstreamMock.PRICE_MAP_PATH)).atPriority(1).willReturn(response));
    }

    private static void refresh() {
        Gateway.request().post("/admin/models/refresh").then().statusCode(200);
    }

    private static JsonPath model(String qualifiedId) {
        return Gateway.request().get("/v1/models/" + qualifiedId).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aFetchedMapChangesPricesAndCapabilitiesAndAFailedFetchKeepsIt() {
        serveMap(aResponse().withStatus(404));
        refresh();
        // Before any good map: the bundled snapshot's facts.
        assertThat(model("vendored/gpt-4.1-nano").getDouble("wormhole.input_price_per_mtok")).isEqualTo(0.1);
        assertThat(model("vendored/gpt-4.1-nano").getList("wormhole.capabilities")).contains("vision");

        serveMap(json(MAP));
        refresh();
        assertFetchedMapApplies();

        serveMap(json("{\"gpt-4.1-nano\": {\"input_cost_per_tok"));
        refresh();
        assertFetchedMapApplies();

        serveMap(aResponse().withStatus(500).withBody("upstream trouble"));
        refresh();
        assertFetchedMapApplies();

        serveMap(json("{\"only\": {\"litellm_provider\": \"azure\", \"mode\": \"chat\"}}"));
        refresh();
        assertFetchedMapApplies();

        // Over the size cap of the test configuration (64K), and slower than its timeout (2s): both abandoned.
        String cheaper = MAP.replace("3e-07", "1e-08");
        serveMap(json(cheaper.replace("{\"sample_spec\"", "{" + " ".repeat(70_000) + "\"sample_spec\"")));
        refresh();
        assertFetchedMapApplies();
        serveMap(json(cheaper).withFixedDelay(3_000));
        refresh();
        assertFetchedMapApplies();
    }

    private static void assertFetchedMapApplies() {
        JsonPath nano = model("vendored/gpt-4.1-nano");
        assertThat(nano.getDouble("wormhole.input_price_per_mtok")).isEqualTo(0.3);
        assertThat(nano.getDouble("wormhole.output_price_per_mtok")).isEqualTo(1.2);
        assertThat(nano.getList("wormhole.capabilities")).contains("tools", "json").doesNotContain("vision");
        assertThat(model("vendored/gpt-5-2025-08-07").getDouble("wormhole.input_price_per_mtok")).isEqualTo(2.0);
    }

    @Test
    void newerFamiliesListedLiveKeepCapabilitiesAndArePricedFromTheBundledSnapshot() {
        serveMap(aResponse().withStatus(404));
        refresh();

        JsonPath gpt5 = model("vendored/gpt-5-mini-2025-08-07");
        assertThat(gpt5.getString("wormhole.source")).isEqualTo("live");
        assertThat(gpt5.getList("wormhole.capabilities")).contains("tools", "vision", "json", "reasoning");
        assertThat(gpt5.getDouble("wormhole.input_price_per_mtok")).isEqualTo(0.25);
        assertThat(gpt5.getInt("wormhole.context_window")).isEqualTo(272000);
        JsonPath sonnet = model("claude/claude-sonnet-4-5-20250929");
        assertThat(sonnet.getList("wormhole.capabilities")).contains("tools", "vision", "reasoning");
        assertThat(sonnet.getDouble("wormhole.input_price_per_mtok")).isEqualTo(3.0);
        assertThat(sonnet.getDouble("wormhole.output_price_per_mtok")).isEqualTo(15.0);
        List<String> toolModels = Gateway.request().get("/v1/models?capability=tools&capability=reasoning").then()
                .statusCode(200).extract().jsonPath().getList("data.id");
        assertThat(toolModels).contains("vendored/gpt-5-mini-2025-08-07", "claude/claude-sonnet-4-5-20250929");
    }

    @Test
    void theOperatorsFactsAndPricesWinOverTheLiveListAndTheMaps() {
        serveMap(json(MAP));
        refresh();

        // wormhole.models.overrides."vendored/gpt-5-2025-08-07": capabilities chat,stream; context 100000.
        JsonPath gpt5 = model("vendored/gpt-5-2025-08-07");
        assertThat(gpt5.getList("wormhole.capabilities")).containsExactlyInAnyOrder("chat", "stream");
        assertThat(gpt5.getInt("wormhole.context_window")).isEqualTo(100000);
        assertThat(gpt5.getDouble("wormhole.input_price_per_mtok")).isEqualTo(2.0);
        Gateway.request().body("{\"model\":\"vendored/gpt-5-2025-08-07\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"t\"}}]}")
                .post("/v1/chat/completions").then().statusCode(400);
        // wormhole.prices."vendored/gpt-4.1-mini-2025-04-14".input=9 over the snapshot's 0.4; output stays 1.6.
        JsonPath mini = model("vendored/gpt-4.1-mini-2025-04-14");
        assertThat(mini.getDouble("wormhole.input_price_per_mtok")).isEqualTo(9.0);
        assertThat(mini.getDouble("wormhole.output_price_per_mtok")).isEqualTo(1.6);
    }

    @Test
    void aCallIsCostedAtTheFetchedMapsPrices() {
        serveMap(json(MAP));
        refresh();
        JsonPath created = Gateway.admin().body("{\"name\":\"price-map-" + UUID.randomUUID() + "\"}")
                .post("/admin/keys").then().statusCode(201).extract().jsonPath();

        Gateway.as(created.getString("secret")).body(Gateway.chat("vendored/gpt-5-2025-08-07", false))
                .post("/v1/chat/completions").then().statusCode(200);

        String query = "/admin/usage?key=" + created.getString("id");
        await().atMost(Duration.ofSeconds(5)).until(() -> Gateway.admin().get(query).then().statusCode(200).extract()
                .jsonPath().getLong("totals.requests") == 1);
        JsonPath usage = Gateway.admin().get(query).then().extract().jsonPath();
        assertThat(usage.getLong("totals.unpriced_requests")).isZero();
        // 800 uncached x 2 + 200 cached x 0.2 + 100 completion x 20 = 3640 micro-USD.
        assertThat(new BigDecimal(usage.getString("totals.cost_usd"))).isEqualByComparingTo("0.00364");
    }
}
