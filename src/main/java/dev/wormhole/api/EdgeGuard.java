package dev.wormhole.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.MediaType;

import dev.wormhole.api.dto.ErrorEnvelope;
import dev.wormhole.config.WormholeConfig;
import dev.wormhole.core.ErrorKind;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Guards {@code /v1/*} before any body is read, as a Vert.x route ahead of Quarkus's own body handling: the
 * gateway key (as {@code Authorization: Bearer} or, for Anthropic-style clients, {@code x-api-key}),
 * compared in constant time, then the declared body size. Both answer in OpenAI's error envelope.
 */
@ApplicationScoped
public class EdgeGuard {

    private final List<byte[]> keyDigests;
    private final long maxBody;
    private final JsonWriter json;

    EdgeGuard(WormholeConfig config, JsonWriter json) {
        this.keyDigests = config.auth().apiKeys().orElse(List.of()).stream().filter(k -> !k.isBlank())
                .map(EdgeGuard::digest).toList();
        this.maxBody = config.limits().maxRequestBody().asLongValue();
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route("/v1/*").order(-90).handler(this::guard);
        router.route("/admin/*").order(-90).handler(this::guard);
    }

    private void guard(RoutingContext rc) {
        if (!keyDigests.isEmpty() && !authorized(presentedKey(rc))) {
            reject(rc, 401, ErrorEnvelope.of("Missing or invalid gateway API key; send it as "
                    + "'Authorization: Bearer <key>'.", ErrorKind.AUTHENTICATION.openAiType(), null, "invalid_api_key"));
            return;
        }
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && declaredLength(length) > maxBody) {
            reject(rc, 413, ErrorEnvelope.of("The request body of " + length + " bytes exceeds the limit of "
                    + maxBody + " bytes (wormhole.limits.max-request-body).", ErrorKind.PAYLOAD_TOO_LARGE.openAiType(),
                    null, "request_too_large"));
            return;
        }
        rc.next();
    }

    private void reject(RoutingContext rc, int status, ErrorEnvelope envelope) {
        rc.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        if (status == 401) {
            rc.response().putHeader("WWW-Authenticate", "Bearer");
        }
        if (status == 413) {
            // The unread body would otherwise have to be drained first.
            rc.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
        rc.response().end(Buffer.buffer(json.bytes(envelope)));
    }

    private static long declaredLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String presentedKey(RoutingContext rc) {
        String authorization = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return rc.request().getHeader("x-api-key");
    }

    private boolean authorized(String presented) {
        if (presented == null || presented.isEmpty()) {
            return false;
        }
        byte[] candidate = digest(presented);
        boolean match = false;
        for (byte[] key : keyDigests) {
            match |= MessageDigest.isEqual(candidate, key);
        }
        return match;
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
