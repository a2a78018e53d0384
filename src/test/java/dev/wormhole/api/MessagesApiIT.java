package dev.wormhole.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The Messages API suite against the packaged application (jar, or native binary with -Dnative). */
@QuarkusIntegrationTest
class MessagesApiIT extends MessagesApiTest {
}
