package dev.wormhole.media;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The speech suite against the packaged application (jar, or native binary with -Dnative). */
@QuarkusIntegrationTest
class SpeechIT extends SpeechTest {
}
