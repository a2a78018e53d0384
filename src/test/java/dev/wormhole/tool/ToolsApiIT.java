package dev.wormhole.tool;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The tools API suite against the packaged application (jar, or native binary with -Dnative). */
@QuarkusIntegrationTest
class ToolsApiIT extends ToolsApiTest {
}
