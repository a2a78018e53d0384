package dev.wormhole.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The SDK suite against the packaged application (jar, or native binary with -Dnative). */
@QuarkusIntegrationTest
class OpenAiSdkIT extends OpenAiSdkTest {
}
