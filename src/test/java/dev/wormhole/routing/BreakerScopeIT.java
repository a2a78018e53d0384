package dev.wormhole.routing;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The breaker-scope suite against the packaged application (jar, or native binary with -Dnative). */
@QuarkusIntegrationTest
class BreakerScopeIT extends BreakerScopeTest {
}
