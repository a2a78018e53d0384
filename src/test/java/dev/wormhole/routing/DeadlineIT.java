package dev.wormhole.routing;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The deadline suite against the packaged application (jar, or native binary with -Dnative). */
@QuarkusIntegrationTest
class DeadlineIT extends DeadlineTest {
}
