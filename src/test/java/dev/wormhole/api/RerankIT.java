package dev.wormhole.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The rerank suite against the packaged application (jar, or native binary with -Dnative). */
@QuarkusIntegrationTest
class RerankIT extends RerankTest {
}
