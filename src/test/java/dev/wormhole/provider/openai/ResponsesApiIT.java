package dev.wormhole.provider.openai;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The Responses API suite against the packaged application (JVM, and the native binary in the native gate). */
@QuarkusIntegrationTest
class ResponsesApiIT extends ResponsesApiTest {
}
