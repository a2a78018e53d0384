package dev.wormhole.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The idempotency suite against the packaged application (jar, or native binary with -Dnative). */
@QuarkusIntegrationTest
class IdempotencyIT extends IdempotencyTest {
}
