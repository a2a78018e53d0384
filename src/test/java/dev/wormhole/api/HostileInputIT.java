package dev.wormhole.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The hostile-input suite against the packaged application (jar, or native binary with -Dnative). */
@QuarkusIntegrationTest
class HostileInputIT extends HostileInputTest {
}
