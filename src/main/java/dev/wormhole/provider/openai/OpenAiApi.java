package dev.wormhole.provider.openai;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import dev.wormhole.provider.ProviderSettings;
import dev.wormhole.provider.SseDecoder;
import dev.wormhole.provider.UpstreamFailures;
import dev.wormhole.provider.UpstreamHttp;
import dev.wormhole.provider.openai.wire.ChatCompletion;
import dev.wormhole.provider.openai.wire.ChatCompletionChunk;
import dev.wormhole.provider.openai.wire.ChatCompletionRequest;
import dev.wormhole.provider.openai.wire.EmbeddingsRequest;
import dev.wormhole.provider.openai.wire.EmbeddingsResponse;
import dev.wormhole.provider.openai.wire.ModelList;
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
    private final ObjectMapper json;
    private final UpstreamHttp http;
    private final AtomicInteger nextKey = new AtomicInteger();

    OpenAiApi(Vertx vertx, ProviderSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
        this.http = new UpstreamHttp(vertx, settings, this::readError);
    }

    Uni<ChatCompletion> chat(ChatCompletionRequest request) {
        return http.call(HttpMethod.POST, "/chat/completions", headers("application/json"), encode(request))
                .map(body -> decode(body, ChatCompletion.class));
    }

    /**
     * The decoded chunks of a streamed completion. Completes only after {@code data: [DONE]}; a stream cut
     * before it, or an in-band {@code error} event, fails.
     */
    Multi<ChatCompletionChunk> streamChat(ChatCompletionRequest request) {
        return Multi.createFrom().deferred(() -> {
            SseDecoder decoder = new SseDecoder(settings.maxFrameBytes());
            boolean[] done = { false };
            Multi<ChatCompletionChunk> chunks = http
                    .stream(HttpMethod.POST, "/chat/completions", headers("text/event-stream"), encode(request))
                    .onItem().transformToIterable(buffer -> done[0] ? List.<SseDecoder.Event> of()
                            : decoder.feed(buffer.getBytes()))
                    .select().where(event -> !done[0])
                    .onItem().transformToMultiAndConcatenate(event -> {
                        if (DONE.equals(event.data().trim())) {
                            done[0] = true;
                            return Multi.createFrom().empty();
                        }
                        ChatCompletionChunk chunk = decode(Buffer.buffer(event.data()), ChatCompletionChunk.class);
                        if (chunk.error() != null) {
                            return Multi.createFrom().failure(inBandError(chunk.error()));
                        }
                        return Multi.createFrom().item(chunk);
                    });
            return chunks.onCompletion().call(() -> done[0] ? Uni.createFrom().voidItem()
                    : Uni.createFrom().failure(GatewayException.of(ErrorKind.UPSTREAM_ERROR, "upstream_stream_truncated",
                            "Provider '" + settings.id() + "' ended the stream before its final event.")));
        });
    }

    Uni<EmbeddingsResponse> embed(EmbeddingsRequest request) {
        return http.call(HttpMethod.POST, "/embeddings", headers("application/json"), encode(request))
                .map(body -> decode(body, EmbeddingsResponse.class));
    }

    Uni<ModelList> listModels() {
        return http.call(HttpMethod.GET, "/models", headers("application/json"), null)
                .map(body -> decode(body, ModelList.class));
    }

    void close() {
        http.close();
    }

    private Map<String, String> headers(String accept) {
        Map<String, String> headers = new LinkedHashMap<>(settings.headers());
        headers.put("Accept", accept);
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "wormhole-gateway");
        List<String> keys = settings.apiKeys();
        if (!keys.isEmpty()) {
            String key = keys.get(Math.floorMod(nextKey.getAndIncrement(), keys.size()));
            headers.put("Authorization", "Bearer " + key);
        }
        return headers;
    }

    private Buffer encode(Object body) {
        try {
            return Buffer.buffer(json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode " + body.getClass().getSimpleName(), e);
        }
    }

    private <T> T decode(Buffer body, Class<T> type) {
        try {
            return json.readValue(body.getBytes(), type);
        } catch (java.io.IOException e) {
            throw GatewayException.of(ErrorKind.UPSTREAM_ERROR, "upstream_malformed_response",
                    "Provider '" + settings.id() + "' sent a reply that is not valid " + type.getSimpleName()
                            + " JSON.").withCause(e);
        }
    }

    private GatewayException readError(int status, Buffer body, Duration retryAfter) {
        WireError error = null;
        try {
            WireError.Envelope envelope = json.readValue(body.getBytes(), WireError.Envelope.class);
            error = envelope == null ? null : envelope.error();
        } catch (java.io.IOException | RuntimeException e) {
            // Not OpenAI's envelope (a proxy's HTML page, say): the status alone decides.
        }
        String message = error == null ? null : error.message();
        String code = error == null ? null : String.valueOf(error.code() != null ? error.code() : error.type());
        return UpstreamFailures.fromStatus(settings.id(), status, message, code, retryAfter);
    }

    private GatewayException inBandError(WireError error) {
        String code = String.valueOf(error.code() != null ? error.code() : error.type());
        int status = "rate_limit_exceeded".equals(code) ? 429 : 502;
        return UpstreamFailures.fromStatus(settings.id(), status, error.message(), code, null);
    }
}
