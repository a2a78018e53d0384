package dev.wormhole.testing;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.config.Dialect;
import dev.wormhole.core.ChatDelta;
import dev.wormhole.core.ChatRequest;
import dev.wormhole.core.ChatResult;
import dev.wormhole.provider.ProviderSettings;
import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;

/**
 * One upstream dialect's real translation, reached from tests outside its package: the request body it
 * would send, the deltas of a streamed reply body (through its real frame decoder), and the result of a
 * whole reply. Ids the gateway makes up and the clock are pinned, so the same bytes always translate alike.
 */
public interface WireDialect extends AutoCloseable {

    /** The instant, in epoch seconds, every pinned translation is stamped with. */
    long CREATED = 1_750_000_000L;

    /** The upstream request body of a core request, as JSON. */
    JsonNode request(ChatRequest request, boolean stream);

    /** The core deltas of a streamed reply body, however its bytes are split into buffers. */
    Multi<ChatDelta> stream(Multi<Buffer> body, ChatRequest request);

    /** The core result of a whole (non-streamed) reply body. */
    ChatResult result(byte[] body, ChatRequest request);

    @Override
    void close();

    /** The application's lenient reader of upstream replies (Quarkus's default: unknown properties ignored). */
    static ObjectMapper json() {
        return new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Settings of a provider that is never called: only its id, base URL and frame limit matter. */
    static ProviderSettings settings(String id, Dialect dialect, String baseUrl, ProviderSettings.Quirks quirks) {
        Duration second = Duration.ofSeconds(1);
        return new ProviderSettings(id, dialect, URI.create(baseUrl), List.of("test-key"), Map.of(), null, false,
                quirks, new ProviderSettings.Timeouts(second, second, second, second, second), 1, 1 << 20, 1 << 24,
                null);
    }

    /** Ids {@code call_1}, {@code call_2}… in place of the random ones the gateway gives unnamed calls. */
    static Supplier<String> sequentialIds() {
        int[] next = { 0 };
        return () -> "call_" + ++next[0];
    }

    /** A value's JSON tree, as {@code JsonExchange} would write it. */
    static JsonNode tree(ObjectMapper json, Object value) {
        try {
            return json.readTree(json.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A reply body read as the given wire type. */
    static <T> T read(ObjectMapper json, byte[] body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
