package dev.wormhole.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** REST Assured requests to the gateway under test, authenticated with the test gateway key (or another). */
public final class Gateway {

    private Gateway() {
    }

    public static RequestSpecification request() {
        return given().header("Authorization", "Bearer " + UpstreamMock.GATEWAY_KEY).contentType(ContentType.JSON);
    }

    /** A request to the admin API, authenticated with the test admin key. */
    public static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + UpstreamMock.ADMIN_KEY).contentType(ContentType.JSON);
    }

    /** A request authenticated with {@code key} instead of the test gateway key. */
    public static RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON);
    }

    /** A minimal chat body for a model. */
    public static String chat(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }
}
