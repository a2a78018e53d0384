package dev.wormhole.api;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.wormhole.api.dto.ErrorEnvelope;
import dev.wormhole.config.WormholeConfig;
import dev.wormhole.core.ErrorKind;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refusals below the API, answered in the route's envelope like every other error: a request URI over
 * {@code wormhole.limits.max-uri-length} (414), request headers over {@code wormhole.limits.max-header-size}
 * (431), and a body over the limit that only showed while it was read (413, from Quarkus's body handling).
 * <p>
 * The HTTP decoder itself refuses, with a bare status and a closed connection, what is beyond its own ceilings
 * ({@code quarkus.http.limits.max-initial-line-length} and {@code max-header-size}, set well above the limits
 * here) and a request line it cannot parse at all: Quarkus offers no hook before the decoder.
 */
@ApplicationScoped
public class TransportLimits {

    private final long maxUri;
    private final long maxHeaders;
    private final long maxBody;
    private final JsonWriter json;

    TransportLimits(WormholeConfig config, JsonWriter json) {
        this.maxUri = config.limits().maxUriLength().asLongValue();
        this.maxHeaders = config.limits().maxHeaderSize().asLongValue();
        this.maxBody = config.limits().maxRequestBody().asLongValue();
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(-95).handler(this::check);
        router.route().order(-100).failureHandler(this::refusal);
    }

    private void check(RoutingContext rc) {
        if (rc.request().uri().length() > maxUri) {
            EdgeResponses.reject(rc, 414, ErrorEnvelope.of("The request URI is longer than " + maxUri + " characters "
                    + "(wormhole.limits.max-uri-length).", ErrorKind.INVALID_REQUEST.openAiType(), null, "uri_too_long"),
                    json, true);
            return;
        }
        long headerBytes = 0;
        for (Map.Entry<String, String> header : rc.request().headers()) {
            headerBytes += header.getKey().length() + header.getValue().length() + 4;
        }
        if (headerBytes > maxHeaders) {
            EdgeResponses.reject(rc, 431, ErrorEnvelope.of("The request headers total " + headerBytes + " bytes, more "
                    + "than the limit of " + maxHeaders + " (wormhole.limits.max-header-size).",
                    ErrorKind.INVALID_REQUEST.openAiType(), null, "headers_too_large"), json, true);
            return;
        }
        rc.next();
    }

    /** A route that failed with a client-error status before any resource ran: the envelope, not a bare page. */
    private void refusal(RoutingContext rc) {
        int status = rc.statusCode();
        if (status == 413) {
            EdgeResponses.reject(rc, 413, bodyTooLarge(maxBody), json, true);
        } else if (status >= 400 && status < 500 && rc.failure() == null) {
            EdgeResponses.reject(rc, status, ErrorEnvelope.of("The request was refused (HTTP " + status + ").",
                    status == 404 ? ErrorKind.NOT_FOUND.openAiType() : ErrorKind.INVALID_REQUEST.openAiType(), null,
                    null), json, false);
        } else {
            rc.next();
        }
    }

    /** The envelope of a 413. */
    static ErrorEnvelope bodyTooLarge(long maxBody) {
        return ErrorEnvelope.of("The request body exceeds the limit of " + maxBody
                + " bytes (wormhole.limits.max-request-body).", ErrorKind.PAYLOAD_TOO_LARGE.openAiType(), null,
                "request_too_large");
    }
}
