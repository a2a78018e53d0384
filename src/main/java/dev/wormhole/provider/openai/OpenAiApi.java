package dev.wormhole.provider.openai;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import dev.wormhole.provider.ApiKeyRing;
import dev.wormhole.provider.ProviderSettings;
import dev.wormhole.provider.SseEvents;
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
    private final ApiKeyRing keys;

    OpenAiApi(Vertx vertx, ProviderSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
        this.http = new UpstreamHttp(vertx, settings, this::readError);
        this.keys = new ApiKeyRing(settings.apiKeys(), System::nanoTime);
    }

    Uni<ChatCompletion> chat(ChatCompletionRequest request) {
        return keyed(key -> http.call(HttpMethod.POST, "/chat/completions", headers(key, "application/json"),
                encode(request)))
                .map(body -> {
                    ChatCompletion completion = decode(body, ChatCompletion.class);
                    if (completion.error() != null) {
                        throw inBandError(completion.error());
                    }
                    if (completion.choices() == null || completion.choices().isEmpty()) {
                        throw malformed("ChatCompletion", null);
                    }
                    return completion;
                });
    }

    /**
     * The decoded chunks of a streamed completion. Completes on {@code data: [DONE]}; a stream cut before it,
     * an in-band {@code error} event or an unreadable chunk fails.
     */
    Multi<ChatCompletionChunk> streamChat(ChatCompletionRequest request) {
        return Multi.createFrom().deferred(() -> {
            String key = keys.next();
            Multi<Buffer> body = http.stream(HttpMethod.POST, "/chat/completions", headers(key, "text/event-stream"),
                    encode(request)).onFailure().invoke(failure -> coolDownOnRateLimit(key, failure));
            boolean[] finished = { false };
            return SseEvents.read(body, settings.maxFrameBytes(), event -> DONE.equals(event.data().trim()),
                    settings.id())
                    .map(event -> {
                        ChatCompletionChunk chunk = decode(Buffer.buffer(event.data()), ChatCompletionChunk.class);
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

    Uni<EmbeddingsResponse> embed(EmbeddingsRequest request) {
        return keyed(key -> http.call(HttpMethod.POST, "/embeddings", headers(key, "application/json"),
                encode(request))).map(body -> decode(body, EmbeddingsResponse.class));
    }

    Uni<ModelList> listModels() {
        return keyed(key -> http.call(HttpMethod.GET, "/models", headers(key, "application/json"), null))
                .map(body -> decode(body, ModelList.class));
    }

    /** A call with the next usable key; a 429 rests that key so that the retry uses another. */
    private Uni<Buffer> keyed(java.util.function.Function<String, Uni<Buffer>> call) {
        return Uni.createFrom().deferred(() -> {
            String key = keys.next();
            return call.apply(key).onFailure().invoke(failure -> coolDownOnRateLimit(key, failure));
        });
    }

    private void coolDownOnRateLimit(String key, Throwable failure) {
        if (key != null && failure instanceof GatewayException g && g.kind() == ErrorKind.RATE_LIMITED) {
            keys.coolDown(key, g.retryAfter().orElse(null));
        }
    }

    private static String errorCode(WireError error) {
        return Objects.toString(error.code() != null ? error.code() : error.type(), null);
    }

    void close() {
        http.close();
    }

    private Map<String, String> headers(String key, String accept) {
        Map<String, String> headers = new LinkedHashMap<>(settings.headers());
        headers.put("Accept", accept);
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "wormhole-gateway");
        if (key != null) {
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
        T value;
        try {
            value = json.readValue(body.getBytes(), type);
        } catch (java.io.IOException e) {
            throw malformed(type.getSimpleName(), e);
        }
        if (value == null) {
            throw malformed(type.getSimpleName(), null);
        }
        return value;
    }

    private GatewayException malformed(String what, Throwable cause) {
        GatewayException failure = GatewayException.of(ErrorKind.UPSTREAM_ERROR, "upstream_malformed_response",
                "Provider '" + settings.id() + "' sent a reply that is not a valid " + what + ".");
        return cause == null ? failure : failure.withCause(cause);
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
        String code = error == null ? null : errorCode(error);
        return UpstreamFailures.fromStatus(settings.id(), status, message, code, retryAfter);
    }

    private GatewayException inBandError(WireError error) {
        String code = errorCode(error);
        int status = "rate_limit_exceeded".equals(code) ? 429 : 502;
        return UpstreamFailures.fromStatus(settings.id(), status, error.message(), code, null);
    }
}
