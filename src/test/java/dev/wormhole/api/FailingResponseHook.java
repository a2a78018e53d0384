package dev.wormhole.api;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.ext.web.RoutingContext;

/** A response hook that fails when a test asks it to ({@code x-test-fail-hook}), as a defective hook would. */
@ApplicationScoped
public class FailingResponseHook implements ResponseHook {

    static final String TRIGGER = "x-test-fail-hook";

    @Override
    public void beforeHeaders(RoutingContext rc) {
        String how = rc.request().getHeader(TRIGGER);
        if ("throw".equals(how)) {
            throw new IllegalStateException("injected failure in a response hook");
        }
        if ("bad-header".equals(how)) {
            // A value the HTTP codec refuses to write (it would split the header).
            rc.response().putHeader("x-test-echo", "a\r\nInjected: 1");
        }
    }
}
