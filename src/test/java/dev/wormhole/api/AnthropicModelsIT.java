package dev.wormhole.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The Anthropic models suite against the packaged application (jar, or native binary with -Dnative). */
@QuarkusIntegrationTest
class AnthropicModelsIT extends AnthropicModelsTest {
}
