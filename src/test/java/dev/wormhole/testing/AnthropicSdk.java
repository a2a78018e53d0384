package dev.wormhole.testing;

import java.net.URL;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;

/** The official Anthropic Java SDK, unchanged and without retries, pointed at the gateway with its key. */
public final class AnthropicSdk {

    private AnthropicSdk() {
    }

    /** A client of the gateway at {@code gateway} (its root URL), with the test gateway key. */
    public static AnthropicClient client(URL gateway) {
        return AnthropicOkHttpClient.builder().apiKey(UpstreamMock.GATEWAY_KEY)
                .baseUrl(gateway.toString().replaceAll("/$", "")).maxRetries(0).build();
    }
}
