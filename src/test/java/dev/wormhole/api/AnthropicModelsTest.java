package dev.wormhole.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.anthropic.client.AnthropicClient;
import com.anthropic.models.models.ModelInfo;
import com.anthropic.models.models.ModelListPage;
import com.anthropic.models.models.ModelListParams;

import dev.wormhole.testing.AnthropicSdk;
import dev.wormhole.testing.Gateway;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The catalog in Anthropic's shape for Anthropic clients (they send {@code anthropic-version}), read by the
 * official Anthropic SDK: every model reachable through its pages, each usable as a {@code model}. Black box:
 * also run against the packaged application ({@link AnthropicModelsIT}).
 */
@QuarkusTest
class AnthropicModelsTest {

    @TestHTTPResource
    URL gateway;

    private AnthropicClient client() {
        return AnthropicSdk.client(gateway);
    }

    @Test
    void listsTheCatalogInAnthropicsShapeThroughItsPages() {
        int total = Gateway.request().get("/v1/models").then().statusCode(200).extract().jsonPath().getList("data")
                .size();

        List<String> seen = new ArrayList<>();
        ModelListPage page = client().models().list(ModelListParams.builder().limit(7).build());
        while (true) {
            page.data().stream().map(ModelInfo::id).forEach(seen::add);
            assertThat(page.data()).allSatisfy(m -> assertThat(m.displayName()).isNotBlank());
            if (!page.hasNextPage()) {
                break;
            }
            page = page.nextPage();
        }

        assertThat(seen).hasSize(total).doesNotHaveDuplicates().contains("simulator/sim-1");
    }

    @Test
    void pagesBackwardsWithBeforeIdThroughTheSameModels() {
        List<String> all = Gateway.request().get("/v1/models").then().statusCode(200).extract().jsonPath()
                .getList("data.id");
        // From the last model of the list backwards, five at a time, until the first page.
        List<String> seen = new ArrayList<>(List.of(all.get(all.size() - 1)));
        boolean more = true;
        while (more) {
            var page = Gateway.request().header("anthropic-version", "2023-06-01").queryParam("limit", 5)
                    .queryParam("before_id", seen.get(0)).get("/v1/models").then().statusCode(200).extract()
                    .jsonPath();
            List<String> ids = page.getList("data.id");
            assertThat(ids).isNotEmpty().hasSizeLessThanOrEqualTo(5);
            assertThat(page.getString("first_id")).isEqualTo(ids.get(0));
            assertThat(page.getString("last_id")).isEqualTo(ids.get(ids.size() - 1));
            seen.addAll(0, ids);
            more = page.getBoolean("has_more");
        }

        assertThat(seen).isEqualTo(all);
        Gateway.request().header("anthropic-version", "2023-06-01").queryParam("before_id", all.get(1))
                .queryParam("after_id", all.get(0)).get("/v1/models").then().statusCode(400)
                .body("error.param", equalTo("before_id"));
    }

    @Test
    void answersOneModelInAnthropicsShape() {
        Gateway.request().header("anthropic-version", "2023-06-01").get("/v1/models/simulator/sim-1").then()
                .statusCode(200).body("type", equalTo("model")).body("id", equalTo("simulator/sim-1"));
    }

    @Test
    void keepsOpenAisShapeForOtherClientsAndRefusesABadPage() {
        Gateway.request().get("/v1/models").then().statusCode(200).body("object", equalTo("list"));
        Gateway.request().header("anthropic-version", "2023-06-01").queryParam("limit", 0).get("/v1/models").then()
                .statusCode(400).body("error.param", equalTo("limit"));
        Gateway.request().header("anthropic-version", "2023-06-01").queryParam("after_id", "nope/nothing")
                .get("/v1/models").then().statusCode(400).body("error.param", equalTo("after_id"));
    }
}
