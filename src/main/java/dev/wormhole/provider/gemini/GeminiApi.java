package dev.wormhole.provider.gemini;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.core.GatewayException;
import dev.wormhole.provider.JsonExchange;
import dev.wormhole.provider.ProviderSettings;
import dev.wormhole.provider.SseEvents;
import dev.wormhole.provider.UpstreamFailures;
import dev.wormhole.provider.gemini.wire.EmbedRequest;
import dev.wormhole.provider.gemini.wire.EmbedResponse;
import dev.wormhole.provider.gemini.wire.GenerateContentRequest;
import dev.wormhole.provider.gemini.wire.GenerateContentResponse;
import dev.wormhole.provider.gemini.wire.ImageGenerationRequest;
import dev.wormhole.provider.gemini.wire.ModelList;
import dev.wormhole.provider.gemini.wire.WireError;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

/**
 * Gemini's {@code generateContent}, {@code streamGenerateContent?alt=sse}, {@code batchEmbedContents} and
 * {@code models} over the provider's pooled client, with the key in {@code x-goog-api-key}. A stream has no
 * terminal event: it is complete when the body ends after every candidate's finish reason.
 */
final class GeminiApi {

    private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)?");
    private static final Pattern SECONDS = Pattern.compile("(\\d+(?:\\.\\d+)?)s");

    private final ProviderSettings settings;
    private final JsonExchange exchange;
    /** {@code /v1beta}, unless the configured base URL already names a version. */
    private final String version;

    GeminiApi(Vertx vertx, ProviderSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.exchange = new JsonExchange(vertx, settings, json, this::readError);
        String path = settings.baseUrl().getPath() == null ? "" : settings.baseUrl().getPath().replaceAll("/+$", "");
        this.version = path.endsWith("/v1beta") || path.endsWith("/v1") ? "" : "/v1beta";
    }

    ObjectMapper json() {
        return exchange.json();
    }

    Uni<GenerateContentResponse> generate(String model, GenerateContentRequest request) {
        return generateFrom(model, request);
    }

    /** A {@code generateContent} call asking for images. */
    Uni<GenerateContentResponse> generate(String model, ImageGenerationRequest request) {
        return generateFrom(model, request);
    }

    private Uni<GenerateContentResponse> generateFrom(String model, Object request) {
        String path = modelPath(model) + ":generateContent";
        return exchange.keyed(key -> exchange.http().call(HttpMethod.POST, keyed(path, key),
                headers(key, "application/json"), exchange.encode(request))).map(body -> {
                    GenerateContentResponse response = exchange.decode(body, GenerateContentResponse.class);
                    if (response.error() != null) {
                        throw failure(settings.id(), statusOf(response.error()), response.error(), null);
                    }
                    return response;
                });
    }

    /** The decoded chunks; the body's end is reported by the truncation failure that the caller may forgive. */
    Multi<GenerateContentResponse> stream(String model, GenerateContentRequest request) {
        String path = modelPath(model) + ":streamGenerateContent?alt=sse";
        return chunks(exchange.keyedStream(key -> exchange.http().stream(HttpMethod.POST, keyed(path, key),
                headers(key, "text/event-stream"), exchange.encode(request))));
    }

    /** The decoded chunks of a streamed body, however its bytes are split (see {@link #stream}). */
    Multi<GenerateContentResponse> chunks(Multi<Buffer> body) {
        return SseEvents.read(body, settings.maxFrameBytes(), event -> false, settings.id()).map(event -> {
            GenerateContentResponse chunk = exchange.decode(event.data(), GenerateContentResponse.class);
            if (chunk.error() != null) {
                throw failure(settings.id(), statusOf(chunk.error()), chunk.error(), null);
            }
            return chunk;
        });
    }

    Uni<EmbedResponse> embed(String model, EmbedRequest request) {
        String path = modelPath(model) + ":batchEmbedContents";
        return exchange.keyed(key -> exchange.http().call(HttpMethod.POST, keyed(path, key),
                headers(key, "application/json"), exchange.encode(request)))
                .map(body -> exchange.decode(body, EmbedResponse.class));
    }

    /** Every model, following the pages. */
    Uni<ModelList> listModels() {
        return page(null, new ArrayList<>());
    }

    private Uni<ModelList> page(String token, List<ModelList.Model> seen) {
        String path = version + "/models?pageSize=1000" + (token == null ? ""
                : "&pageToken=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8));
        return exchange.keyed(key -> exchange.http().call(HttpMethod.GET, keyed(path, key),
                headers(key, "application/json"), null)).map(body -> exchange.decode(body, ModelList.class))
                .flatMap(list -> {
                    if (list.models() != null) {
                        seen.addAll(list.models());
                    }
                    boolean more = list.nextPageToken() != null && !list.nextPageToken().isEmpty()
                            && !list.nextPageToken().equals(token) && seen.size() < 100_000;
                    return more ? page(list.nextPageToken(), seen)
                            : Uni.createFrom().item(new ModelList(List.copyOf(seen), null));
                });
    }

    private String modelPath(String model) {
        if (model == null || !MODEL_NAME.matcher(model).matches()) {
            throw GatewayException.invalid("model", "'" + model + "' is not a Gemini model name.");
        }
        return version + (model.contains("/") ? "/" + model : "/models/" + model);
    }

    void close() {
        exchange.close();
    }

    /** The path with {@code key=} appended when the key travels in the query string. */
    private String keyed(String path, String key) {
        if (key == null || !settings.quirks().keyInQuery()) {
            return path;
        }
        return path + (path.contains("?") ? "&" : "?") + "key="
                + java.net.URLEncoder.encode(key, java.nio.charset.StandardCharsets.UTF_8);
    }

    private Map<String, String> headers(String key, String accept) {
        Map<String, String> headers = new LinkedHashMap<>(settings.headers());
        headers.put("Accept", accept);
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "wormhole-gateway");
        if (key != null && !settings.quirks().keyInQuery()) {
            headers.put("x-goog-api-key", key);
        }
        return headers;
    }

    private GatewayException readError(int status, Buffer body, Duration retryAfter) {
        WireError.Envelope envelope = exchange.decodeError(body, WireError.Envelope.class);
        return failure(settings.id(), status, envelope == null ? null : envelope.error(), retryAfter);
    }

    private static int statusOf(WireError error) {
        if (error.code() != null && error.code() >= 400) {
            return error.code();
        }
        return switch (error.status() == null ? "" : error.status()) {
            case "INVALID_ARGUMENT", "FAILED_PRECONDITION", "OUT_OF_RANGE" -> 400;
            case "UNAUTHENTICATED" -> 401;
            case "PERMISSION_DENIED" -> 403;
            case "NOT_FOUND" -> 404;
            case "RESOURCE_EXHAUSTED" -> 429;
            case "UNAVAILABLE" -> 503;
            case "DEADLINE_EXCEEDED" -> 504;
            default -> 500;
        };
    }

    /**
     * An error reply in the shared taxonomy. Google's {@code RetryInfo} detail stands in for a missing
     * {@code Retry-After}; an over-long prompt becomes {@code context_length_exceeded}.
     */
    static GatewayException failure(String providerId, int status, WireError error, Duration retryAfter) {
        Duration delay = retryAfter != null ? retryAfter : retryDelay(error);
        return UpstreamFailures.fromStatus(providerId, status, error == null ? null : error.message(), code(error),
                delay);
    }

    private static String code(WireError error) {
        if (error == null) {
            return null;
        }
        String message = error.message() == null ? "" : error.message().toLowerCase(Locale.ROOT);
        if (message.contains("exceeds the maximum number of tokens") || message.contains("input token count")
                || message.contains("context window")) {
            return "context_length_exceeded";
        }
        return error.status();
    }

    private static Duration retryDelay(WireError error) {
        if (error == null || error.details() == null) {
            return null;
        }
        for (Map<String, Object> detail : error.details()) {
            if (String.valueOf(detail.get("@type")).endsWith("google.rpc.RetryInfo")
                    && detail.get("retryDelay") instanceof String delay) {
                java.util.regex.Matcher m = SECONDS.matcher(delay.trim());
                if (m.matches()) {
                    return Duration.ofMillis(Math.round(Double.parseDouble(m.group(1)) * 1000));
                }
            }
        }
        return null;
    }
}
