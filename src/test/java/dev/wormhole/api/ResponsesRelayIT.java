package dev.wormhole.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The Responses relay suite against the packaged application (jar, or native binary with -Dnative). */
@QuarkusIntegrationTest
class ResponsesRelayIT extends ResponsesRelayTest {
}
