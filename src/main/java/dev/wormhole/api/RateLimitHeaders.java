package dev.wormhole.api;

import jakarta.enterprise.context.ApplicationScoped;

import dev.wormhole.limit.RateStatus;
import dev.wormhole.routing.CallTrace;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * OpenAI's {@code x-ratelimit-limit-*}, {@code x-ratelimit-remaining-*} and {@code x-ratelimit-reset-*} headers for
 * the requests and tokens per minute of the caller's virtual key, on every response of a request that was counted
 * against them (answers and 429s alike). Callers without such limits get none.
 */
@ApplicationScoped
public class RateLimitHeaders implements ResponseHook {

    @Override
    public void beforeHeaders(RoutingContext rc) {
        CallTrace trace = RequestTracing.existingTrace(rc);
        RateStatus status = trace == null ? null : trace.rates();
        if (status == null) {
            return;
        }
        write(rc.response(), "requests", status.requests());
        write(rc.response(), "tokens", status.tokens());
    }

    private static void write(HttpServerResponse response, String what, RateStatus.Window window) {
        if (window == null) {
            return;
        }
        response.putHeader("x-ratelimit-limit-" + what, String.valueOf(window.limit()));
        response.putHeader("x-ratelimit-remaining-" + what, String.valueOf(window.remaining()));
        response.putHeader("x-ratelimit-reset-" + what, RateStatus.openAiDuration(window.resetAfter()));
    }
}
