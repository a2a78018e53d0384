package dev.wormhole.provider.anthropic;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.wormhole.core.GatewayException;
import dev.wormhole.provider.JsonExchange;
import dev.wormhole.provider.ProviderSettings;
import dev.wormhole.provider.SseDecoder;
import dev.wormhole.provider.SseEvents;
import dev.wormhole.provider.UpstreamFailures;
import dev.wormhole.provider.anthropic.wire.MessagesRequest;
import dev.wormhole.provider.anthropic.wire.MessagesResponse;
import dev.wormhole.provider.anthropic.wire.ModelList;
import dev.wormhole.provider.anthropic.wire.StreamEvent;
import dev.wormhole.provider.anthropic.wire.WireError;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

/**
 * Anthropic's Messages and Models APIs over the provider's pooled client: {@code x-api-key} and
 * {@code anthropic-version} headers, SSE events up to {@code message_stop}, error envelopes.
 */
final class AnthropicApi {

    static final String VERSION = "2023-06-01";

    private final ProviderSettings settings;
    private final JsonExchange exchange;
    /** {@code /v1}, unless the configured base URL already ends with it. */
    private final String v1;

    AnthropicApi(Vertx vertx, ProviderSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.exchange = new JsonExchange(vertx, settings, json, this::readError);
        this.v1 = settings.baseUrl().getPath().replaceAll("/+$", "").endsWith("/v1") ? "" : "/v1";
    }

    ObjectMapper json() {
        return exchange.json();
    }

    Uni<MessagesResponse> messages(MessagesRequest request) {
        return exchange.keyed(key -> exchange.http().call(HttpMethod.POST, v1 + "/messages",
                headers(key, "application/json"), exchange.encode(request)))
                .map(body -> exchange.decode(body, MessagesResponse.class));
    }

    /**
     * The events of a streamed message up to {@code message_stop} (not emitted). A stream cut before it or an
     * unreadable event fails; an in-band {@code error} event fails with its mapped kind.
     */
    Multi<StreamEvent> streamMessages(MessagesRequest request) {
        return messageEvents(exchange.keyedStream(key -> exchange.http().stream(HttpMethod.POST, v1 + "/messages",
                headers(key, "text/event-stream"), exchange.encode(request))));
    }

    /** The events of a streamed message's body, however its bytes are split (see {@link #streamMessages}). */
    Multi<StreamEvent> messageEvents(Multi<Buffer> body) {
        return SseEvents.read(body, settings.maxFrameBytes(), AnthropicApi::isMessageStop, settings.id())
                .map(this::decode);
    }

    /**
     * A client's body sent as it is to {@code path} under {@code /v1} ({@code /messages} or
     * {@code /messages/count_tokens}), with the client's {@code extraHeaders} over the gateway's; the reply's body.
     */
    Uni<Buffer> relay(String path, ObjectNode body, Map<String, String> extraHeaders) {
        return exchange.keyed(key -> exchange.http().call(HttpMethod.POST, v1 + path,
                headers(key, "application/json", extraHeaders), exchange.encode(body)));
    }

    /** As {@link #relay} for a streamed message: its events, {@code message_stop} included. */
    Multi<SseDecoder.Event> relayStream(ObjectNode body, Map<String, String> extraHeaders) {
        Multi<Buffer> reply = exchange.keyedStream(key -> exchange.http().stream(HttpMethod.POST, v1 + "/messages",
                headers(key, "text/event-stream", extraHeaders), exchange.encode(body)));
        return SseEvents.readThrough(reply, settings.maxFrameBytes(), AnthropicApi::isMessageStop, settings.id());
    }

    /** A relayed message reply, read for its usage; one that is not a message fails as malformed. */
    MessagesResponse decodeMessage(Buffer body) {
        return exchange.decode(body, MessagesResponse.class);
    }

    /** An event's data; an unreadable one fails as malformed, an in-band {@code error} event with its kind. */
    StreamEvent decode(SseDecoder.Event event) {
        StreamEvent decoded = exchange.decode(event.data(), StreamEvent.class);
        if ("error".equals(decoded.type()) || "error".equals(event.event())) {
            throw inBandError(decoded.error());
        }
        return decoded;
    }

    private static boolean isMessageStop(SseDecoder.Event event) {
        return "message_stop".equals(event.event())
                || event.event() == null && event.data().contains("\"message_stop\"");
    }

    /** Every model, following the pages. */
    Uni<ModelList> listModels() {
        return page(null, new java.util.ArrayList<>());
    }

    private Uni<ModelList> page(String afterId, java.util.List<ModelList.Model> seen) {
        String path = v1 + "/models?limit=1000" + (afterId == null ? "" : "&after_id="
                + java.net.URLEncoder.encode(afterId, java.nio.charset.StandardCharsets.UTF_8));
        return exchange.keyed(key -> exchange.http().call(HttpMethod.GET, path, headers(key, "application/json"), null))
                .map(body -> exchange.decode(body, ModelList.class))
                .flatMap(list -> {
                    if (list.data() != null) {
                        seen.addAll(list.data());
                    }
                    boolean more = Boolean.TRUE.equals(list.hasMore()) && list.lastId() != null
                            && !list.lastId().equals(afterId) && seen.size() < 100_000;
                    return more ? page(list.lastId(), seen)
                            : Uni.createFrom().item(new ModelList(java.util.List.copyOf(seen), false, null));
                });
    }

    void close() {
        exchange.close();
    }

    private Map<String, String> headers(String key, String accept) {
        return headers(key, accept, Map.of());
    }

    private Map<String, String> headers(String key, String accept, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("anthropic-version", VERSION);
        headers.putAll(settings.headers());
        headers.putAll(extraHeaders);
        headers.put("Accept", accept);
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "wormhole-gateway");
        if (key != null) {
            headers.put("x-api-key", key);
        }
        return headers;
    }

    private GatewayException readError(int status, Buffer body, Duration retryAfter) {
        WireError.Envelope envelope = exchange.decodeError(body, WireError.Envelope.class);
        return failure(settings.id(), status, envelope == null ? null : envelope.error(), retryAfter);
    }

    private GatewayException inBandError(WireError error) {
        return failure(settings.id(), error == null ? 502 : status(error.type()), error, null);
    }

    /** An error reply (or in-band error event, by its type's status) in the shared taxonomy. */
    static GatewayException failure(String providerId, int status, WireError error, Duration retryAfter) {
        return UpstreamFailures.fromStatus(providerId, status, error == null ? null : error.message(), code(error),
                retryAfter);
    }

    /** The HTTP status Anthropic documents for each error type. */
    static int status(String type) {
        return switch (type == null ? "" : type) {
            case "invalid_request_error" -> 400;
            case "authentication_error" -> 401;
            case "permission_error" -> 403;
            case "not_found_error" -> 404;
            case "request_too_large" -> 413;
            case "rate_limit_error" -> 429;
            case "overloaded_error" -> 529;
            case "timeout_error" -> 504;
            default -> 500;
        };
    }

    /** The error type, or {@code context_length_exceeded} for a prompt longer than the model's window. */
    static String code(WireError error) {
        if (error == null) {
            return null;
        }
        String message = error.message() == null ? "" : error.message().toLowerCase(Locale.ROOT);
        if (message.contains("prompt is too long") || message.contains("context window")
                || message.contains("context length")) {
            return "context_length_exceeded";
        }
        return error.type();
    }
}
