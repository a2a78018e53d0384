package dev.wormhole.provider.anthropic;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The Anthropic conformance suite against the packaged application (JVM, and the native binary in the native gate). */
@QuarkusIntegrationTest
class AnthropicConformanceIT extends AnthropicConformanceTest {
}
