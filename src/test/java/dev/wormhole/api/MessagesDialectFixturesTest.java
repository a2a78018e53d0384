package dev.wormhole.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.api.dto.MessagesRequest;
import dev.wormhole.core.ChatRequest;
import dev.wormhole.provider.gemini.GeminiWireDialect;
import dev.wormhole.provider.ollama.OllamaWireDialect;
import dev.wormhole.provider.openai.OpenAiWireDialect;
import dev.wormhole.testing.Golden;
import dev.wormhole.testing.WireDialect;
import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;

/**
 * Anthropic Messages ⇄ core ⇄ each upstream dialect, end to end through the real mappers, decoders and
 * encoders, against golden files in {@code fixtures/messages-inbound/<dialect>/}: the inbound request becomes
 * the dialect's upstream request; the upstream stream, split anywhere, becomes Anthropic's event stream byte
 * for byte; the upstream reply becomes Anthropic's message.
 */
class MessagesDialectFixturesTest {

    private static final String REQUEST_ID = "req_fixture";
    private static final long MAX_IMAGE = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, WireDialect> DIALECTS = Map.of(
            "openai", new OpenAiWireDialect(false),
            "openai-responses", new OpenAiWireDialect(true),
            "gemini", new GeminiWireDialect(),
            "ollama", new OllamaWireDialect());

    private final MessagesStreamEncoder encoder = new MessagesStreamEncoder(new JsonWriter(JSON));

    @AfterAll
    static void close() {
        DIALECTS.values().forEach(WireDialect::close);
    }

    @ParameterizedTest
    @ValueSource(strings = { "openai", "openai-responses", "gemini", "ollama" })
    void translatesTheGoldenRequestIntoTheDialectsUpstreamRequest(String dialect) throws IOException {
        MessagesRequest body = request(dialect);

        Golden.assertJson(path(dialect, "upstream-request.json"),
                DIALECTS.get(dialect).request(core(body), Boolean.TRUE.equals(body.stream())));
    }

    @ParameterizedTest
    @ValueSource(strings = { "openai", "openai-responses", "gemini", "ollama" })
    void encodesTheUpstreamStreamAsTheGoldenEventStream(String dialect) throws IOException {
        Golden.assertText(path(dialect, "stream.sse"), stream(dialect, Golden.oneBuffer(upstreamStream(dialect))));
    }

    @ParameterizedTest
    @ValueSource(strings = { "openai", "openai-responses", "gemini", "ollama" })
    void encodesTheSameEventStreamWhereverTheUpstreamBodyIsCut(String dialect) throws IOException {
        String golden = new String(Golden.bytes(path(dialect, "stream.sse")), StandardCharsets.UTF_8);

        Golden.assertEverySplit(upstreamStream(dialect), golden, buffers -> stream(dialect, buffers));
    }

    @ParameterizedTest
    @ValueSource(strings = { "openai", "openai-responses", "gemini", "ollama" })
    void encodesTheSameEventStreamFromOneUpstreamByteAtATime(String dialect) throws IOException {
        Golden.assertText(path(dialect, "stream.sse"),
                stream(dialect, Golden.oneBytePerBuffer(upstreamStream(dialect))));
    }

    @ParameterizedTest
    @ValueSource(strings = { "openai", "openai-responses", "gemini", "ollama" })
    void answersTheUpstreamReplyAsTheGoldenMessage(String dialect) throws IOException {
        ChatRequest request = core(request(dialect));
        byte[] reply = Golden.bytes(path(dialect, "upstream-response.json"));

        Golden.assertJson(path(dialect, "response.json"), JSON.valueToTree(MessagesResponseMapper.toEdge(
                DIALECTS.get(dialect).result(reply, request), REQUEST_ID, JSON)));
    }

    private String stream(String dialect, Multi<Buffer> upstream) {
        try {
            MessagesRequest body = request(dialect);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            encoder.encode(DIALECTS.get(dialect).stream(upstream, core(body)), body.model(), REQUEST_ID)
                    .collect().asList().await().atMost(Duration.ofSeconds(10)).forEach(out::writeBytes);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MessagesRequest request(String dialect) throws IOException {
        return StrictJson.strict(WireDialect.json()).readValue(Golden.bytes(path(dialect, "request.json")),
                MessagesRequest.class);
    }

    /** The core request as the dispatcher hands it to the provider: the model without its provider prefix. */
    private static ChatRequest core(MessagesRequest body) {
        ChatRequest request = MessagesRequestMapper.toCore(body, MAX_IMAGE);
        return request.withModel(request.model().substring(request.model().indexOf('/') + 1));
    }

    private static byte[] upstreamStream(String dialect) {
        return Golden.bytes(path(dialect, dialect.equals("ollama") ? "upstream-stream.ndjson" : "upstream-stream.sse"));
    }

    private static String path(String dialect, String file) {
        return "messages-inbound/" + dialect + "/" + file;
    }
}
