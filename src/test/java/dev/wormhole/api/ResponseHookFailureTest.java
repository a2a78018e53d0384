package dev.wormhole.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.wormhole.testing.Gateway;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * A failure on the response path never leaves a request hanging: a hook that throws, or that writes a header
 * the codec refuses, is logged and skipped, and the response goes out at once with its request id.
 */
@QuarkusTest
class ResponseHookFailureTest {

    @ParameterizedTest
    @CsvSource({ "throw,false", "throw,true", "bad-header,false", "bad-header,true" })
    void completesTheRequestWhenAResponseHookFails(String how, boolean stream) {
        Response response = Gateway.request().header(FailingResponseHook.TRIGGER, how)
                .body(Gateway.chat("sim-1", stream)).post("/v1/chat/completions");

        response.then().time(lessThan(1_000L)).statusCode(200).header("x-request-id", startsWith("req_"));
        assertThat(response.header("Injected")).isNull();
        if (stream) {
            assertThat(response.asString()).endsWith("data: [DONE]\n\n");
        } else {
            response.then().body("object", equalTo("chat.completion"));
        }
    }

    @ParameterizedTest
    @CsvSource({ "throw", "bad-header" })
    void completesAnErrorResponseWhenAResponseHookFails(String how) {
        Gateway.request().header(FailingResponseHook.TRIGGER, how).body(Gateway.chat("simulator/nope", false))
                .post("/v1/chat/completions").then().time(lessThan(1_000L)).statusCode(404)
                .body("error.code", equalTo("model_not_found"));
    }
}
