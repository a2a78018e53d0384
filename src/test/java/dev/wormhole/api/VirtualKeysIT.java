package dev.wormhole.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The virtual keys suite against the packaged application (jar, or native binary with -Dnative). */
@QuarkusIntegrationTest
class VirtualKeysIT extends VirtualKeysTest {
}
