package dev.wormhole.key;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.wormhole.testing.Gateway;
import io.quarkus.test.junit.QuarkusTest;

/** A key's secret appears in no log line through its whole life: create, use, rotate, revoke. In process only. */
@QuarkusTest
class KeySecretsLoggingTest {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(record.getParameters()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stop() {
        Logger.getLogger("").removeHandler(capture);
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

        assertThat(lines).anyMatch(line -> line.contains(id));
        assertThat(lines).noneMatch(line -> line.contains(secret) || line.contains(rotated)
                || line.contains(secret.substring(3, 20)) || line.contains(rotated.substring(3, 20)));
    }
}
