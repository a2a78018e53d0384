package dev.wormhole.provider.ollama;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The Ollama conformance suite against the packaged application (JVM, and the native binary in the native gate). */
@QuarkusIntegrationTest
class OllamaConformanceIT extends OllamaConformanceTest {
}
