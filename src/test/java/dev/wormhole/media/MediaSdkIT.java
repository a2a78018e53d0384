package dev.wormhole.media;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The media SDK suite against the packaged application (jar, or native binary with -Dnative). */
@QuarkusIntegrationTest
class MediaSdkIT extends MediaSdkTest {
}
