package dev.wormhole.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.MediaType;

import dev.wormhole.api.dto.ErrorEnvelope;
import dev.wormhole.config.WormholeConfig;
import dev.wormhole.core.ErrorKind;
import dev.wormhole.key.KeyAuthenticator;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Guards the dashboard ({@code /dashboard}, its page and its data) before anything is served. A browser cannot add
 * a Bearer header to a page load, so the key is also taken as the password of HTTP Basic (any user name): a request
 * without it is answered 401 with {@code WWW-Authenticate: Basic}, the browser prompts once and sends the same
 * credentials with the page's own {@code fetch} and {@code EventSource} calls. {@code Authorization: Bearer} is
 * accepted too, for scripts. The key is the admin key when one is configured (a client key is refused); until then
 * the static gateway key; a gateway without keys serves the dashboard openly (it listens on loopback unless told
 * otherwise). {@code /dashboard} is redirected to {@code /dashboard/}, whose index is the page.
 */
@ApplicationScoped
public class DashboardGuard {

    private static final String PAGE = "/dashboard";
    private static final String CHALLENGE = "Basic realm=\"Wormhole dashboard\", charset=\"UTF-8\"";

    private final KeyAuthenticator keys;
    private final Optional<byte[]> adminDigest;
    private final boolean enabled;
    private final JsonWriter json;

    DashboardGuard(WormholeConfig config, KeyAuthenticator keys, JsonWriter json) {
        this.keys = keys;
        this.adminDigest = config.auth().adminKey().map(EdgeGuard::digest);
        this.enabled = config.dashboard().enabled();
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route(PAGE).order(-90).handler(this::guard);
        router.route(PAGE + "/*").order(-90).handler(this::guard);
    }

    private void guard(RoutingContext rc) {
        if (!enabled) {
            refuse(rc, 404, ErrorEnvelope.of("The dashboard is disabled (wormhole.dashboard.enabled=false).",
                    ErrorKind.NOT_FOUND.openAiType(), null, "dashboard_disabled"), false);
            return;
        }
        if (!admitted(presentedKey(rc))) {
            refuse(rc, 401, ErrorEnvelope.of(adminDigest.isPresent()
                    ? "The dashboard needs the admin key: as the password of HTTP Basic, or 'Authorization: Bearer'."
                    : "The dashboard needs the gateway key: as the password of HTTP Basic, or 'Authorization: Bearer'.",
                    ErrorKind.AUTHENTICATION.openAiType(), null, "invalid_api_key"), true);
            return;
        }
        rc.response().putHeader("Cache-Control", "no-store").putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY").putHeader("Referrer-Policy", "no-referrer");
        if (rc.request().path().equals(PAGE)) {
            rc.response().setStatusCode(302).putHeader(HttpHeaders.LOCATION, PAGE + "/").end();
            return;
        }
        rc.next();
    }

    private boolean admitted(String presented) {
        if (adminDigest.isPresent()) {
            return presented != null && !presented.isEmpty()
                    && MessageDigest.isEqual(EdgeGuard.digest(presented), adminDigest.get());
        }
        return !keys.required() || keys.staticKey(presented);
    }

    private void refuse(RoutingContext rc, int status, ErrorEnvelope envelope, boolean challenge) {
        RequestTracing.error(rc, envelope.error());
        rc.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON)
                .putHeader("Cache-Control", "no-store");
        if (challenge) {
            rc.response().putHeader("WWW-Authenticate", CHALLENGE);
        }
        rc.response().end(Buffer.buffer(json.bytes(envelope)));
    }

    /** The key from {@code Authorization: Basic} (its password) or {@code Authorization: Bearer}; null if neither. */
    private static String presentedKey(RoutingContext rc) {
        String authorization = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            return null;
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                return colon < 0 ? null : pair.substring(colon + 1);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }
}
