package dev.wormhole.tool;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The configured HTTP tool against the packaged application (jar, or native binary with -Dnative). */
@QuarkusIntegrationTest
class HttpToolIT extends HttpToolTest {
}
