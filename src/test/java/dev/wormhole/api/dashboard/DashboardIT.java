package dev.wormhole.api.dashboard;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The dashboard's HTTP suite against the packaged application (jar, or native binary with -Dnative). */
@QuarkusIntegrationTest
class DashboardIT extends DashboardTest {
}
