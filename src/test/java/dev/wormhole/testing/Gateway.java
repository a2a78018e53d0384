package dev.wormhole.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** REST Assured requests to the gateway under test, authenticated with the test gateway key. */
public final class Gateway {

    private Gateway() {
    }

    public static RequestSpecification request() {
        return given().header("Authorization", "Bearer " + UpstreamMock.GATEWAY_KEY).contentType(ContentType.JSON);
    }

    /** A minimal chat body for a model. */
    public static String chat(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }
}
