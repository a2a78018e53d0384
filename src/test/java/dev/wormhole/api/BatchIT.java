package dev.wormhole.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The batch suite against the packaged application (jar, or native binary with -Dnative). */
@QuarkusIntegrationTest
class BatchIT extends BatchTest {
}
