package dev.wormhole.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.wormhole.provider.ProviderRegistry;
import dev.wormhole.testing.RawClient;
import dev.wormhole.testing.StallingUpstream;
import dev.wormhole.testing.UpstreamMock;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** A Responses API client that hangs up cancels the upstream call and gives its lease back. */
@QuarkusTest
class ResponsesCancellationTest {

    @TestHTTPResource
    URL gateway;

    @Inject
    ProviderRegistry registry;

    @Test
    void disconnectDuringAStreamClosesTheUpstreamConnection() throws Exception {
        StallingUpstream upstream = UpstreamMock.stalling();
        int closed = upstream.closedByPeer();
        try (RawClient client = RawClient.post(gateway, "/v1/responses",
                "{\"model\":\"stall/m\",\"input\":\"hi\",\"stream\":true}")) {
            String head = client.readUntil("\"delta\":\"hi\"");
            assertThat(head).startsWith("HTTP/1.1 200").contains("event: response.created");
            assertThat(registry.leases("stall")).isEqualTo(1);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> upstream.closedByPeer() > closed);
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.leases("stall") == 0);
    }

    @Test
    void disconnectDuringANonStreamedCallClosesTheUpstreamConnection() throws Exception {
        StallingUpstream upstream = UpstreamMock.stalling();
        int accepted = upstream.accepted();
        int closed = upstream.closedByPeer();
        try (RawClient client = RawClient.post(gateway, "/v1/responses", "{\"model\":\"stall/m\",\"input\":\"hi\"}")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> upstream.accepted() > accepted);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> upstream.closedByPeer() > closed);
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.leases("stall") == 0);
    }
}
