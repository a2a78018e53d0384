package dev.wormhole.provider.openai;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.wormhole.core.GatewayException;
import dev.wormhole.provider.JsonExchange;
import dev.wormhole.provider.NativeReply;
import dev.wormhole.provider.ProviderSettings;
import dev.wormhole.provider.SseDecoder;
import dev.wormhole.provider.SseEvents;
import dev.wormhole.provider.UpstreamFailures;
import dev.wormhole.provider.openai.wire.ChatCompletion;
import dev.wormhole.provider.openai.wire.ChatCompletionChunk;
import dev.wormhole.provider.openai.wire.ChatCompletionRequest;
import dev.wormhole.provider.openai.wire.EmbeddingsRequest;
import dev.wormhole.provider.openai.wire.EmbeddingsResponse;
import dev.wormhole.provider.openai.wire.ModelList;
import dev.wormhole.provider.openai.wire.ResponseEvent;
import dev.wormhole.provider.openai.wire.ResponseObject;
import dev.wormhole.provider.openai.wire.ResponsesRequest;
import dev.wormhole.provider.openai.wire.WireError;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

/** OpenAI's REST API over the provider's pooled client: requests, SSE decoding, error bodies. */
final class OpenAiApi {

    private static final String DONE = "[DONE]";

    private final ProviderSettings settings;
    private final JsonExchange exchange;

    OpenAiApi(Vertx vertx, ProviderSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.exchange = new JsonExchange(vertx, settings, json, this::readError);
    }

    Uni<ChatCompletion> chat(ChatCompletionRequest request) {
        return exchange.keyed(key -> exchange.http().call(HttpMethod.POST, "/chat/completions",
                headers(key, "application/json"), exchange.encode(request)))
                .map(body -> {
                    ChatCompletion completion = exchange.decode(body, ChatCompletion.class);
                    if (completion.error() != null) {
                        throw inBandError(completion.error());
                    }
                    if (completion.choices() == null || completion.choices().isEmpty()) {
                        throw exchange.malformed("ChatCompletion", null);
                    }
                    return completion;
                });
    }

    /**
     * The decoded chunks of a streamed completion. Completes on {@code data: [DONE]}; a stream cut before it,
     * an in-band {@code error} event or an unreadable chunk fails.
     */
    Multi<ChatCompletionChunk> streamChat(ChatCompletionRequest request) {
        return chatChunks(exchange.keyedStream(key -> exchange.http().stream(HttpMethod.POST,
                "/chat/completions", headers(key, "text/event-stream"), exchange.encode(request))));
    }

    /** The chunks of a streamed completion's body, however its bytes are split (see {@link #streamChat}). */
    Multi<ChatCompletionChunk> chatChunks(Multi<Buffer> body) {
        return Multi.createFrom().deferred(() -> {
            boolean[] finished = { false };
            return SseEvents.read(body, settings.maxFrameBytes(), event -> DONE.equals(event.data().trim()),
                    settings.id())
                    .map(event -> {
                        ChatCompletionChunk chunk = exchange.decode(event.data(), ChatCompletionChunk.class);
                        if (chunk.error() != null) {
                            throw inBandError(chunk.error());
                        }
                        if (chunk.choices() != null && !chunk.choices().isEmpty()
                                && chunk.choices().stream().allMatch(c -> c.finishReason() != null)) {
                            finished[0] = true;
                        }
                        return chunk;
                    })
                    // Some servers send every finish_reason and close without [DONE]: that answer is complete.
                    // (The truncation failure arrives after every chunk before it has been mapped.)
                    .onFailure(failure -> finished[0] && SseEvents.isTruncation(failure)).recoverWithCompletion();
        });
    }

    /** A whole answer through the Responses API; a failed response fails. */
    Uni<ResponseObject> responses(ResponsesRequest request) {
        return exchange.keyed(key -> exchange.http().call(HttpMethod.POST, "/responses",
                headers(key, "application/json"), exchange.encode(request)))
                .map(body -> {
                    ResponseObject response = exchange.decode(body, ResponseObject.class);
                    if (response.error() != null || "failed".equals(response.status())) {
                        throw inBandError(response.error() == null ? new WireError(null, null, null, null)
                                : response.error());
                    }
                    return response;
                });
    }

    /**
     * The events of a streamed Responses API answer. There is no terminal marker beyond the final event, so
     * the body's end is reported by the truncation failure that the caller forgives once the answer is
     * complete; {@code response.failed} and {@code error} events fail.
     */
    Multi<ResponseEvent> streamResponses(ResponsesRequest request) {
        return responseEvents(exchange.keyedStream(key -> exchange.http().stream(HttpMethod.POST, "/responses",
                headers(key, "text/event-stream"), exchange.encode(request))));
    }

    /** The events of a streamed Responses API body, however its bytes are split (see {@link #streamResponses}). */
    Multi<ResponseEvent> responseEvents(Multi<Buffer> body) {
        return SseEvents.read(body, settings.maxFrameBytes(), event -> false, settings.id()).map(event -> {
            ResponseEvent decoded = exchange.decode(event.data(), ResponseEvent.class);
            if ("error".equals(decoded.type())) {
                throw inBandError(new WireError(decoded.message(), null, decoded.code(), null));
            }
            if ("response.failed".equals(decoded.type())) {
                ResponseObject failed = decoded.response();
                throw inBandError(failed == null || failed.error() == null ? new WireError(null, null, null, null)
                        : failed.error());
            }
            return decoded;
        });
    }

    /** A client's Responses API body sent as it is; the reply as it came, with its usage (a failed one fails). */
    Uni<NativeReply> relayResponses(ObjectNode body) {
        return exchange.keyed(key -> exchange.http().call(HttpMethod.POST, "/responses",
                headers(key, "application/json"), exchange.encode(body))).map(reply -> {
                    ResponseObject response = exchange.decode(reply, ResponseObject.class);
                    if (response.error() != null || "failed".equals(response.status())) {
                        throw inBandError(response.error() == null ? new WireError(null, null, null, null)
                                : response.error());
                    }
                    return new NativeReply(reply.getBytes(), ResponsesMapper.usage(response.usage()));
                });
    }

    /**
     * As {@link #relayResponses} streamed: each event with its decoded form, up to and including the terminal
     * {@code response.completed}, {@code response.incomplete} or {@code response.failed}; an {@code error} event
     * fails.
     */
    Multi<Relayed> relayStreamResponses(ObjectNode body) {
        Multi<Buffer> reply = exchange.keyedStream(key -> exchange.http().stream(HttpMethod.POST, "/responses",
                headers(key, "text/event-stream"), exchange.encode(body)));
        return SseEvents.readThrough(reply, settings.maxFrameBytes(), OpenAiApi::endsResponse, settings.id())
                .map(event -> {
                    ResponseEvent decoded = exchange.decode(event.data(), ResponseEvent.class);
                    if ("error".equals(decoded.type())) {
                        throw inBandError(new WireError(decoded.message(), null, decoded.code(), null));
                    }
                    return new Relayed(event, decoded);
                });
    }

    /** A relayed event as sent and as read. */
    record Relayed(SseDecoder.Event event, ResponseEvent decoded) {
    }

    private static boolean endsResponse(SseDecoder.Event event) {
        String data = event.data();
        String type = event.event() != null ? event.event() : "";
        return type.equals("response.completed") || type.equals("response.incomplete")
                || type.equals("response.failed") || type.isEmpty() && (data.contains("\"type\":\"response.completed\"")
                        || data.contains("\"type\":\"response.incomplete\"")
                        || data.contains("\"type\":\"response.failed\""));
    }

    Uni<EmbeddingsResponse> embed(EmbeddingsRequest request) {
        return exchange.keyed(key -> exchange.http().call(HttpMethod.POST, "/embeddings",
                headers(key, "application/json"), exchange.encode(request)))
                .map(body -> exchange.decode(body, EmbeddingsResponse.class));
    }

    /** A JSON body posted to {@code path} (under the base URL), its reply read as {@code reply}. */
    <T> Uni<T> post(String path, Object body, Class<T> reply) {
        return exchange.keyed(key -> exchange.http().call(HttpMethod.POST, path, headers(key, "application/json"),
                exchange.encode(body))).map(answer -> exchange.decode(answer, reply));
    }

    Uni<ModelList> listModels() {
        return exchange.keyed(key -> exchange.http().call(HttpMethod.GET, "/models", headers(key, "application/json"),
                null)).map(body -> exchange.decode(body, ModelList.class));
    }

    private static String errorCode(WireError error) {
        return Objects.toString(error.code() != null ? error.code() : error.type(), null);
    }

    void close() {
        exchange.close();
    }

    JsonExchange exchange() {
        return exchange;
    }

    Map<String, String> headers(String key, String accept) {
        Map<String, String> headers = new LinkedHashMap<>(settings.headers());
        headers.put("Accept", accept);
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "wormhole-gateway");
        if (key != null) {
            headers.put("Authorization", "Bearer " + key);
        }
        return headers;
    }

    private GatewayException readError(int status, Buffer body, Duration retryAfter) {
        WireError.Envelope envelope = exchange.decodeError(body, WireError.Envelope.class);
        WireError error = envelope == null ? null : envelope.error();
        String message = error == null ? null : error.message();
        String code = error == null ? null : errorCode(error);
        return UpstreamFailures.fromStatus(settings.id(), status, message, code, retryAfter);
    }

    private GatewayException inBandError(WireError error) {
        String code = errorCode(error);
        int status = "rate_limit_exceeded".equals(code) ? 429 : code != null && code.contains("context_length") ? 400
                : 502;
        return UpstreamFailures.fromStatus(settings.id(), status, error.message(), code, null);
    }
}
