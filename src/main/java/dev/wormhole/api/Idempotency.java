package dev.wormhole.api;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestMulti;

import dev.wormhole.api.dto.ErrorEnvelope;
import dev.wormhole.config.WormholeConfig;
import dev.wormhole.core.Deadline;
import dev.wormhole.core.ErrorKind;
import dev.wormhole.idempotency.IdempotentCalls;
import dev.wormhole.idempotency.IdempotentReply;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code Idempotency-Key} on the non-streamed POSTs ({@code /v1/chat/completions}, {@code /v1/embeddings},
 * {@code /v1/rerank}, {@code /v1/messages}, {@code /v1/responses}, {@code /v1/batch} answered as one JSON document).
 * At the edge, after
 * the key check and before the body is read, the header is validated (one value of 1 to 255 printable ASCII
 * characters, else a 400 in the route's envelope). The resources then answer through {@link #answer}: the request
 * runs at most once per caller (its key id), route and key value, and a duplicate gets the stored response with
 * {@code idempotent-replayed: true} ({@link IdempotentCalls}). The request is told apart from another under the same
 * key by the SHA-256 of its body as the gateway parsed it, written out again as compact JSON: whitespace does not
 * count, anything else does. A duplicate waits at most until the request's deadline (the client's stated timeout,
 * else {@code wormhole.deadline}). Streamed requests do not come here: the header is ignored on them.
 */
@ApplicationScoped
public class Idempotency {

    /** The request header naming the key. */
    public static final String HEADER = "Idempotency-Key";
    /** The response header marking a replayed response. */
    public static final String REPLAYED = "idempotent-replayed";

    private static final int MAX_KEY_LENGTH = 255;
    private static final Set<String> ROUTES = Set.of("/v1/chat/completions", "/v1/embeddings", "/v1/messages",
            "/v1/responses", "/v1/batch", "/v1/rerank");

    private final IdempotentCalls calls;
    private final JsonWriter json;
    private final boolean enabled;
    private final Duration deadline;

    Idempotency(IdempotentCalls calls, JsonWriter json, WormholeConfig config) {
        this.calls = calls;
        this.json = json;
        this.enabled = config.idempotency().enabled();
        this.deadline = config.deadline();
    }

    void install(@Observes Router router) {
        if (enabled) {
            // after EdgeGuard (-90), before the body is read
            ROUTES.forEach(path -> router.post(path).order(-89).handler(this::checkKey));
        }
    }

    private void checkKey(RoutingContext rc) {
        List<String> keys = rc.request().headers().getAll(HEADER);
        if (keys.isEmpty()) {
            rc.next();
            return;
        }
        if (keys.size() > 1 || !valid(keys.get(0))) {
            EdgeResponses.reject(rc, 400, ErrorEnvelope.of("The Idempotency-Key header must be one value of 1 to "
                    + MAX_KEY_LENGTH + " printable ASCII characters.", ErrorKind.INVALID_REQUEST.openAiType(), HEADER,
                    "invalid_idempotency_key"), json, false);
            return;
        }
        rc.next();
    }

    static boolean valid(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /**
     * A 200 JSON answer produced by {@code call}, at most once per key when the request carries one; {@code request}
     * is the parsed request body.
     */
    RestMulti<byte[]> answer(RoutingContext rc, Object request, Supplier<Uni<byte[]>> call) {
        return reply(rc, request, () -> call.get().map(body -> IdempotentReply.fresh(200, MediaType.APPLICATION_JSON,
                body)));
    }

    /**
     * The answer {@code call} produces, with its own status, at most once per key when the request carries one;
     * {@code request} is the parsed request body.
     */
    RestMulti<byte[]> reply(RoutingContext rc, Object request, Supplier<Uni<IdempotentReply>> call) {
        String key = enabled ? rc.request().getHeader(HEADER) : null;
        Uni<IdempotentReply> reply = key == null ? Uni.createFrom().deferred(() -> call.get())
                : calls.run(scope(rc, key), fingerprint(json.bytes(request)), patience(rc), call);
        return RestMulti.fromUniResponse(reply, r -> Multi.createFrom().item(r.body()), Idempotency::headers,
                IdempotentReply::status);
    }

    private static Map<String, List<String>> headers(IdempotentReply reply) {
        return reply.replayed() ? Map.of("Content-Type", List.of(reply.contentType()), REPLAYED, List.of("true"))
                : Map.of("Content-Type", List.of(reply.contentType()));
    }

    /** Who sent the key, where, and the key: the same key of another caller or route is another key. */
    private static String scope(RoutingContext rc, String key) {
        return RequestTracing.caller(rc).keyId() + "\n" + rc.request().path() + "\n" + key;
    }

    private Deadline patience(RoutingContext rc) {
        return Deadline.earliest(RequestTracing.clientDeadline(rc),
                Deadline.after(RequestTracing.arrival(rc), deadline, "wormhole.deadline"));
    }

    private static String fingerprint(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
