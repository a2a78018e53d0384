package dev.wormhole.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link GenAiMetricsTest} against the packaged gateway. */
@QuarkusIntegrationTest
class GenAiMetricsIT extends GenAiMetricsTest {
}
