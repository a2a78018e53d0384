package dev.wormhole.api;

import static org.assertj.core.api.Assertions.assertThat;
import static dev.wormhole.testing.Metrics.sample;
import static dev.wormhole.testing.Metrics.scrape;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.wormhole.testing.Gateway;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The GenAI semantic-convention metrics scraped from {@code /q/metrics} after known traffic from a fresh key: call
 * counts, token sums equal to what the client was told, a stream's time to first token, and a model name no
 * catalog knows collapsed to {@code other}; Anthropic Messages and the Responses API counted as the chat they are.
 * No CDI: {@link GenAiMetricsIT} runs it on the packaged jar.
 */
@QuarkusTest
class GenAiMetricsTest {

    @Test
    void callsTokensAndFirstTokensAreCountedPerProviderModelAndKey() {
        String name = "genai-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = Gateway.admin().body("{\"name\":\"" + name + "\"}").post("/admin/keys").then().statusCode(201)
                .extract().path("secret");
        long prompt = 0;
        long completion = 0;
        for (int i = 0; i < 2; i++) {
            JsonPath answer = Gateway.as(secret).body(Gateway.chat("sim-1", false)).post("/v1/chat/completions").then()
                    .statusCode(200).extract().jsonPath();
            prompt += answer.getLong("usage.prompt_tokens");
            completion += answer.getLong("usage.completion_tokens");
        }
        Gateway.as(secret).body(Gateway.chat("sim-1", true)).post("/v1/chat/completions").then().statusCode(200);

        String[] labels = {"gen_ai_operation_name=\"chat\"", "gen_ai_provider_name=\"simulator\"",
            "gen_ai_request_model=\"sim-1\"", "wormhole_key=\"" + name + "\"", "error_type=\"none\""};
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(sample(scrape(),
                "gen_ai_client_operation_duration_seconds_count", labels)).isEqualTo(3));
        String scrape = scrape();
        String[] input = concat(labels, "gen_ai_token_type=\"input\"");
        String[] output = concat(labels, "gen_ai_token_type=\"output\"");
        assertThat(sample(scrape, "gen_ai_client_token_usage_tokens_count", input)).isEqualTo(3);
        double streamedPrompt = sample(scrape, "gen_ai_client_token_usage_tokens_sum", input) - prompt;
        assertThat(streamedPrompt).as("the stream's prompt tokens").isPositive();
        assertThat(sample(scrape, "gen_ai_client_token_usage_tokens_sum", output)).isGreaterThan(completion);
        assertThat(sample(scrape, "gen_ai_server_time_to_first_token_seconds_count", labels)).isEqualTo(1);
        assertThat(sample(scrape, "gen_ai_server_time_per_output_token_seconds_count", labels)).isEqualTo(1);
        assertThat(sample(scrape, "gen_ai_client_operation_duration_seconds_bucket", concat(labels, "le=\"81.92\"")))
                .as("the conventions' buckets").isEqualTo(3);
    }

    @Test
    void messagesAndResponsesAreCountedAsChatWithTheTokensTheClientWasTold() {
        String name = "genai-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = Gateway.admin().body("{\"name\":\"" + name + "\"}").post("/admin/keys").then().statusCode(201)
                .extract().path("secret");
        JsonPath message = Gateway.as(secret).header("anthropic-version", "2023-06-01")
                .body("{\"model\":\"sim-1\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")
                .post("/v1/messages").then().statusCode(200).extract().jsonPath();
        JsonPath response = Gateway.as(secret).body("{\"model\":\"sim-1\",\"input\":\"Hello there\"}")
                .post("/v1/responses").then().statusCode(200).extract().jsonPath();
        Gateway.as(secret).header("anthropic-version", "2023-06-01").body("{\"model\":\"sim-1\",\"max_tokens\":50,"
                + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")
                .post("/v1/messages").then().statusCode(200);
        Gateway.as(secret).body("{\"model\":\"sim-1\",\"input\":\"Hello there\",\"stream\":true}")
                .post("/v1/responses").then().statusCode(200);

        String[] labels = {"gen_ai_operation_name=\"chat\"", "gen_ai_provider_name=\"simulator\"",
            "gen_ai_request_model=\"sim-1\"", "wormhole_key=\"" + name + "\"", "error_type=\"none\""};
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(sample(scrape(),
                "gen_ai_client_operation_duration_seconds_count", labels)).isEqualTo(4));
        String scrape = scrape();
        String[] input = concat(labels, "gen_ai_token_type=\"input\"");
        String[] output = concat(labels, "gen_ai_token_type=\"output\"");
        long toldInput = message.getLong("usage.input_tokens") + response.getLong("usage.input_tokens");
        long toldOutput = message.getLong("usage.output_tokens") + response.getLong("usage.output_tokens");
        assertThat(sample(scrape, "gen_ai_client_token_usage_tokens_count", input)).isEqualTo(4);
        assertThat(sample(scrape, "gen_ai_client_token_usage_tokens_sum", input) - toldInput)
                .as("the two streams' prompt tokens").isEqualTo(toldInput);
        assertThat(sample(scrape, "gen_ai_client_token_usage_tokens_sum", output)).isGreaterThan(toldOutput);
        assertThat(sample(scrape, "gen_ai_server_time_to_first_token_seconds_count", labels)).isEqualTo(2);
    }

    @Test
    void aModelNoCatalogKnowsIsLabelledOther() {
        String unknown = "unheard-of-" + UUID.randomUUID();
        Gateway.request().body(Gateway.chat("local/" + unknown, false)).post("/v1/chat/completions");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(sample(scrape(),
                "gen_ai_client_operation_duration_seconds_count", "gen_ai_provider_name=\"local\"",
                "gen_ai_request_model=\"other\"")).isPositive());
        assertThat(scrape()).doesNotContain(unknown);
    }

    private static String[] concat(String[] labels, String more) {
        String[] all = Arrays.copyOf(labels, labels.length + 1);
        all[labels.length] = more;
        return all;
    }
}
