package dev.wormhole.api;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.wormhole.api.dto.ErrorEnvelope;
import dev.wormhole.api.error.ErrorBodies;
import dev.wormhole.core.Caller;
import dev.wormhole.core.Deadline;
import dev.wormhole.routing.CallTrace;
import io.quarkus.arc.All;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Gives every response an {@code x-request-id} (the caller's, when it sent a sane one) and a
 * {@code Server-Timing} header that splits the time until the headers went out into the gateway's own part
 * and the upstream's part, and reports the upstream attempts ({@code x-wormhole-attempts},
 * {@code x-wormhole-route}, made safe by {@link HeaderValues}); on the {@code /v1/messages} routes the id also goes
 * out as Anthropic's {@code request-id}. Runs first, as a Vert.x route, so even 401s and
 * 404s carry them. Nothing on this path may fail a response: a failing part, here or in a {@link ResponseHook},
 * is logged once with the request id and skipped, so the response still goes out at once.
 */
@ApplicationScoped
public class RequestTracing {

    /** The request id header, read and written. */
    public static final String REQUEST_ID = "x-request-id";
    /** The same id under the name Anthropic's clients read, on the {@code /v1/messages} routes. */
    public static final String ANTHROPIC_REQUEST_ID = "request-id";

    private static final String STARTED = "wormhole.started";
    private static final String UPSTREAM_STARTED = "wormhole.upstream.started";
    private static final String UPSTREAM_NANOS = "wormhole.upstream.nanos";
    private static final String TRACE = "wormhole.trace";
    private static final String CLIENT_DEADLINE = "wormhole.client-deadline";
    private static final String CALLER = "wormhole.caller";
    private static final String ERROR = "wormhole.error";
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final List<ResponseHook> hooks;

    RequestTracing(@All List<ResponseHook> hooks) {
        this.hooks = hooks;
    }

    void install(@Observes Router router) {
        router.route().order(-100).handler(this::stamp);
    }

    private void stamp(RoutingContext rc) {
        rc.put(STARTED, System.nanoTime());
        String incoming = rc.request().getHeader(REQUEST_ID);
        String id = incoming != null && SANE_ID.matcher(incoming).matches() ? incoming : "req_" + UUID.randomUUID();
        rc.put(REQUEST_ID, id);
        rc.addHeadersEndHandler(v -> {
            boolean failed = guarded(rc, id, "gateway headers", () -> {
                rc.response().putHeader(REQUEST_ID, id);
                if (ErrorBodies.anthropicRoute(rc.request().path())) {
                    rc.response().putHeader(ANTHROPIC_REQUEST_ID, id);
                }
                rc.response().putHeader("Server-Timing", serverTiming(rc));
                CallTrace trace = rc.get(TRACE);
                if (trace != null && trace.count() > 0) {
                    rc.response().putHeader("x-wormhole-attempts", String.valueOf(trace.count()));
                    rc.response().putHeader("x-wormhole-route", HeaderValues.safe(trace.route()));
                }
            });
            for (ResponseHook hook : hooks) {
                failed |= guarded(rc, id, hook.getClass().getSimpleName(), () -> hook.beforeHeaders(rc));
            }
            if (failed) {
                rc.response().putHeader(REQUEST_ID, id);
            }
        });
        rc.next();
    }

    /** Runs one part of the response hook; a failure is logged once with the request id, never thrown. */
    private static boolean guarded(RoutingContext rc, String requestId, String part, Runnable work) {
        try {
            work.run();
            return false;
        } catch (RuntimeException e) {
            Log.errorf(e, "Request %s: the response hook '%s' failed; the response (status %d) goes out without its "
                    + "headers", requestId, part, rc.response().getStatusCode());
            return true;
        }
    }

    private static String serverTiming(RoutingContext rc) {
        long now = System.nanoTime();
        Long started = rc.get(STARTED);
        long total = started == null ? 0 : now - started;
        Long upstream = rc.get(UPSTREAM_NANOS);
        Long upstreamStarted = rc.get(UPSTREAM_STARTED);
        long upstreamNanos = upstream != null ? upstream : upstreamStarted != null ? now - upstreamStarted : 0;
        long gateway = Math.max(0, total - upstreamNanos);
        return "gateway;dur=" + millis(gateway) + ", upstream;dur=" + millis(upstreamNanos);
    }

    /** Milliseconds with three decimals, written by hand: String.format costs more than the rest of this hook. */
    static String millis(long nanos) {
        long micros = nanos / 1_000;
        long fraction = micros % 1_000;
        return (micros / 1_000) + (fraction < 10 ? ".00" : fraction < 100 ? ".0" : ".") + fraction;
    }

    /** The upstream attempts of the current request, reported in its response headers. */
    public static CallTrace trace(RoutingContext rc) {
        CallTrace trace = rc.get(TRACE);
        if (trace == null) {
            trace = new CallTrace(clientDeadline(rc), caller(rc));
            rc.put(TRACE, trace);
        }
        return trace;
    }

    /** The trace of the current request, or null when nothing has asked for one (no call was dispatched). */
    static CallTrace existingTrace(RoutingContext rc) {
        return rc.get(TRACE);
    }

    /** Records the deadline the client stated for the current request. */
    static void clientDeadline(RoutingContext rc, Deadline deadline) {
        rc.put(CLIENT_DEADLINE, deadline);
    }

    /** The deadline the client stated for the current request, or null. */
    static Deadline clientDeadline(RoutingContext rc) {
        return rc.get(CLIENT_DEADLINE);
    }

    /** Records who the current request comes from, as the edge authenticated it. */
    static void caller(RoutingContext rc, Caller caller) {
        rc.put(CALLER, caller);
    }

    /**
     * Who the current request comes from: the key the edge authenticated it with ({@link Caller#ANONYMOUS} when the
     * gateway runs without keys).
     */
    public static Caller caller(RoutingContext rc) {
        Caller caller = rc.get(CALLER);
        return caller == null ? Caller.ANONYMOUS : caller;
    }

    /**
     * Notes the error the current response carries, for the hooks that report errors: every error envelope the
     * gateway answers (the exception mappers and the edge's refusals) passes here.
     */
    public static void error(RoutingContext rc, ErrorEnvelope.Body error) {
        rc.put(ERROR, error);
    }

    /** The error the current response carries, or null when none was noted. */
    public static ErrorEnvelope.Body error(RoutingContext rc) {
        return rc.get(ERROR);
    }

    /** When the current request arrived, on the {@link System#nanoTime()} clock. */
    static long arrival(RoutingContext rc) {
        Long started = rc.get(STARTED);
        return started == null ? System.nanoTime() : started;
    }

    /**
     * How long the current request waited on upstreams until they answered (a stream: its first chunk), or null when
     * it made no upstream call.
     */
    static Long upstreamNanos(RoutingContext rc) {
        return rc.get(UPSTREAM_NANOS);
    }

    /** When the current request's upstream part began, on the {@link System#nanoTime()} clock, or null. */
    static Long upstreamStarted(RoutingContext rc) {
        return rc.get(UPSTREAM_STARTED);
    }

    /** The request id of the current request. */
    public static String requestId(RoutingContext rc) {
        String id = rc.get(REQUEST_ID);
        return id == null ? "" : id;
    }

    /**
     * Times {@code upstream} as the request's upstream part: from subscription until it emits (for a
     * stream, until its first chunk is in hand) or fails.
     */
    public static <T> Uni<T> timeUpstream(RoutingContext rc, Uni<T> upstream) {
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            rc.put(UPSTREAM_STARTED, start);
            return upstream.onItemOrFailure().invoke((item, failure) -> rc.put(UPSTREAM_NANOS, System.nanoTime() - start));
        });
    }
}
