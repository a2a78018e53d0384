package dev.wormhole.api;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.wormhole.testing.Gateway;
import dev.wormhole.testing.UpstreamMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Virtual keys end to end: the admin API behind the admin key, client requests with a created, rotated, revoked or
 * expired key, the key's model globs (403 in the route's envelope, before any upstream call), the key declared in
 * configuration, and the static gateway key beside them. No CDI: {@link VirtualKeysIT} runs it on the packaged jar.
 */
@QuarkusTest
class VirtualKeysTest {

    /** Bounds the wait for a change to reach the edge: the key cache TTL (500 ms by default) with margin. */
    private static final Duration PROPAGATION = Duration.ofSeconds(3);

    private static JsonPath create(String body) {
        return Gateway.admin().body(body).post("/admin/keys").then().statusCode(201).extract().jsonPath();
    }

    private static int chat(String key, String model) {
        return Gateway.as(key).body(Gateway.chat(model, false)).post("/v1/chat/completions").statusCode();
    }

    private static String messages(String model) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }

    @Test
    void createdKeyWorksUntilRevoked() {
        JsonPath key = create("{\"name\":\"ci-bot\",\"team\":\"platform\"}");
        String secret = key.getString("secret");
        assertThat(secret).startsWith("wh-").hasSizeGreaterThanOrEqualTo(40);
        assertThat(key.getString("hint")).isEqualTo("wh-…" + secret.substring(secret.length() - 4));
        assertThat(key.getString("status")).isEqualTo("active");
        assertThat(key.getString("source")).isEqualTo("api");
        assertThat(chat(secret, "sim-1")).isEqualTo(200);
        Gateway.as(secret).header("x-api-key", secret).get("/v1/models").then().statusCode(200);

        Gateway.admin().post("/admin/keys/" + key.getString("id") + "/revoke").then().statusCode(200)
                .body("status", equalTo("revoked")).body("revoked_at", not(equalTo(null)));

        await().atMost(PROPAGATION).until(() -> chat(secret, "sim-1") == 401);
        Gateway.as(secret).body(Gateway.chat("sim-1", false)).post("/v1/chat/completions").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer").body("error.type", equalTo("authentication_error"))
                .body("error.code", equalTo("invalid_api_key"));
        Gateway.as(secret).body(messages("sim-1")).post("/v1/messages").then().statusCode(401)
                .body("type", equalTo("error")).body("error.type", equalTo("authentication_error"));
    }

    @Test
    void rotationIssuesANewSecretAndKillsTheOldOne() {
        JsonPath key = create("{\"name\":\"rotating\"}");
        String old = key.getString("secret");
        JsonPath rotated = Gateway.admin().post("/admin/keys/" + key.getString("id") + "/rotate").then().statusCode(200)
                .extract().jsonPath();
        String fresh = rotated.getString("secret");
        assertThat(fresh).startsWith("wh-").isNotEqualTo(old);
        assertThat(rotated.getString("id")).isEqualTo(key.getString("id"));
        assertThat(rotated.getString("hint")).endsWith(fresh.substring(fresh.length() - 4));

        await().atMost(PROPAGATION).until(() -> chat(old, "sim-1") == 401);
        assertThat(chat(fresh, "sim-1")).isEqualTo(200);
    }

    @Test
    void expiredKeyIsRefused() {
        String expiry = Instant.now().plusSeconds(2).toString();
        String secret = create("{\"name\":\"short-lived\",\"expires_at\":\"" + expiry + "\"}").getString("secret");
        assertThat(chat(secret, "sim-1")).isEqualTo(200);
        await().atMost(Duration.ofSeconds(6)).until(() -> chat(secret, "sim-1") == 401);
    }

    @Test
    void unknownKeyIsRefused() {
        assertThat(chat("wh-" + UUID.randomUUID(), "sim-1")).isEqualTo(401);
    }

    @Test
    void modelOutsideTheKeysGlobsIsForbiddenInTheRoutesEnvelopeBeforeAnyUpstreamCall() {
        String model = "forbidden-" + UUID.randomUUID();
        String secret = create("{\"name\":\"sim-only\",\"models\":[\"sim-*\",\"spread\"]}").getString("secret");

        Gateway.as(secret).body(Gateway.chat("openai/" + model, false)).post("/v1/chat/completions").then()
                .statusCode(403).body("error.type", equalTo("permission_error")).body("error.param", equalTo("model"))
                .body("error.code", equalTo("model_not_allowed")).body("error.message", org.hamcrest.Matchers.containsString(model));
        Gateway.as(secret).body(messages("claude/" + model)).post("/v1/messages").then().statusCode(403)
                .body("type", equalTo("error")).body("error.type", equalTo("permission_error"));
        Gateway.as(secret).body("{\"model\":\"claude/" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post("/v1/messages/count_tokens").then().statusCode(403).body("error.type", equalTo("permission_error"));
        Gateway.as(secret).body("{\"model\":\"openai/" + model + "\",\"input\":\"hi\"}").post("/v1/embeddings").then()
                .statusCode(403).body("error.type", equalTo("permission_error"));
        Gateway.as(secret).body("{\"model\":\"sim-1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"wormhole\":{\"fallbacks\":[\"openai/" + model + "\"]}}").post("/v1/chat/completions").then()
                .statusCode(403).body("error.param", equalTo("wormhole.fallbacks"));
        assertThat(UpstreamMock.wireMock().findAll(anyRequestedFor(anyUrl()).withRequestBody(containing(model)))).isEmpty();

        assertThat(chat(secret, "sim-1")).isEqualTo(200);
        // An alias is granted by its own name, whatever its targets.
        assertThat(chat(secret, "spread")).isEqualTo(200);
    }

    @Test
    void modelListShowsOnlyWhatTheKeyMayName() {
        String secret = create("{\"name\":\"lister\",\"models\":[\"sim-*\",\"gem/*\"]}").getString("secret");

        java.util.List<String> ids = Gateway.as(secret).get("/v1/models").then().statusCode(200).extract().jsonPath()
                .getList("data.id", String.class);
        // sim-1 by its bare id (it routes to the default provider, simulator), gem's models by their qualified ids;
        // slowsim/sim-1 is not what the bare id sim-1 reaches, so the key cannot name it.
        assertThat(ids).contains("simulator/sim-1").anyMatch(id -> id.startsWith("gem/"))
                .allMatch(id -> id.startsWith("simulator/sim-") || id.startsWith("gem/"))
                .doesNotContain("slowsim/sim-1");
        java.util.List<String> anthropicIds = Gateway.as(secret).header("anthropic-version", "2023-06-01")
                .get("/v1/models?limit=1000").then().statusCode(200).extract().jsonPath().getList("data.id", String.class);
        assertThat(anthropicIds).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(Gateway.as(UpstreamMock.GATEWAY_KEY).get("/v1/models").then().statusCode(200).extract().jsonPath()
                .getList("data.id", String.class)).contains("slowsim/sim-1").hasSizeGreaterThan(ids.size() + 1);

        Gateway.as(secret).get("/v1/models/sim-1").then().statusCode(200);
        Gateway.as(secret).get("/v1/models/openai/gpt-4o-mini").then().statusCode(403)
                .body("error.code", equalTo("model_not_allowed"));
    }

    @Test
    void keyDeclaredInConfigurationWorksAndIsReadOnly() {
        assertThat(chat(UpstreamMock.CONFIG_KEY, "sim-1")).isEqualTo(200);
        assertThat(chat(UpstreamMock.CONFIG_KEY, "openai/gpt-4o-mini")).isEqualTo(403);

        Gateway.admin().get("/admin/keys/cfg_gitops").then().statusCode(200).body("source", equalTo("config"))
                .body("team", equalTo("platform")).body("limits.rpm", equalTo(60)).body("models[0]", equalTo("sim-*"))
                .body("secret", equalTo(null));
        Gateway.admin().body("{\"name\":\"renamed\"}").patch("/admin/keys/cfg_gitops").then().statusCode(403)
                .body("error.code", equalTo("config_key_read_only"));
        Gateway.admin().post("/admin/keys/cfg_gitops/revoke").then().statusCode(403);
        Gateway.admin().post("/admin/keys/cfg_gitops/rotate").then().statusCode(403);
        assertThat(chat(UpstreamMock.CONFIG_KEY, "sim-1")).isEqualTo(200);
    }

    @Test
    void staticGatewayKeyStillWorks() {
        assertThat(chat(UpstreamMock.GATEWAY_KEY, "openai/" + "gpt-4o-mini")).isNotIn(401, 403);
        assertThat(chat(UpstreamMock.GATEWAY_KEY, "sim-1")).isEqualTo(200);
    }

    @Test
    void adminApiTakesOnlyTheAdminKey() {
        String secret = create("{\"name\":\"client\"}").getString("secret");
        Gateway.as(UpstreamMock.GATEWAY_KEY).get("/admin/keys").then().statusCode(401)
                .body("error.type", equalTo("authentication_error"));
        Gateway.as(secret).get("/admin/keys").then().statusCode(401);
        Gateway.as(UpstreamMock.CONFIG_KEY).get("/admin/keys").then().statusCode(401);
        io.restassured.RestAssured.given().get("/admin/keys").then().statusCode(401).header("WWW-Authenticate", "Bearer");
        // The admin key is not a client key.
        assertThat(chat(UpstreamMock.ADMIN_KEY, "sim-1")).isEqualTo(401);
    }

    @Test
    void secretIsShownOnlyWhenIssued() {
        JsonPath key = create("{\"name\":\"secretive\",\"metadata\":{\"env\":\"ci\"}}");
        String secret = key.getString("secret");
        String id = key.getString("id");
        String one = Gateway.admin().get("/admin/keys/" + id).then().statusCode(200).body("metadata.env", equalTo("ci"))
                .extract().asString();
        assertThat(one).doesNotContain(secret).doesNotContain("\"secret\"");
        String after = null;
        boolean more = true;
        while (more) {
            JsonPath page = Gateway.admin().queryParam("limit", 100).queryParam("after", after == null ? "" : after)
                    .get("/admin/keys").then().statusCode(200).extract().jsonPath();
            assertThat(page.prettify()).doesNotContain(secret).doesNotContain("\"secret\"");
            more = page.getBoolean("has_more");
            after = page.getString("last_id");
        }
    }

    @Test
    void listIsPagedById() {
        create("{\"name\":\"page-a\"}");
        create("{\"name\":\"page-b\"}");
        JsonPath first = Gateway.admin().queryParam("limit", 1).get("/admin/keys").then().statusCode(200)
                .body("object", equalTo("list")).body("data.size()", equalTo(1)).body("has_more", equalTo(true))
                .extract().jsonPath();
        String last = first.getString("last_id");
        Gateway.admin().queryParam("limit", 1).queryParam("after", last).get("/admin/keys").then().statusCode(200)
                .body("data[0].id", not(equalTo(last)));
        Gateway.admin().queryParam("limit", 1000).get("/admin/keys").then().statusCode(400)
                .body("error.param", equalTo("limit"));
    }

    @Test
    void patchChangesOnlyTheNamedFields() {
        JsonPath key = create("{\"name\":\"patchable\",\"team\":\"a\",\"limits\":{\"rpm\":10},"
                + "\"budget\":{\"usd\":25.5,\"period\":\"month\"}}");
        String id = key.getString("id");
        Gateway.admin().body("{\"team\":null,\"limits\":{\"tpm\":1000,\"max_concurrent\":4},\"models\":[\"openai/*\"]}")
                .patch("/admin/keys/" + id).then().statusCode(200).body("name", equalTo("patchable"))
                .body("team", equalTo(null)).body("limits.rpm", equalTo(null)).body("limits.tpm", equalTo(1000))
                .body("limits.max_concurrent", equalTo(4)).body("budget.usd", equalTo(25.5f))
                .body("budget.period", equalTo("month")).body("models[0]", equalTo("openai/*"));
        assertThat(chat(key.getString("secret"), "sim-1")).isEqualTo(403);
        Gateway.admin().delete("/admin/keys/" + id).then().statusCode(204);
        Gateway.admin().get("/admin/keys/" + id).then().statusCode(404);
        await().atMost(PROPAGATION).until(() -> chat(key.getString("secret"), "openai/gpt-4o-mini") == 401);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}|name",
            "{\"name\":\"x\",\"budget\":{\"usd\":5,\"period\":\"week\"}}|budget.period",
            "{\"name\":\"x\",\"budget\":{\"usd\":5}}|budget.period",
            "{\"name\":\"x\",\"budget\":{\"usd\":-3,\"period\":\"day\"}}|budget.usd",
            "{\"name\":\"x\",\"limits\":{\"rpm\":-1}}|limits.rpm",
            "{\"name\":\"x\",\"limits\":{\"max_concurrent\":0}}|limits.max_concurrent",
            "{\"name\":\"x\",\"limits\":{\"tpm\":\"5\"}}|limits.tpm",
            "{\"name\":\"x\",\"models\":[\"sim-1\",\"bad glob!\"]}|models[1]",
            "{\"name\":\"x\",\"models\":[]}|models",
            "{\"name\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}|name",
            "{\"name\":\"x\",\"expires_at\":\"tomorrow\"}|expires_at",
            "{\"name\":\"x\",\"expires_at\":\"2001-01-01T00:00:00Z\"}|expires_at",
            "{\"name\":\"x\",\"limits\":{\"rmp\":5}}|limits",
    })
    void badKeyInputIsA400NamingTheField(String body, String field) {
        Gateway.admin().body(body).post("/admin/keys").then().statusCode(400)
                .body("error.type", equalTo("invalid_request_error")).body("error.param", equalTo(field));
    }

    @Test
    void badPatchAndUnknownIdsAreRefused() {
        String id = create("{\"name\":\"validated\"}").getString("id");
        Gateway.admin().body("{\"limits\":{\"tpm\":0}}").patch("/admin/keys/" + id).then().statusCode(400)
                .body("error.param", equalTo("limits.tpm"));
        Gateway.admin().body("{\"name\":null}").patch("/admin/keys/" + id).then().statusCode(400)
                .body("error.param", equalTo("name"));
        Gateway.admin().body("{\"nme\":\"y\"}").patch("/admin/keys/" + id).then().statusCode(400)
                .body("error.message", startsWith("Unknown field"));
        Gateway.admin().get("/admin/keys/key_doesnotexist").then().statusCode(404).body("error.code", equalTo("key_not_found"));
        Gateway.admin().post("/admin/keys/key_doesnotexist/revoke").then().statusCode(404);
    }
}
