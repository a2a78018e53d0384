package dev.wormhole.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The provider limits suite against the packaged application (jar, or native binary with -Dnative). */
@QuarkusIntegrationTest
class ProviderLimitsIT extends ProviderLimitsTest {
}
