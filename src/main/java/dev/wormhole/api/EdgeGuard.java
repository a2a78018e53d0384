package dev.wormhole.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.wormhole.api.dto.ErrorEnvelope;
import dev.wormhole.config.WormholeConfig;
import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Guards {@code /v1/*} before any body is read, as a Vert.x route ahead of Quarkus's own body handling: the
 * gateway key (as {@code Authorization: Bearer} or, for Anthropic-style clients, {@code x-api-key}),
 * compared in constant time, then the declared body size, then the client's stated timeout (see
 * {@link ClientDeadlines}). Each answers in the route's error envelope (OpenAI's, or Anthropic's on
 * {@code /v1/messages}).
 */
@ApplicationScoped
public class EdgeGuard {

    private final List<byte[]> keyDigests;
    private final long maxBody;
    private final JsonWriter json;
    private final BodyHandler chunkedBodies;

    EdgeGuard(WormholeConfig config, JsonWriter json) {
        this.keyDigests = config.auth().apiKeys().orElse(List.of()).stream().filter(k -> !k.isBlank())
                .map(EdgeGuard::digest).toList();
        this.maxBody = config.limits().maxRequestBody().asLongValue();
        this.json = json;
        this.chunkedBodies = BodyHandler.create(false).setBodyLimit(maxBody).setHandleFileUploads(false);
    }

    void install(@Observes Router router) {
        router.route("/v1/*").order(-90).handler(this::guard);
        router.route("/admin/*").order(-90).handler(this::guard);
    }

    private void guard(RoutingContext rc) {
        if (!keyDigests.isEmpty() && !authorized(presentedKey(rc))) {
            reject(rc, 401, ErrorEnvelope.of("Missing or invalid gateway API key; send it as "
                    + "'Authorization: Bearer <key>' or 'x-api-key: <key>'.", ErrorKind.AUTHENTICATION.openAiType(), null,
                    "invalid_api_key"));
            return;
        }
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && declaredLength(length) > maxBody) {
            // The unread body would otherwise have to be drained first.
            EdgeResponses.reject(rc, 413, TransportLimits.bodyTooLarge(maxBody), json, true);
            return;
        }
        if (!readClientDeadline(rc)) {
            return;
        }
        if (length == null && rc.request().headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            // A chunked body shows its size only while read: read it here, under the limit, so that a body over it
            // is refused in the envelope (TransportLimits) rather than with the bare 413 of the resource layer.
            chunkedBodies.handle(rc);
            return;
        }
        rc.next();
    }

    /** Records the client's stated deadline; false (and a 400 sent) when it is unreadable. */
    private boolean readClientDeadline(RoutingContext rc) {
        try {
            RequestTracing.clientDeadline(rc, ClientDeadlines.of(rc.request().getHeader(ClientDeadlines.WORMHOLE_TIMEOUT),
                    rc.request().getHeader(ClientDeadlines.STAINLESS_TIMEOUT), RequestTracing.arrival(rc)));
            return true;
        } catch (GatewayException invalid) {
            reject(rc, 400, ErrorEnvelope.of(invalid.getMessage(), invalid.kind().openAiType(),
                    invalid.param().orElse(null), invalid.code()));
            return false;
        }
    }

    private void reject(RoutingContext rc, int status, ErrorEnvelope envelope) {
        EdgeResponses.reject(rc, status, envelope, json, false);
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
