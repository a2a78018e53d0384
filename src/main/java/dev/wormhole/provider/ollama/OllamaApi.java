package dev.wormhole.provider.ollama;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.core.GatewayException;
import dev.wormhole.provider.JsonExchange;
import dev.wormhole.provider.NdjsonDecoder;
import dev.wormhole.provider.ProviderSettings;
import dev.wormhole.provider.SseEvents;
import dev.wormhole.provider.UpstreamFailures;
import dev.wormhole.provider.ollama.wire.ApiChatRequest;
import dev.wormhole.provider.ollama.wire.ApiChatResponse;
import dev.wormhole.provider.ollama.wire.EmbedRequest;
import dev.wormhole.provider.ollama.wire.EmbedResponse;
import dev.wormhole.provider.ollama.wire.Tags;
import dev.wormhole.provider.ollama.wire.WireError;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

/**
 * Ollama's native API over the provider's pooled client. No auth by default; a configured key is sent as a
 * bearer token (for a server behind an authenticating proxy). A stream is NDJSON whose last line says
 * {@code "done": true}.
 */
final class OllamaApi {

    private final ProviderSettings settings;
    private final JsonExchange exchange;

    OllamaApi(Vertx vertx, ProviderSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.exchange = new JsonExchange(vertx, settings, json, this::readError);
    }

    ObjectMapper json() {
        return exchange.json();
    }

    Uni<ApiChatResponse> chat(ApiChatRequest request) {
        return exchange.keyed(key -> exchange.http().call(HttpMethod.POST, "/api/chat", headers(key),
                exchange.encode(request))).map(body -> checked(exchange.decode(body, ApiChatResponse.class)));
    }

    /** The decoded lines; the body's end is reported by the truncation failure that the caller may forgive. */
    Multi<ApiChatResponse> streamChat(ApiChatRequest request) {
        return lines(exchange.keyedStream(key -> exchange.http().stream(HttpMethod.POST, "/api/chat",
                headers(key), exchange.encode(request))));
    }

    /** The decoded lines of a streamed body, however its bytes are split (see {@link #streamChat}). */
    Multi<ApiChatResponse> lines(Multi<Buffer> body) {
        return SseEvents.read(body, new NdjsonDecoder(settings.maxFrameBytes()), line -> false, settings.id())
                .map(line -> checked(exchange.decode(line.data(), ApiChatResponse.class)));
    }

    Uni<EmbedResponse> embed(EmbedRequest request) {
        return exchange.keyed(key -> exchange.http().call(HttpMethod.POST, "/api/embed", headers(key),
                exchange.encode(request))).map(body -> exchange.decode(body, EmbedResponse.class));
    }

    Uni<Tags> tags() {
        return exchange.keyed(key -> exchange.http().call(HttpMethod.GET, "/api/tags", headers(key), null))
                .map(body -> exchange.decode(body, Tags.class));
    }

    void close() {
        exchange.close();
    }

    private ApiChatResponse checked(ApiChatResponse response) {
        if (response.error() != null) {
            throw failure(settings.id(), 500, response.error(), null);
        }
        return response;
    }

    private Map<String, String> headers(String key) {
        Map<String, String> headers = new LinkedHashMap<>(settings.headers());
        headers.put("Accept", "application/json, application/x-ndjson");
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "wormhole-gateway");
        if (key != null) {
            headers.put("Authorization", "Bearer " + key);
        }
        return headers;
    }

    private GatewayException readError(int status, Buffer body, Duration retryAfter) {
        WireError error = exchange.decodeError(body, WireError.class);
        return failure(settings.id(), status, error == null ? null : error.error(), retryAfter);
    }

    /** An error in the shared taxonomy; an over-long prompt becomes {@code context_length_exceeded}. */
    static GatewayException failure(String providerId, int status, String message, Duration retryAfter) {
        String lower = message == null ? "" : message.toLowerCase(java.util.Locale.ROOT);
        String code = lower.contains("context length") || lower.contains("context window")
                ? "context_length_exceeded" : null;
        // Ollama reports an over-long input as a 500; it is the caller's to fix, never worth a retry.
        return UpstreamFailures.fromStatus(providerId, code != null ? 400 : status, message, code, retryAfter);
    }
}
