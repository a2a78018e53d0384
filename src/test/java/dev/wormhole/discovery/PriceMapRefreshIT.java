package dev.wormhole.discovery;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The price map suite against the packaged application (jar, or native binary with -Dnative). */
@QuarkusIntegrationTest
class PriceMapRefreshIT extends PriceMapRefreshTest {
}
