package dev.wormhole.media;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The media key guards against the packaged application (jar, or native binary with -Dnative). */
@QuarkusIntegrationTest
class MediaKeysIT extends MediaKeysTest {
}
