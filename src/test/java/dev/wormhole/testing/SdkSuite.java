package dev.wormhole.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;

import io.quarkus.test.common.http.TestHTTPResource;

/**
 * The base of a dialect's conformance suite: the official OpenAI Java SDK, unchanged and without retries,
 * pointed at the gateway, and the WireMock upstream reset before each test.
 */
public abstract class SdkSuite {

    @TestHTTPResource("/v1")
    protected URL baseUrl;

    protected OpenAIClient client;
    protected WireMockServer upstream;

    @BeforeEach
    void connect() {
        client = OpenAIOkHttpClient.builder().apiKey(UpstreamMock.GATEWAY_KEY).baseUrl(baseUrl.toString())
                .maxRetries(0).build();
        upstream = UpstreamMock.wireMock();
        upstream.resetAll();
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    /** What a streamed answer delivered, gathered chunk by chunk (choice 0 and any other alike). */
    protected record Streamed(List<ChatCompletionChunk> chunks, String text, List<Long> toolIndexes,
            List<String> toolIds, List<String> toolNames, String arguments,
            List<ChatCompletionChunk.Choice.FinishReason> finishes) {

        public ChatCompletionChunk last() {
            return chunks.get(chunks.size() - 1);
        }
    }

    /** Streams the request through the SDK to its end and gathers what arrived. */
    protected Streamed stream(ChatCompletionCreateParams params) {
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        List<Long> indexes = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        StringBuilder arguments = new StringBuilder();
        List<ChatCompletionChunk.Choice.FinishReason> finishes = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(chunk -> {
                chunks.add(chunk);
                chunk.choices().forEach(choice -> {
                    choice.delta().content().ifPresent(text::append);
                    choice.finishReason().ifPresent(finishes::add);
                    choice.delta().toolCalls().ifPresent(calls -> calls.forEach(call -> {
                        indexes.add(call.index());
                        call.id().ifPresent(ids::add);
                        call.function().flatMap(f -> f.name()).ifPresent(names::add);
                        call.function().flatMap(f -> f.arguments()).ifPresent(arguments::append);
                    }));
                });
            });
        }
        return new Streamed(chunks, text.toString(), indexes, ids, names, arguments.toString(), finishes);
    }

    /** A JSON reply. */
    protected static ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }
}
