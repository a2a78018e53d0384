package dev.wormhole.provider;

import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * What every JSON-over-HTTP dialect shares: the provider's pooled client, its key ring (a key that got a 429
 * rests, so the retry uses another), and JSON bodies whose unreadable replies fail as malformed.
 */
public final class JsonExchange {

    private final ProviderSettings settings;
    private final ObjectMapper json;
    private final UpstreamHttp http;
    private final ApiKeyRing keys;

    public JsonExchange(Vertx vertx, ProviderSettings settings, ObjectMapper json, UpstreamHttp.ErrorReader errors) {
        this.settings = settings;
        this.json = json;
        this.http = new UpstreamHttp(vertx, settings, errors);
        this.keys = new ApiKeyRing(settings.apiKeys(), System::nanoTime);
    }

    public UpstreamHttp http() {
        return http;
    }

    public ObjectMapper json() {
        return json;
    }

    /** A call with the next usable key (null when the provider has none). */
    public Uni<Buffer> keyed(Function<String, Uni<Buffer>> call) {
        return Uni.createFrom().deferred(() -> {
            String key = keys.next();
            return call.apply(key).onFailure().invoke(failure -> coolDownOnRateLimit(key, failure));
        });
    }

    /** A streamed call with the next usable key. */
    public Multi<Buffer> keyedStream(Function<String, Multi<Buffer>> call) {
        return Multi.createFrom().deferred(() -> {
            String key = keys.next();
            return call.apply(key).onFailure().invoke(failure -> coolDownOnRateLimit(key, failure));
        });
    }

    private void coolDownOnRateLimit(String key, Throwable failure) {
        if (key != null && failure instanceof GatewayException g && g.kind() == ErrorKind.RATE_LIMITED) {
            keys.coolDown(key, g.retryAfter().orElse(null));
        }
    }

    public Buffer encode(Object body) {
        try {
            return Buffer.buffer(json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode " + body.getClass().getSimpleName(), e);
        }
    }

    public <T> T decode(Buffer body, Class<T> type) {
        return decode(body.getBytes(), type);
    }

    public <T> T decode(String body, Class<T> type) {
        return decode(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), type);
    }

    private <T> T decode(byte[] body, Class<T> type) {
        T value;
        try {
            value = json.readValue(body, type);
        } catch (java.io.IOException e) {
            throw malformed(type.getSimpleName(), e);
        }
        if (value == null) {
            throw malformed(type.getSimpleName(), null);
        }
        return value;
    }

    /** The error body's envelope, or null when it is not one (a proxy's HTML page, say). */
    public <T> T decodeError(Buffer body, Class<T> envelope) {
        try {
            return json.readValue(body.getBytes(), envelope);
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    public GatewayException malformed(String what, Throwable cause) {
        GatewayException failure = GatewayException.of(ErrorKind.UPSTREAM_ERROR, "upstream_malformed_response",
                "Provider '" + settings.id() + "' sent a reply that is not a valid " + what + ".");
        return cause == null ? failure : failure.withCause(cause);
    }

    public void close() {
        http.close();
    }
}
