package dev.wormhole.api;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseInputMessageItem;
import com.openai.models.responses.ResponseItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.inputitems.InputItemListPage;
import com.openai.models.responses.inputitems.InputItemListParams;

import dev.wormhole.testing.ChatStubs;
import dev.wormhole.testing.Gateway;
import dev.wormhole.testing.SdkSuite;
import dev.wormhole.testing.UpstreamMock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Stored responses on {@code /v1/responses}: {@code store: true}, {@code previous_response_id}, retrieve and delete,
 * driven by the official OpenAI Java SDK (and plain HTTP for the refusals).
 */
@QuarkusTest
@QuarkusTestResource(UpstreamMock.class)
class ResponsesStoreTest extends SdkSuite {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNKNOWN = "resp_0123456789abcdef0123456789abcdef";

    @Test
    void retrievesAStoredResponseAsItWasReturned() {
        Response created = client.responses().create(ResponseCreateParams.builder().model("sim-1").store(true)
                .input("Remember me").build());

        Response retrieved = client.responses().retrieve(created.id());

        assertThat(created._additionalProperties().get("store")).isEqualTo(JsonValue.from(true));
        assertThat(retrieved.id()).isEqualTo(created.id());
        assertThat(retrieved.status()).contains(ResponseStatus.COMPLETED);
        assertThat(text(retrieved)).isEqualTo(text(created)).startsWith("Simulated answer from sim-1 to \"Remember me\"");
        assertThat(retrieved.usage()).isEqualTo(created.usage());
    }

    @Test
    void keepsNothingWithoutStoreTrue() {
        Response unstored = client.responses().create(ResponseCreateParams.builder().model("sim-1").input("hi").build());
        Response refused = client.responses().create(ResponseCreateParams.builder().model("sim-1").store(false)
                .input("hi").build());

        assertThat(unstored._additionalProperties().get("store")).isEqualTo(JsonValue.from(false));
        assertThatThrownBy(() -> client.responses().retrieve(unstored.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> client.responses().retrieve(refused.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void continuesAStoredResponseWithTheWholeConversationUpstream() throws Exception {
        upstream.stubFor(ChatStubs.chatFor("gpt-4o-mini").willReturn(ChatStubs.answer("Paris is sunny.")));
        Response first = client.responses().create(ResponseCreateParams.builder().model("openai/gpt-4o-mini")
                .store(true).instructions("Answer in one sentence.").input("Weather in Paris?").build());
        upstream.stubFor(ChatStubs.chatFor("gpt-4o-mini").willReturn(ChatStubs.answer("Warm, too.")));

        Response second = client.responses().create(ResponseCreateParams.builder().model("openai/gpt-4o-mini")
                .previousResponseId(first.id()).input("And Rome?").build());

        assertThat(text(second)).isEqualTo("Warm, too.");
        assertThat(second.previousResponseId()).contains(first.id());
        assertThat(second._additionalProperties().get("store")).isEqualTo(JsonValue.from(false));
        List<LoggedRequest> calls = upstream.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")));
        assertThat(calls).hasSize(2);
        JsonNode messages = JSON.readTree(calls.get(1).getBodyAsString()).get("messages");
        // OpenAI's rule: the earlier turn's instructions are not carried over.
        assertThat(messages).extracting(m -> m.get("role").asText()).containsExactly("user", "assistant", "user");
        assertThat(messages.get(0).toString()).contains("Weather in Paris?");
        assertThat(messages.get(1).toString()).contains("Paris is sunny.");
        assertThat(messages.get(2).toString()).contains("And Rome?");
    }

    @Test
    void chainsStoredTurnsSoEachCarriesAllBeforeIt() throws Exception {
        upstream.stubFor(ChatStubs.chatFor("gpt-4o-mini").willReturn(ChatStubs.answer("One.")));
        Response first = client.responses().create(ResponseCreateParams.builder().model("openai/gpt-4o-mini")
                .store(true).input("Count with me").build());
        upstream.stubFor(ChatStubs.chatFor("gpt-4o-mini").willReturn(ChatStubs.answer("Two.")));
        Response second = client.responses().create(ResponseCreateParams.builder().model("openai/gpt-4o-mini")
                .store(true).previousResponseId(first.id()).input("Next").build());
        upstream.stubFor(ChatStubs.chatFor("gpt-4o-mini").willReturn(ChatStubs.answer("Three.")));

        client.responses().create(ResponseCreateParams.builder().model("openai/gpt-4o-mini")
                .previousResponseId(second.id()).input("And next").build());

        List<LoggedRequest> calls = upstream.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions")));
        JsonNode messages = JSON.readTree(calls.get(2).getBodyAsString()).get("messages");
        assertThat(messages).extracting(m -> m.get("content").toString()).hasSize(5)
                .satisfiesExactly(m -> assertThat(m).contains("Count with me"), m -> assertThat(m).contains("One."),
                        m -> assertThat(m).contains("Next"), m -> assertThat(m).contains("Two."),
                        m -> assertThat(m).contains("And next"));
    }

    @Test
    void continuesAStoredFunctionCallWithItsOutput() {
        FunctionTool weather = FunctionTool.builder().name("get_weather").strict(false)
                .parameters(FunctionTool.Parameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .build())
                .build();
        Response called = client.responses().create(ResponseCreateParams.builder().model("sim-1").store(true)
                .addTool(weather).input("Paris").build());
        ResponseFunctionToolCall call = called.output().stream().filter(ResponseOutputItem::isFunctionCall)
                .findFirst().orElseThrow().asFunctionCall();

        Response answered = client.responses().create(ResponseCreateParams.builder().model("sim-1").addTool(weather)
                .previousResponseId(called.id())
                .inputOfResponse(List.of(ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput
                        .builder().callId(call.callId()).output("sunny, 21 C").build())))
                .build());

        assertThat(text(answered)).startsWith("The tool returned: sunny, 21 C.");
    }

    @Test
    void listsTheInputItemsOfAChainedResponsePageByPage() {
        upstream.stubFor(ChatStubs.chatFor("gpt-4o-mini").willReturn(ChatStubs.answer("One.")));
        Response first = client.responses().create(ResponseCreateParams.builder().model("openai/gpt-4o-mini")
                .store(true).input("Count with me").build());
        Response second = client.responses().create(ResponseCreateParams.builder().model("openai/gpt-4o-mini")
                .store(true).previousResponseId(first.id()).input("Next").build());

        InputItemListPage newestFirst = client.responses().inputItems().list(second.id());
        List<ResponseItem> all = new ArrayList<>();
        client.responses().inputItems().list(second.id(), InputItemListParams.builder().limit(2)
                .order(InputItemListParams.Order.ASC).build()).autoPager().forEach(all::add);

        assertThat(newestFirst.data()).hasSize(3);
        assertThat(newestFirst.hasMore()).contains(false);
        assertThat(newestFirst.data().get(0).asResponseInputMessageItem().content().get(0).asInputText().text())
                .isEqualTo("Next");
        assertThat(all).hasSize(3);
        assertThat(all.get(0).asResponseInputMessageItem().role()).isEqualTo(ResponseInputMessageItem.Role.USER);
        assertThat(all.get(0).asResponseInputMessageItem().content().get(0).asInputText().text())
                .isEqualTo("Count with me");
        assertThat(all.get(1).asResponseOutputMessage().content().get(0).asOutputText().text()).isEqualTo("One.");
        assertThat(all.get(1).asResponseOutputMessage().id()).isEqualTo(first.output().get(0).asMessage().id());
        assertThat(all).extracting(item -> item.isResponseInputMessageItem()
                ? item.asResponseInputMessageItem().id() : item.asResponseOutputMessage().id()).doesNotHaveDuplicates();
        Gateway.request().get("/v1/responses/" + second.id() + "/input_items?limit=2&order=asc").then()
                .statusCode(200).body("object", equalTo("list")).body("has_more", equalTo(true))
                .body("first_id", equalTo(all.get(0).asResponseInputMessageItem().id()))
                .body("last_id", equalTo(all.get(1).asResponseOutputMessage().id()));
    }

    @Test
    void refusesABadInputItemsQueryNamingTheParameter() {
        Response created = client.responses().create(ResponseCreateParams.builder().model("sim-1").store(true)
                .input("hi").build());

        Gateway.request().get("/v1/responses/" + created.id() + "/input_items?limit=0").then().statusCode(400)
                .body("error.param", equalTo("limit"));
        Gateway.request().get("/v1/responses/" + created.id() + "/input_items?order=up").then().statusCode(400)
                .body("error.param", equalTo("order"));
        Gateway.request().get("/v1/responses/" + created.id() + "/input_items?after=msg_x").then().statusCode(400)
                .body("error.param", equalTo("after"));
        Gateway.request().get("/v1/responses/" + UNKNOWN + "/input_items").then().statusCode(404)
                .body("error.type", equalTo("not_found_error"));
    }

    @Test
    void storesAStreamedResponseWhenItCompletes() {
        ResponseAccumulator accumulator = ResponseAccumulator.create();
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(
                ResponseCreateParams.builder().model("sim-1").store(true).input("Stream and keep").build())) {
            stream.stream().forEach(accumulator::accumulate);
        }
        Response streamed = accumulator.response();

        Response retrieved = client.responses().retrieve(streamed.id());

        assertThat(retrieved.status()).contains(ResponseStatus.COMPLETED);
        assertThat(text(retrieved)).isEqualTo(text(streamed)).startsWith("Simulated answer from sim-1 to \"Stream");
        assertThat(retrieved._additionalProperties().get("store")).isEqualTo(JsonValue.from(true));
    }

    @Test
    void refusesToReplayAStoredResponseAsEvents() {
        Response created = client.responses().create(ResponseCreateParams.builder().model("sim-1").store(true)
                .input("hi").build());

        Gateway.request().get("/v1/responses/" + created.id() + "?stream=true").then().statusCode(400)
                .body("error.param", equalTo("stream"));
        Gateway.request().get("/v1/responses/" + created.id() + "?stream=yes").then().statusCode(400)
                .body("error.param", equalTo("stream"));
        Gateway.request().get("/v1/responses/" + created.id() + "?stream=false").then().statusCode(200)
                .body("id", equalTo(created.id()));
    }

    @Test
    void deletesAStoredResponseOnce() {
        Response created = client.responses().create(ResponseCreateParams.builder().model("sim-1").store(true)
                .input("Forget me").build());

        Gateway.request().delete("/v1/responses/" + created.id()).then().statusCode(200)
                .body("id", equalTo(created.id())).body("object", equalTo("response")).body("deleted", equalTo(true));

        assertThatThrownBy(() -> client.responses().retrieve(created.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> client.responses().delete(created.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void deletesThroughTheSdk() {
        Response created = client.responses().create(ResponseCreateParams.builder().model("sim-1").store(true)
                .input("Forget me too").build());

        client.responses().delete(created.id());

        assertThatThrownBy(() -> client.responses().retrieve(created.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void answersAnUnknownIdWithA404InOpenAisEnvelope() {
        Gateway.request().get("/v1/responses/" + UNKNOWN).then().statusCode(404)
                .body("error.type", equalTo("not_found_error")).body("error.code", equalTo("response_not_found"))
                .body("error.param", nullValue());
        Gateway.request().delete("/v1/responses/" + UNKNOWN).then().statusCode(404)
                .body("error.type", equalTo("not_found_error"));
    }

    @Test
    void refusesAnUnknownPreviousResponseBeforeAnyUpstreamCall() {
        Gateway.request().body("{\"model\":\"openai/gpt-4o-mini\",\"input\":\"hi\",\"previous_response_id\":\""
                + UNKNOWN + "\"}").post("/v1/responses").then().statusCode(404)
                .body("error.type", equalTo("not_found_error")).body("error.code", equalTo("response_not_found"))
                .body("error.param", equalTo("previous_response_id"));
        Gateway.request().body("{\"model\":\"openai/gpt-4o-mini\",\"input\":\"hi\",\"stream\":true,"
                + "\"previous_response_id\":\"" + UNKNOWN + "\"}").post("/v1/responses").then().statusCode(404)
                .body("error.param", equalTo("previous_response_id"));
        assertThatThrownBy(() -> client.responses().create(ResponseCreateParams.builder().model("openai/gpt-4o-mini")
                .previousResponseId(UNKNOWN).input("hi").build())).isInstanceOf(NotFoundException.class);

        upstream.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    static List<String> malformedIds() {
        return List.of("abc", "resp_", "resp_a.b", "resp_%3Cscript%3E", "resp_" + "a".repeat(124));
    }

    @ParameterizedTest
    @MethodSource("malformedIds")
    void refusesAMalformedIdNamingIt(String id) {
        Gateway.request().get("/v1/responses/" + id).then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error")).body("error.param", equalTo("response_id"));
        Gateway.request().delete("/v1/responses/" + id).then().statusCode(400)
                .body("error.param", equalTo("response_id"));
    }

    @Test
    void guardsTheStoredRoutesWithTheGatewayKey() {
        given().get("/v1/responses/" + UNKNOWN).then().statusCode(401)
                .body("error.type", equalTo("authentication_error"));
        given().delete("/v1/responses/" + UNKNOWN).then().statusCode(401);
        given().header("Authorization", "Bearer wrong").get("/v1/responses/" + UNKNOWN + "/input_items").then()
                .statusCode(401);
    }

    /** The text of a response's message items. */
    private static String text(Response response) {
        StringBuilder text = new StringBuilder();
        response.output().stream().filter(ResponseOutputItem::isMessage)
                .flatMap(item -> item.asMessage().content().stream())
                .forEach(part -> text.append(part.asOutputText().text()));
        return text.toString();
    }
}
