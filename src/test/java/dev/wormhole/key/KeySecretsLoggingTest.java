package dev.wormhole.key;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.wormhole.testing.Gateway;
import dev.wormhole.testing.LogCapture;
import io.quarkus.test.junit.QuarkusTest;

/** A key's secret appears in no log line through its whole life: create, use, rotate, revoke. In process only. */
@QuarkusTest
class KeySecretsLoggingTest {

    private LogCapture capture;

    @BeforeEach
    void listen() {
        capture = LogCapture.attach("");
    }

    @AfterEach
    void stop() {
        capture.detach();
    }

    @Test
    void secretNeverLogged() {
        var created = Gateway.admin().body("{\"name\":\"logged\"}").post("/admin/keys").then().statusCode(201)
                .extract().jsonPath();
        String id = created.getString("id");
        String secret = created.getString("secret");
        Gateway.as(secret).body(Gateway.chat("sim-1", false)).post("/v1/chat/completions").then().statusCode(200);
        String rotated = Gateway.admin().post("/admin/keys/" + id + "/rotate").then().statusCode(200).extract()
                .path("secret");
        Gateway.admin().post("/admin/keys/" + id + "/revoke").then().statusCode(200);
        Gateway.as(rotated).body(Gateway.chat("sim-1", false)).post("/v1/chat/completions").then().statusCode(401);

        List<String> lines = capture.lines();
        assertThat(lines).anyMatch(line -> line.contains(id));
        assertThat(lines).noneMatch(line -> line.contains(secret) || line.contains(rotated)
                || line.contains(secret.substring(3, 20)) || line.contains(rotated.substring(3, 20)));
    }
}
