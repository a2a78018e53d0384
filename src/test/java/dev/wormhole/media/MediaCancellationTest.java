package dev.wormhole.media;

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

/** A client that hangs up on an image or speech call cancels the upstream call and gives its lease back. */
@QuarkusTest
class MediaCancellationTest {

    @TestHTTPResource
    URL gateway;

    @Inject
    ProviderRegistry registry;

    @Test
    void disconnectDuringImageGenerationClosesTheUpstreamConnection() throws Exception {
        hangUpOn("/v1/images/generations", "{\"model\":\"stall/gpt-image-1\",\"prompt\":\"a red fox\"}");
    }

    @Test
    void disconnectBeforeTheFirstAudioBytesClosesTheUpstreamConnection() throws Exception {
        hangUpOn("/v1/audio/speech", "{\"model\":\"stall/tts-1\",\"input\":\"Hello\",\"voice\":\"alloy\"}");
    }

    private void hangUpOn(String path, String body) throws Exception {
        StallingUpstream upstream = UpstreamMock.stalling();
        int accepted = upstream.accepted();
        int closed = upstream.closedByPeer();
        try (RawClient client = RawClient.post(gateway, path, body)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> upstream.accepted() > accepted);
            await().atMost(Duration.ofSeconds(10)).until(() -> registry.leases("stall") == 1);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> upstream.closedByPeer() > closed);
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.leases("stall") == 0);
    }
}
