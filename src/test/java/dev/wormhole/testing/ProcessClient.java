package dev.wormhole.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.restassured.path.json.JsonPath;

/**
 * Plain HTTP to gateways started as processes ({@link GatewayProcess}), whose ports RestAssured does not know: the
 * admin API with an admin key, and a small chat call with a client key.
 */
public final class ProcessClient {

    /** One client for every test: its connections are reused across requests. */
    public static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ProcessClient() {
    }

    /** {@code path} (from its leading slash) on the gateway at {@code base}. */
    public static URI uri(URL base, String path) {
        return URI.create(base.toString().replaceAll("/$", "") + path);
    }

    /** A request to the admin API of the gateway at {@code base}. */
    public static HttpRequest.Builder admin(URL base, String adminKey, String path) {
        return HttpRequest.newBuilder(uri(base, path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + adminKey);
    }

    /** The JSON answer of a GET on the admin API, which must be a 200. */
    public static JsonPath adminGet(URL base, String adminKey, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(admin(base, adminKey, path).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonPath(response.body());
    }

    /** Creates a virtual key ({@code body} as the admin API takes it); the answer holds its id and secret. */
    public static JsonPath createKey(URL base, String adminKey, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(admin(base, adminKey, "/admin/keys")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return new JsonPath(response.body());
    }

    /** A non-streamed chat call to the simulator's {@code sim-1} with {@code key}. */
    public static HttpRequest chat(URL base, String key) {
        return HttpRequest.newBuilder(uri(base, "/v1/chat/completions")).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"sim-1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build();
    }

    /** The status of {@link #chat} on the gateway at {@code base} with {@code key}. */
    public static int chatStatus(URL base, String key) throws IOException, InterruptedException {
        return HTTP.send(chat(base, key), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
