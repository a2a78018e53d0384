package dev.wormhole.discovery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.wormhole.testing.Gateway;
import dev.wormhole.testing.UpstreamMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The catalog against WireMock: provider {@code vendored} (vendor openai), {@code offline} (unreachable,
 * vendor groq), {@code local} (dynamic). The scheduler is off in tests; refreshes are called directly.
 */
@QuarkusTest
class ModelCatalogTest {

    private static final String MODELS = "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o-mini-2024-07-18\",\"object\":\"model\","
            + "\"created\":1721172741,\"owned_by\":\"system\"},{\"id\":\"ft:my-finetune\",\"object\":\"model\",\"created\":1,"
            + "\"owned_by\":\"acme\"}]}";

    @Inject
    ModelCatalog catalog;

    WireMockServer upstream;

    @BeforeEach
    void reset() {
        upstream = UpstreamMock.wireMock();
        upstream.resetAll();
    }

    private void modelsAnswer(String body) {
        upstream.stubFor(get(urlEqualTo("/v1/models")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody(body)));
    }

    private List<RefreshOutcome> refresh() {
        return catalog.refresh().await().atMost(Duration.ofSeconds(30));
    }

    @Test
    void servesTheBundledFallbackForAnUnreachableProviderFromTheStart() {
        JsonPath models = Gateway.request().get("/v1/models?provider=offline").then().statusCode(200).extract().jsonPath();

        assertThat(models.getList("data.id")).contains("offline/llama-3.3-70b-versatile");
        assertThat(models.getString("data.find { it.id == 'offline/llama-3.3-70b-versatile' }.wormhole.source"))
                .isEqualTo("fallback");
    }

    @Test
    void mergesLiveListsWithBundledFacts() {
        modelsAnswer(MODELS);

        assertThat(refresh()).filteredOn(o -> o.provider().equals("vendored")).singleElement()
                .satisfies(o -> assertThat(o.ok()).isTrue());

        JsonPath dated = Gateway.request().get("/v1/models/vendored/gpt-4o-mini-2024-07-18").then().statusCode(200)
                .extract().jsonPath();
        assertThat(dated.getString("wormhole.source")).isEqualTo("live");
        assertThat(dated.getInt("wormhole.context_window")).isEqualTo(128000);
        assertThat(dated.getDouble("wormhole.input_price_per_mtok")).isEqualTo(0.15);
        assertThat(dated.getList("wormhole.capabilities")).contains("tools", "vision");
        JsonPath unknown = Gateway.request().get("/v1/models/vendored/ft:my-finetune").then().statusCode(200)
                .extract().jsonPath();
        assertThat(unknown.getString("owned_by")).isEqualTo("acme");
        assertThat(unknown.getString("wormhole.capabilities")).isNull();
    }

    @Test
    void keepsTheLastGoodEntriesOfAFailingProviderAndMarksThemStale() {
        modelsAnswer(MODELS);
        refresh();
        upstream.stubFor(get(urlEqualTo("/v1/models")).willReturn(aResponse().withStatus(500)));

        List<RefreshOutcome> outcomes = refresh();

        assertThat(outcomes).filteredOn(o -> o.provider().equals("vendored")).singleElement()
                .satisfies(o -> assertThat(o.ok()).isFalse());
        assertThat(outcomes).filteredOn(o -> o.provider().equals("simulator")).singleElement()
                .satisfies(o -> assertThat(o.ok()).isTrue());
        assertThat(catalog.providerModels("vendored").stale()).isTrue();
        Gateway.request().get("/v1/models/vendored/gpt-4o-mini-2024-07-18").then().statusCode(200)
                .body("wormhole.stale", equalTo(true)).body("wormhole.source", equalTo("live"));
    }

    @Test
    void joinsARefreshAlreadyRunningInsteadOfStackingOne() throws Exception {
        upstream.stubFor(get(urlEqualTo("/v1/models")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody(MODELS).withFixedDelay(500)));
        refresh();
        int oneRound = upstream.findAll(getRequestedFor(urlEqualTo("/v1/models"))).size();
        upstream.resetRequests();

        CompletableFuture<List<RefreshOutcome>> first = catalog.refresh().subscribeAsCompletionStage();
        CompletableFuture<List<RefreshOutcome>> second = catalog.refresh().subscribeAsCompletionStage();

        assertThat(first.get(30, TimeUnit.SECONDS)).isSameAs(second.get(30, TimeUnit.SECONDS));
        // Several test providers share this WireMock: each lists once per round, and the two calls made one round.
        assertThat(oneRound).isGreaterThanOrEqualTo(2);
        upstream.verify(oneRound, getRequestedFor(urlEqualTo("/v1/models")));
    }

    @Test
    void selectsByCapabilityContextAndPriceInADeterministicOrder() {
        JsonPath cheapestToolModels = Gateway.request()
                .get("/v1/models?capability=tools&capability=json&max_input_price=1&sort=price&limit=4").then()
                .statusCode(200).extract().jsonPath();

        // The preferred provider (simulator) first, then the cheapest input price (the other simulators are free),
        // then the qualified id.
        assertThat(cheapestToolModels.getList("data.id")).containsExactly("simulator/sim-1", "regsim/sim-1",
                "slowsim/sim-1", "offline/llama-3.1-8b-instant");
        Gateway.request().get("/v1/models?min_context=1000000&provider=offline").then().statusCode(200)
                .body("data.size()", equalTo(0));
        Gateway.request().get("/v1/models?capability=teleportation").then().statusCode(400)
                .body("error.param", equalTo("capability"));
    }

    @Test
    void refusesAModelTheCatalogKnowsLacksACapabilityWithoutUpstreamIo() {
        Gateway.request().body("{\"model\":\"offline/llama-3.1-8b-instant\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "[{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/a.png\"}}]}]}")
                .post("/v1/chat/completions").then().statusCode(400).body("error.param", equalTo("messages"));
        Gateway.request().body("{\"model\":\"sim-embed-1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"t\"}}]}")
                .post("/v1/chat/completions").then().statusCode(400).body("error.param", equalTo("model"));
        Gateway.request().body("{\"model\":\"sim-1\",\"input\":\"x\"}").post("/v1/embeddings").then().statusCode(400)
                .body("error.param", equalTo("model"));
        upstream.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void letsADynamicProvidersModelsThrough() {
        modelsAnswer("{\"object\":\"list\",\"data\":[{\"id\":\"text-embedding-3-small\",\"object\":\"model\"}]}");
        refresh();
        upstream.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlEqualTo("/v1/chat/completions"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"id\":\"x\","
                        + "\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
                        + "\"message\":{\"role\":\"assistant\",\"content\":\"fine\"},\"finish_reason\":\"stop\"}]}")));

        // The catalog says embeddings only, but a dynamic provider's models are never refused on that basis.
        Gateway.request().body(Gateway.chat("local/text-embedding-3-small", false)).post("/v1/chat/completions")
                .then().statusCode(200);
    }

    @Test
    void keepsTheBundledModelsOfAVendorWithoutAModelListAndCountsNoFailure() {
        upstream.stubFor(get(urlEqualTo("/v1/models")).willReturn(aResponse().withStatus(500)));

        assertThat(refresh()).filteredOn(o -> o.provider().equals("perplexish")).singleElement()
                .satisfies(o -> assertThat(o.ok()).isTrue());

        assertThat(catalog.providerModels("perplexish").stale()).isFalse();
        Gateway.request().get("/v1/models/perplexish/sonar-pro").then().statusCode(200)
                .body("wormhole.source", equalTo("fallback")).body("wormhole.context_window", equalTo(200000));
    }

    @Test
    void refreshesOnDemandBehindTheGatewayKey() {
        modelsAnswer(MODELS);
        given().post("/admin/models/refresh").then().statusCode(401);
        Gateway.request().post("/admin/models/refresh").then().statusCode(200)
                .body("find { it.provider == 'vendored' }.ok", equalTo(true))
                .body("find { it.provider == 'offline' }.ok", equalTo(false));
    }
}
