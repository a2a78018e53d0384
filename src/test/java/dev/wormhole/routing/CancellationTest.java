package dev.wormhole.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.wormhole.provider.ProviderRegistry;
import dev.wormhole.testing.Gateway;
import dev.wormhole.testing.RawClient;
import dev.wormhole.testing.StallingUpstream;
import dev.wormhole.testing.UpstreamMock;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** A client that hangs up cancels the upstream call, streaming or not, and gives its lease back. */
@QuarkusTest
class CancellationTest {

    @TestHTTPResource
    URL gateway;

    @Inject
    ProviderRegistry registry;

    @Test
    void disconnectDuringANonStreamedCallClosesTheUpstreamConnection() throws Exception {
        StallingUpstream upstream = UpstreamMock.stalling();
        int accepted = upstream.accepted();
        int closed = upstream.closedByPeer();
        try (RawClient client = RawClient.post(gateway, "/v1/chat/completions", Gateway.chat("stall/m", false))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> registry.leases("stall") == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> upstream.accepted() > accepted);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> upstream.closedByPeer() > closed);
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.leases("stall") == 0);
    }

    @Test
    void disconnectBeforeTheFirstChunkOfAStreamClosesTheUpstreamConnection() throws Exception {
        StallingUpstream upstream = UpstreamMock.stalling();
        int accepted = upstream.accepted();
        int closed = upstream.closedByPeer();
        try (RawClient client = RawClient.post(gateway, "/v1/chat/completions", Gateway.chat("stall/silent", true))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> upstream.accepted() > accepted);
            assertThat(registry.leases("stall")).isEqualTo(1);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> upstream.closedByPeer() > closed);
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.leases("stall") == 0);
    }

    @Test
    void endsTheStreamAtDoneEvenIfTheUpstreamKeepsItsBodyOpen() throws Exception {
        try (RawClient client = RawClient.post(gateway, "/v1/chat/completions", Gateway.chat("stall/done", true))) {
            assertThat(client.readUntil("data: [DONE]")).contains("\"finish_reason\":\"stop\"");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.leases("stall") == 0);
    }

    @Test
    void disconnectDuringAStreamClosesTheUpstreamConnection() throws Exception {
        StallingUpstream upstream = UpstreamMock.stalling();
        int closed = upstream.closedByPeer();
        try (RawClient client = RawClient.post(gateway, "/v1/chat/completions", Gateway.chat("stall/m", true))) {
            String head = client.readUntil("\"content\":\"hi\"");
            assertThat(head).startsWith("HTTP/1.1 200").contains("text/event-stream");
            assertThat(registry.leases("stall")).isEqualTo(1);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> upstream.closedByPeer() > closed);
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.leases("stall") == 0);
    }

    @Test
    void disconnectDuringAMessagesStreamClosesTheUpstreamConnection() throws Exception {
        StallingUpstream upstream = UpstreamMock.stalling();
        int closed = upstream.closedByPeer();
        try (RawClient client = RawClient.post(gateway, "/v1/messages", messages("stall/m", true))) {
            String head = client.readUntil("\"text\":\"hi\"");
            assertThat(head).startsWith("HTTP/1.1 200").contains("event: content_block_delta");
            assertThat(registry.leases("stall")).isEqualTo(1);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> upstream.closedByPeer() > closed);
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.leases("stall") == 0);
    }

    @Test
    void disconnectDuringANonStreamedMessageClosesTheUpstreamConnection() throws Exception {
        StallingUpstream upstream = UpstreamMock.stalling();
        int accepted = upstream.accepted();
        int closed = upstream.closedByPeer();
        try (RawClient client = RawClient.post(gateway, "/v1/messages", messages("stall/m", false))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> registry.leases("stall") == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> upstream.accepted() > accepted);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> upstream.closedByPeer() > closed);
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.leases("stall") == 0);
    }

    private static String messages(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":50,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }
}
