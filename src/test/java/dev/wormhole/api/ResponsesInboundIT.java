package dev.wormhole.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The Responses API suite against the packaged application (jar, or native binary with -Dnative). */
@QuarkusIntegrationTest
class ResponsesInboundIT extends ResponsesInboundTest {
}
