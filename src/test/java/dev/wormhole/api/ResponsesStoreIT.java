package dev.wormhole.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The stored-responses suite against the packaged application (jar, or native binary with -Dnative). */
@QuarkusIntegrationTest
class ResponsesStoreIT extends ResponsesStoreTest {
}
