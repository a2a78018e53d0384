package dev.wormhole.api;

import io.vertx.ext.web.RoutingContext;

/**
 * Something that adds to a response's headers just before they are written, for every route (a CDI bean).
 * A hook that fails is logged once with the request id and skipped: the response still goes out, without
 * what that hook would have added, instead of hanging. Values derived from client input must be made safe
 * first (see {@link HeaderValues}).
 */
public interface ResponseHook {

    /** Adds headers to {@code rc.response()}. */
    void beforeHeaders(RoutingContext rc);
}
