package dev.wormhole.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The usage and budgets suite against the packaged application (jar, or native binary with -Dnative). */
@QuarkusIntegrationTest
class UsageBudgetsIT extends UsageBudgetsTest {
}
