package dev.wormhole.provider.gemini;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The Gemini conformance suite against the packaged application (JVM, and the native binary in the native gate). */
@QuarkusIntegrationTest
class GeminiConformanceIT extends GeminiConformanceTest {
}
