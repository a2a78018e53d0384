package dev.wormhole.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.github.tomakehurst.wiremock.client.WireMock;

import dev.wormhole.testing.Gateway;
import dev.wormhole.testing.UpstreamMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Client input is read as strictly as OpenAI reads it — one JSON value, no repeated key, no scalar coercion, typed
 * pass-through parameters, well-formed tools and image URLs — and what fails is a quick 400 in OpenAI's envelope
 * naming the field, without any upstream call. Black-box: no injection, so the IT runs it against the jar.
 */
@QuarkusTest
class StrictInputTest {

    private static final String MODEL = "openai/gpt-4o-mini";
    private static final String USER = "{\"role\":\"user\",\"content\":\"hi\"}";
    private static final String TOOL = "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}}";
    private static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
    private static final String COMPLETION = "{\"id\":\"chatcmpl-7\",\"object\":\"chat.completion\",\"created\":1700000000,"
            + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}";

    private static boolean warmedUp;

    private int upstreamCalls;

    @BeforeEach
    void reset() {
        if (!warmedUp) {
            // The first request of a fresh process loads classes; the timing bound is about the checks.
            Gateway.request().body(chat("\"n\":\"1\"")).post("/v1/chat/completions");
            warmedUp = true;
        }
        UpstreamMock.wireMock().resetAll();
    }

    @AfterEach
    void onlyValidRequestsReachedTheUpstream() {
        UpstreamMock.wireMock().verify(upstreamCalls, anyRequestedFor(anyUrl()));
    }

    /** A valid chat body for the WireMock upstream plus {@code fields}. */
    static String chat(String fields) {
        return "{\"model\":\"" + MODEL + "\",\"messages\":[" + USER + "]" + (fields.isEmpty() ? "" : "," + fields) + "}";
    }

    static String withMessage(String message) {
        return "{\"model\":\"" + MODEL + "\",\"messages\":[" + message + "]}";
    }

    static String image(String url) {
        return "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"what is it?\"},{\"type\":\"image_url\","
                + "\"image_url\":{\"url\":\"" + url + "\"}}]}";
    }

    static String tool(String name, String parameters) {
        return "{\"type\":\"function\",\"function\":{\"name\":\"" + name + "\",\"parameters\":" + parameters + "}}";
    }

    static String withTools(String tools, String more) {
        return chat("\"tools\":[" + tools + "]" + more);
    }

    static ValidatableResponse refused(String path, String body, String param) {
        return Gateway.request().body(body).post(path).then()
                .time(lessThan(1000L))
                .statusCode(400)
                .body("error.type", equalTo("invalid_request_error"))
                .body("error.param", equalTo(param))
                .body("error.message", not(emptyOrNullString()));
    }

    // ---- Part A: strict JSON ----

    static Stream<Arguments> malformedJson() {
        return Stream.of(
                Arguments.of("trailing garbage", chat("") + " garbage", null),
                Arguments.of("two objects", chat("") + chat(""), null),
                Arguments.of("trailing bracket", chat("") + "]", null),
                Arguments.of("trailing comma", chat("") + ",", null),
                Arguments.of("trailing number", chat("") + " 1", null),
                Arguments.of("duplicate top-level key", chat("\"model\":\"" + MODEL + "\""), "model"),
                Arguments.of("duplicate typed field", chat("\"temperature\":1,\"temperature\":1"), "temperature"),
                Arguments.of("duplicate in a message", withMessage("{\"role\":\"user\",\"role\":\"user\",\"content\":\"x\"}"),
                        "messages[0].role"),
                Arguments.of("duplicate in a content part", withMessage("{\"role\":\"user\",\"content\":[{\"type\":"
                        + "\"text\",\"text\":\"a\",\"text\":\"b\"}]}"), "messages[0].content[0].text"),
                Arguments.of("duplicate in a second message", "{\"model\":\"" + MODEL + "\",\"messages\":[" + USER
                        + ",{\"role\":\"assistant\",\"content\":\"a\",\"content\":\"b\"}]}", "messages[1].content"),
                Arguments.of("duplicate in a tool schema", withTools(tool("f", "{\"type\":\"object\",\"properties\":"
                        + "{\"city\":{\"type\":\"string\"},\"city\":{\"type\":\"string\"}}}"), ""),
                        "tools[0].function.parameters.properties.city"),
                Arguments.of("duplicate in a pass-through object", chat("\"metadata\":{\"a\":\"1\",\"a\":\"2\"}"),
                        "metadata.a"),
                Arguments.of("duplicate in the extension", chat("\"wormhole\":{\"max_steps\":1,\"max_steps\":2}"),
                        "wormhole.max_steps"),
                Arguments.of("duplicate in logit_bias", chat("\"logit_bias\":{\"1\":1,\"1\":2}"), "logit_bias.1"),
                Arguments.of("not an object", "[" + chat("") + "]", null),
                Arguments.of("a bare string", "\"hello\"", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedJson")
    void refusesMalformedOrAmbiguousJson(String label, String body, String param) {
        refused("/v1/chat/completions", body, param).body("error.code", equalTo("invalid_json"));
    }

    static Stream<Arguments> coercedScalars() {
        List<Arguments> cases = new ArrayList<>();
        for (String field : List.of("max_tokens", "max_completion_tokens", "n", "seed")) {
            for (String bad : List.of("\"5\"", "5.5", "5.0", "1e2", "true", "\"\"")) {
                cases.add(Arguments.of(field + "=" + bad, chat("\"" + field + "\":" + bad), field));
            }
        }
        for (String field : List.of("temperature", "top_p", "presence_penalty", "frequency_penalty")) {
            for (String bad : List.of("\"0.5\"", "\"1\"", "true", "\"\"")) {
                cases.add(Arguments.of(field + "=" + bad, chat("\"" + field + "\":" + bad), field));
            }
        }
        for (String field : List.of("stream", "parallel_tool_calls")) {
            for (String bad : List.of("1", "0", "1.0", "\"true\"", "\"false\"", "\"\"")) {
                cases.add(Arguments.of(field + "=" + bad, chat("\"" + field + "\":" + bad), field));
            }
        }
        for (String field : List.of("user", "reasoning_effort")) {
            for (String bad : List.of("5", "1.5", "true")) {
                cases.add(Arguments.of(field + "=" + bad, chat("\"" + field + "\":" + bad), field));
            }
        }
        cases.add(Arguments.of("model=5", "{\"model\":5,\"messages\":[" + USER + "]}", "model"));
        cases.add(Arguments.of("role=1", withMessage("{\"role\":1,\"content\":\"x\"}"), "messages[0].role"));
        cases.add(Arguments.of("tool call id=5", withMessage("{\"role\":\"assistant\",\"tool_calls\":[{\"id\":5,"
                + "\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}"),
                "messages[0].tool_calls[0].id"));
        cases.add(Arguments.of("include_usage=1", chat("\"stream\":true,\"stream_options\":{\"include_usage\":1}"),
                "stream_options.include_usage"));
        cases.add(Arguments.of("function.strict=1", withTools("{\"type\":\"function\",\"function\":{\"name\":\"f\","
                + "\"strict\":1}}", ""), "tools[0].function.strict"));
        cases.add(Arguments.of("parameters=string", withTools(tool("f", "\"object\""), ""), "tools[0].function.parameters"));
        cases.add(Arguments.of("json_schema.strict=\"true\"", chat("\"response_format\":{\"type\":\"json_schema\","
                + "\"json_schema\":{\"name\":\"x\",\"strict\":\"true\"}}"), "response_format.json_schema.strict"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("coercedScalars")
    void refusesScalarCoercionNamingTheField(String label, String body, String param) {
        refused("/v1/chat/completions", body, param);
    }

    static Stream<Arguments> badPassThrough() {
        List<Arguments> cases = new ArrayList<>();
        String[][] table = {
                {"logprobs", "1", "\"true\"", "{}"},
                {"top_logprobs", "21", "-1", "5.5", "\"5\"", "true"},
                {"store", "\"yes\"", "1", "[]"},
                {"metadata", "\"x\"", "[]", "{\"a\":1}", "{\"a\":null}", "{\"a\":[\"b\"]}",
                        "{\"" + "k".repeat(65) + "\":\"v\"}", "{\"k\":\"" + "v".repeat(513) + "\"}", manyKeys(17)},
                {"service_tier", "5", "true", "{}"},
                {"prompt_cache_key", "5", "[]"},
                {"safety_identifier", "true", "{}"},
                {"verbosity", "[\"low\"]", "1"},
                {"modalities", "\"text\"", "[1]", "{\"a\":\"text\"}", "[\"text\",null]"},
                {"logit_bias", "[]", "\"x\"", "5", "{\"abc\":1}", "{\"50256\":101}", "{\"50256\":-101}",
                        "{\"50256\":\"5\"}", "{\"50256\":true}", "{\"-1\":5}", "{\"1.5\":5}", "{\"\":5}",
                        "{\"50256\":null}", "{\"99999999999\":1}", "{\"50256\":[1]}", "{\"50256\":1e3}"},
                {"prediction", "\"x\"", "[]", "1"},
                {"audio", "\"alloy\"", "true"},
                {"web_search_options", "true", "[]"}};
        for (String[] row : table) {
            for (int i = 1; i < row.length; i++) {
                String shown = row[i].length() > 40 ? row[i].substring(0, 40) + "…" : row[i];
                cases.add(Arguments.of(row[0] + "=" + shown, chat("\"" + row[0] + "\":" + row[i]), row[0]));
            }
        }
        return cases.stream();
    }

    static String manyKeys(int n) {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            entries.add("\"k" + i + "\":\"v\"");
        }
        return "{" + String.join(",", entries) + "}";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPassThrough")
    void refusesAWronglyTypedPassThroughParameter(String label, String body, String param) {
        refused("/v1/chat/completions", body, param);
    }

    static Stream<Arguments> badEmbeddings() {
        String ok = "\"model\":\"openai/text-embedding-3-small\",\"input\":\"x\"";
        return Stream.of(
                Arguments.of("trailing garbage", "{" + ok + "} x", null),
                Arguments.of("two objects", "{" + ok + "}{" + ok + "}", null),
                Arguments.of("duplicate input", "{" + ok + ",\"input\":\"y\"}", "input"),
                Arguments.of("dimensions as a string", "{" + ok + ",\"dimensions\":\"8\"}", "dimensions"),
                Arguments.of("dimensions as a float", "{" + ok + ",\"dimensions\":8.5}", "dimensions"),
                Arguments.of("encoding_format as a number", "{" + ok + ",\"encoding_format\":1}", "encoding_format"),
                Arguments.of("user as a boolean", "{" + ok + ",\"user\":false}", "user"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badEmbeddings")
    void refusesStrictlyOnEmbeddingsToo(String label, String body, String param) {
        refused("/v1/embeddings", body, param);
    }

    static Stream<Arguments> badBatches() {
        String item = "{\"custom_id\":\"a\",\"url\":\"/v1/chat/completions\",\"body\":" + chat("") + "}";
        return Stream.of(
                Arguments.of("trailing garbage", "{\"requests\":[" + item + "]} x", null),
                Arguments.of("duplicate mode", "{\"mode\":\"all\",\"mode\":\"first\",\"requests\":[" + item + "]}", "mode"),
                Arguments.of("concurrency as a string", "{\"concurrency\":\"2\",\"requests\":[" + item + "]}",
                        "concurrency"),
                Arguments.of("concurrency as a float", "{\"concurrency\":2.5,\"requests\":[" + item + "]}", "concurrency"),
                Arguments.of("duplicate key in an item body", "{\"requests\":[{\"url\":\"/v1/chat/completions\","
                        + "\"body\":" + chat("\"model\":\"" + MODEL + "\"") + "}]}", "requests[0].body.model"),
                Arguments.of("custom_id as a number", "{\"requests\":[{\"custom_id\":1,\"url\":\"/v1/embeddings\","
                        + "\"body\":{}}]}", "requests[0].custom_id"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBatches")
    void refusesAMalformedBatchWhole(String label, String body, String param) {
        refused("/v1/batch", body, param);
    }

    static Stream<Arguments> badBatchItems() {
        return Stream.of(
                Arguments.of("max_tokens as a string", chat("\"max_tokens\":\"5\""), "max_tokens"),
                Arguments.of("stream as a number", chat("\"stream\":0"), "stream"),
                Arguments.of("n as a boolean", chat("\"n\":true"), "n"),
                Arguments.of("logit_bias value too big", chat("\"logit_bias\":{\"1\":101}"), "logit_bias"),
                Arguments.of("javascript image", withMessage(image("javascript:alert(1)")),
                        "messages[0].content[1].image_url.url"),
                Arguments.of("duplicate tool", withTools(TOOL + "," + TOOL, ""), "tools[1].function.name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBatchItems")
    void failsAnItemWithABadBodyAloneNamingTheField(String label, String body, String param) {
        String batch = "{\"requests\":[{\"custom_id\":\"bad\",\"url\":\"/v1/chat/completions\",\"body\":" + body + "}]}";
        Gateway.request().body(batch).post("/v1/batch").then()
                .time(lessThan(1000L))
                .statusCode(200)
                .body("results[0].status", equalTo(400))
                .body("results[0].error.type", equalTo("invalid_request_error"))
                .body("results[0].error.param", equalTo(param))
                .body("results[0].error.message", not(emptyOrNullString()));
    }

    // ---- Part B: tools and images ----

    static Stream<Arguments> badTools() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= ToolDefinitions.MAX_TOOLS; i++) {
            many.add(tool("f" + i, "{\"type\":\"object\"}"));
        }
        String at = "tools[0].function.parameters";
        return Stream.of(
                Arguments.of("129 tools", withTools(String.join(",", many), ""), "tools"),
                Arguments.of("duplicate name", withTools(TOOL + "," + TOOL, ""), "tools[1].function.name"),
                Arguments.of("duplicate name later", withTools(tool("a", "{}") + "," + tool("b", "{}") + ","
                        + tool("a", "{}"), ""), "tools[2].function.name"),
                Arguments.of("bad name", withTools(tool("get weather", "{}"), ""), "tools[0].function.name"),
                Arguments.of("name too long", withTools(tool("f".repeat(65), "{}"), ""), "tools[0].function.name"),
                Arguments.of("top-level type string", withTools(tool("f", "{\"type\":\"string\"}"), ""), at + ".type"),
                Arguments.of("unknown property type", withTools(tool("f", "{\"type\":\"object\",\"properties\":"
                        + "{\"city\":{\"type\":\"text\"}}}"), ""), at + ".properties.city.type"),
                Arguments.of("type array with a bad entry", withTools(tool("f", "{\"properties\":{\"city\":{\"type\":"
                        + "[\"string\",\"str\"]}}}"), ""), at + ".properties.city.type"),
                Arguments.of("properties not an object", withTools(tool("f", "{\"properties\":[]}"), ""),
                        at + ".properties"),
                Arguments.of("property not a schema", withTools(tool("f", "{\"properties\":{\"city\":\"string\"}}"), ""),
                        at + ".properties.city"),
                Arguments.of("items not a schema", withTools(tool("f", "{\"properties\":{\"tags\":{\"type\":\"array\","
                        + "\"items\":\"string\"}}}"), ""), at + ".properties.tags.items"),
                Arguments.of("required not an array", withTools(tool("f", "{\"required\":\"city\"}"), ""),
                        at + ".required"),
                Arguments.of("required of numbers", withTools(tool("f", "{\"required\":[1]}"), ""), at + ".required"),
                Arguments.of("anyOf not an array", withTools(tool("f", "{\"anyOf\":{}}"), ""), at + ".anyOf"),
                Arguments.of("oneOf entry not a schema", withTools(tool("f", "{\"oneOf\":[true]}"), ""), at + ".oneOf[0]"),
                Arguments.of("allOf entry with a bad type", withTools(tool("f", "{\"allOf\":[{\"type\":\"x\"}]}"), ""),
                        at + ".allOf[0].type"),
                Arguments.of("$defs not an object", withTools(tool("f", "{\"$defs\":[]}"), ""), at + ".$defs"),
                Arguments.of("definitions entry not a schema", withTools(tool("f", "{\"definitions\":{\"a\":1}}"), ""),
                        at + ".definitions.a"),
                Arguments.of("additionalProperties a string", withTools(tool("f", "{\"additionalProperties\":\"no\"}"),
                        ""), at + ".additionalProperties"),
                Arguments.of("enum not an array", withTools(tool("f", "{\"properties\":{\"u\":{\"enum\":\"c\"}}}"), ""),
                        at + ".properties.u.enum"),
                Arguments.of("nested 65 deep", withTools(tool("f", ToolSchemasTest.nested(ToolSchemas.MAX_DEPTH)), ""),
                        at + ".properties.a".repeat(ToolSchemas.MAX_DEPTH)),
                Arguments.of("choice names an undeclared function", withTools(TOOL, ",\"tool_choice\":{\"type\":"
                        + "\"function\",\"function\":{\"name\":\"get_time\"}}"), "tool_choice"),
                Arguments.of("choice as an unknown string", withTools(TOOL, ",\"tool_choice\":\"get_weather\""),
                        "tool_choice"),
                Arguments.of("choice without a name", withTools(TOOL, ",\"tool_choice\":{\"type\":\"function\"}"),
                        "tool_choice.function.name"),
                Arguments.of("choice with an empty function", withTools(TOOL, ",\"tool_choice\":{\"type\":\"function\","
                        + "\"function\":{}}"), "tool_choice.function.name"),
                Arguments.of("choice with a numeric name", withTools(TOOL, ",\"tool_choice\":{\"type\":\"function\","
                        + "\"function\":{\"name\":5}}"), "tool_choice.function.name"),
                Arguments.of("choice of another type", withTools(TOOL, ",\"tool_choice\":{\"type\":\"custom\","
                        + "\"function\":{\"name\":\"get_weather\"}}"), "tool_choice.type"),
                Arguments.of("choice as a number", withTools(TOOL, ",\"tool_choice\":1"), "tool_choice"),
                Arguments.of("choice required without tools", chat("\"tool_choice\":\"required\""), "tool_choice"),
                Arguments.of("choice named without tools", chat("\"tool_choice\":{\"type\":\"function\",\"function\":"
                        + "{\"name\":\"get_weather\"}}"), "tool_choice"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTools")
    void refusesMalformedToolsNamingThePath(String label, String body, String param) {
        refused("/v1/chat/completions", body, param);
    }

    static Stream<Arguments> badImages() {
        List<Arguments> cases = new ArrayList<>();
        for (String url : List.of("file:///etc/passwd", "javascript:alert(1)", "ftp://x", "ftp://example.com/a.png",
                "data:text/plain;base64,aGk=", "data:image/png;base64,", "data:image/png;base64,@@@",
                "data:image/png,rawbytes", "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=", "data:image/png;base64,aGk",
                "data:image/png;base64,a=Gk", "data:image/png;base64,aG k=", "data:image/png;base64,aGk-",
                "data:image/png;base64,====", "data:image/png", "http://", "http:///a.png", "https://exa mple.com/a.png",
                "//example.com/a.png", "example.com/a.png", "mailto:a@example.com",
                "https://example.com/" + "a".repeat(ImageUrls.MAX_URL_LENGTH))) {
            String shown = url.length() > 40 ? url.substring(0, 40) + "…" : url;
            cases.add(Arguments.of(shown, withMessage(image(url)), "messages[0].content[1].image_url.url"));
        }
        cases.add(Arguments.of("in a later message", "{\"model\":\"" + MODEL + "\",\"messages\":[" + USER + ","
                + "{\"role\":\"assistant\",\"content\":\"ok\"}," + image("file:///etc/shadow") + "]}",
                "messages[2].content[1].image_url.url"));
        cases.add(Arguments.of("string form", withMessage("{\"role\":\"user\",\"content\":[{\"type\":\"image_url\","
                + "\"image_url\":\"javascript:x\"}]}"), "messages[0].content[0].image_url.url"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badImages")
    void refusesAnImageUrlThatIsNotAWebOrBase64Image(String label, String body, String param) {
        refused("/v1/chat/completions", body, param);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badImages")
    void refusesABadImageUrlBeforeAStreamStartsToo(String label, String body, String param) {
        refused("/v1/chat/completions", body.replaceFirst("\\{", "{\"stream\":true,"), param);
    }

    // ---- valid input still passes ----

    private void upstreamAnswers() {
        upstreamCalls = 1;
        UpstreamMock.wireMock().stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(COMPLETION)));
    }

    @Test
    void passesWellTypedPassThroughParametersUnchanged() {
        upstreamAnswers();
        Gateway.request().body(chat("\"logit_bias\":{\"50256\":-100,\"1\":100,\"2\":0.5},\"logprobs\":true,"
                + "\"top_logprobs\":20,\"store\":false,\"metadata\":{\"team\":\"search\"},\"service_tier\":\"auto\","
                + "\"modalities\":[\"text\"],\"prediction\":{\"type\":\"content\",\"content\":\"x\"},"
                + "\"temperature\":1,\"vendor_knob\":\"kept\""))
                .post("/v1/chat/completions").then().statusCode(200).body("choices[0].message.content", equalTo("ok"));
        UpstreamMock.wireMock().verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.logit_bias.50256", WireMock.equalTo("-100")))
                .withRequestBody(matchingJsonPath("$.top_logprobs", WireMock.equalTo("20")))
                .withRequestBody(matchingJsonPath("$.metadata.team", WireMock.equalTo("search")))
                .withRequestBody(matchingJsonPath("$.vendor_knob", WireMock.equalTo("kept"))));
    }

    @Test
    void passesAValidInlinePngAndAWebImage() {
        upstreamAnswers();
        String png = "data:image/png;base64," + PNG;
        Gateway.request().body("{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"" + png + "\"}},{\"type\":\"image_url\","
                + "\"image_url\":{\"url\":\"https://example.com/cat.jpg\",\"detail\":\"low\"}}]}]}")
                .post("/v1/chat/completions").then().statusCode(200);
        UpstreamMock.wireMock().verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.messages[0].content[0].image_url.url", WireMock.equalTo(png))));
        org.assertj.core.api.Assertions.assertThat(Base64.getDecoder().decode(PNG)).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void passesANestedValidSchemaAndAChoiceOfADeclaredTool() {
        upstreamAnswers();
        String schema = "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},\"unit\":{\"type\":"
                + "[\"string\",\"null\"],\"enum\":[\"c\",\"f\",null]},\"stops\":{\"type\":\"array\",\"items\":{\"$ref\":"
                + "\"#/$defs/stop\"}},\"when\":{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"integer\"}]}},"
                + "\"required\":[\"city\"],\"additionalProperties\":false,\"$defs\":{\"stop\":{\"type\":\"object\","
                + "\"properties\":{\"name\":{\"type\":\"string\"}},\"additionalProperties\":{\"type\":\"boolean\"}}}}";
        Gateway.request().body(withTools(tool("plan_trip", schema) + "," + TOOL, ",\"tool_choice\":{\"type\":"
                + "\"function\",\"function\":{\"name\":\"plan_trip\"}}"))
                .post("/v1/chat/completions").then().statusCode(200);
        UpstreamMock.wireMock().verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.tools[0].function.parameters.$defs.stop.type",
                        WireMock.equalTo("object"))));
    }

    @Test
    void passesAValidSimulatedBatchItemWithStrictTypes() {
        Gateway.request().body("{\"requests\":[{\"url\":\"/v1/chat/completions\",\"body\":{\"model\":\"sim-1\","
                + "\"max_tokens\":5,\"temperature\":0,\"logit_bias\":{\"7\":1},\"messages\":[" + USER + "]}}]}")
                .post("/v1/batch").then().statusCode(200).body("results[0].status", equalTo(200));
    }
}
