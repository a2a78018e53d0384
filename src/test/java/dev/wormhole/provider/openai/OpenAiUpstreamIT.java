package dev.wormhole.provider.openai;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The upstream fault suite (SSE splits, truncation, oversize frames, resets) against the packaged application. */
@QuarkusIntegrationTest
class OpenAiUpstreamIT extends OpenAiUpstreamTest {
}
