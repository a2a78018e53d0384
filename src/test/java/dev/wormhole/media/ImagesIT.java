package dev.wormhole.media;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The images suite against the packaged application (jar, or native binary with -Dnative). */
@QuarkusIntegrationTest
class ImagesIT extends ImagesTest {
}
