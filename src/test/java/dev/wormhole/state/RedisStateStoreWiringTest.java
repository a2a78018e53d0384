package dev.wormhole.state;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.wormhole.testing.RedisStateResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** With {@code wormhole.state.backend=redis} the application's store is Redis, and readiness checks it. */
@QuarkusTest
@QuarkusTestResource(value = RedisStateResource.class, restrictToAnnotatedClass = true)
class RedisStateStoreWiringTest {

    @Inject
    StateStore store;

    @Test
    void usesRedisWhenConfigured() {
        assertThat(store.describe()).startsWith("redis (redis://127.0.0.1:");
        Admission admission = store.admit("wiring:rpm", 10, Duration.ofMinutes(1), 1).await().atMost(Duration.ofSeconds(5));
        assertThat(admission.remaining()).isEqualTo(9);
    }

    @Test
    void keepsStoredResponsesInRedisForEveryReplica() {
        String id = given().contentType("application/json")
                .header("Authorization", "Bearer " + dev.wormhole.testing.UpstreamMock.GATEWAY_KEY).body("{\"model\":\"simulator/sim-1\",\"input\":\"again\",\"store\":true}")
                .post("/v1/responses").then().statusCode(200).extract().path("id");

        assertThat(store.get("responses:" + id).await().atMost(Duration.ofSeconds(5))).isPresent();
    }

    @Test
    void reportsItsReadiness() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'state-store' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'state-store' }.data.store", startsWith("redis (redis://127.0.0.1:"));
    }
}
