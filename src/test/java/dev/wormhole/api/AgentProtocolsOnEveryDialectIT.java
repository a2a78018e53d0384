package dev.wormhole.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link AgentProtocolsOnEveryDialectTest} against the packaged application. */
@QuarkusIntegrationTest
class AgentProtocolsOnEveryDialectIT extends AgentProtocolsOnEveryDialectTest {
}
