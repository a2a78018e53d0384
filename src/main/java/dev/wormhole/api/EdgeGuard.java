package dev.wormhole.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.wormhole.api.dto.ErrorEnvelope;
import dev.wormhole.config.WormholeConfig;
import dev.wormhole.core.Caller;
import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import dev.wormhole.key.KeyAuthenticator;
import io.quarkus.logging.Log;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Guards {@code /v1/*} and {@code /admin/*} before any body is read, as a Vert.x route ahead of Quarkus's own body
 * handling: the key (as {@code Authorization: Bearer} or, for Anthropic-style clients, {@code x-api-key}), then
 * the declared body size, then the client's stated timeout (see {@link ClientDeadlines}). Each answers in the
 * route's error envelope (OpenAI's, or Anthropic's on {@code /v1/messages}).
 * <p>
 * On {@code /v1/*} the key is a client key: a static one, checked at once, or a virtual key, looked up without
 * blocking (the request stays paused, as Quarkus leaves it, until the lookup answers on the request's own event
 * loop). The key's {@link Caller} goes on the routing context ({@link RequestTracing#caller}). On
 * {@code /admin/keys} and {@code /admin/usage} only the admin key is accepted, and without one configured those APIs
 * are disabled; the other
 * {@code /admin/*} endpoints also take a static client key, as they did before the admin key existed.
 */
@ApplicationScoped
public class EdgeGuard {

    private static final String KEYS_API = "/admin/keys";
    private static final String USAGE_API = "/admin/usage";
    private static final String IMAGE_FILES = "/v1/images/files/";

    private final KeyAuthenticator keys;
    private final Optional<byte[]> adminDigest;
    private final long maxBody;
    private final JsonWriter json;
    private final BodyHandler chunkedBodies;

    EdgeGuard(WormholeConfig config, KeyAuthenticator keys, JsonWriter json) {
        this.keys = keys;
        this.adminDigest = config.auth().adminKey().map(EdgeGuard::digest);
        this.maxBody = config.limits().maxRequestBody().asLongValue();
        this.json = json;
        this.chunkedBodies = BodyHandler.create(false).setBodyLimit(maxBody).setHandleFileUploads(false);
    }

    void install(@Observes Router router) {
        router.route("/v1/*").order(-90).handler(this::guardClient);
        router.route("/admin/*").order(-90).handler(this::guardAdmin);
    }

    private void guardClient(RoutingContext rc) {
        // A signed image URL is its own credential (ImageFiles): browsers and clients fetch it without a key.
        if (!keys.required() || signedImage(rc)) {
            admitted(rc, Caller.ANONYMOUS);
            return;
        }
        String presented = presentedKey(rc);
        if (keys.staticKey(presented)) {
            admitted(rc, Caller.STATIC_KEY);
            return;
        }
        Context context = Vertx.currentContext();
        keys.authenticate(presented).subscribe().with(
                caller -> onContext(context, () -> caller.ifPresentOrElse(c -> admitted(rc, c), () -> unauthorized(rc,
                        "Missing or invalid gateway API key; send it as 'Authorization: Bearer <key>' or "
                                + "'x-api-key: <key>'."))),
                failure -> onContext(context, () -> {
                    Log.errorf(failure, "Request %s: the key store failed", RequestTracing.requestId(rc));
                    reject(rc, 503, ErrorEnvelope.of("The gateway cannot check API keys right now; retry shortly.",
                            ErrorKind.UNAVAILABLE.openAiType(), null, "key_store_unavailable"));
                }));
    }

    /** A GET of a signed image URL; the normalized path, which routing uses, so dot segments cannot leave it. */
    private static boolean signedImage(RoutingContext rc) {
        return rc.request().method() == HttpMethod.GET && rc.normalizedPath().startsWith(IMAGE_FILES)
                && rc.normalizedPath().indexOf('/', IMAGE_FILES.length()) < 0;
    }

    private void guardAdmin(RoutingContext rc) {
        String path = rc.request().path();
        boolean keysApi = path.equals(KEYS_API) || path.startsWith(KEYS_API + "/") || path.equals(USAGE_API)
                || path.startsWith(USAGE_API + "/");
        String presented = presentedKey(rc);
        if (keysApi && adminDigest.isEmpty()) {
            reject(rc, 403, ErrorEnvelope.of("The admin API for virtual keys and usage is disabled: set an admin key "
                    + "(WORMHOLE_ADMIN_KEY or wormhole.auth.admin-key) to enable it.", ErrorKind.PERMISSION_DENIED.openAiType(),
                    null, "admin_api_disabled"));
        } else if (adminKey(presented)) {
            checked(rc);
        } else if (!keysApi && (adminDigest.isEmpty() && !keys.required() || keys.staticKey(presented))) {
            checked(rc);
        } else {
            unauthorized(rc, adminDigest.isPresent() ? "Missing or invalid admin key; send it as 'Authorization: "
                    + "Bearer <admin key>'." : "Missing or invalid gateway API key; send it as 'Authorization: Bearer "
                    + "<key>' or 'x-api-key: <key>'.");
        }
    }

    private void admitted(RoutingContext rc, Caller caller) {
        RequestTracing.caller(rc, caller);
        checked(rc);
    }

    /** The checks after the key: body size, client deadline, then the chunked body read under the limit. */
    private void checked(RoutingContext rc) {
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

    /** Runs {@code work} on the request's own context: a key store may answer on another thread. */
    private static void onContext(Context context, Runnable work) {
        if (context == null || Vertx.currentContext() == context) {
            work.run();
        } else {
            context.runOnContext(v -> work.run());
        }
    }

    private void unauthorized(RoutingContext rc, String message) {
        reject(rc, 401, ErrorEnvelope.of(message, ErrorKind.AUTHENTICATION.openAiType(), null, "invalid_api_key"));
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

    private boolean adminKey(String presented) {
        return presented != null && !presented.isEmpty() && adminDigest.isPresent()
                && MessageDigest.isEqual(digest(presented), adminDigest.get());
    }

    static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
