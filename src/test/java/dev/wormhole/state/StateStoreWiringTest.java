package dev.wormhole.state;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Without any state configuration the application runs on the embedded store, and no Redis is involved. */
@QuarkusTest
class StateStoreWiringTest {

    @Inject
    StateStore store;

    @Test
    void usesTheEmbeddedStoreByDefault() {
        assertThat(store.describe()).startsWith("embedded (").contains("wormhole-").endsWith("state.bin)");
        store.put("wiring:embedded", new byte[] {7}, Duration.ofMinutes(1)).await().atMost(Duration.ofSeconds(5));
        assertThat(store.get("wiring:embedded").await().atMost(Duration.ofSeconds(5))).isPresent();
    }

    @Test
    void reportsItsReadiness() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'state-store' }.status", equalTo("UP"));
    }
}
