package dev.wormhole.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import dev.wormhole.config.WormholeConfig;
import dev.wormhole.routing.CallTrace;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * One line per request on the {@code wormhole.access} log category, once its response has ended (or its client
 * left): request id, method, path, status, the key's name, the model named, the targets tried with their outcomes,
 * attempts, tokens and cost billed, total time, time to the first byte upstream answered (a stream's first chunk),
 * and bytes in and out. Never prompt or completion content, never a secret, never the query string. The same
 * fields are put in the MDC while the line is logged, so that JSON logging ({@code quarkus.log.console.json.enabled})
 * carries them as fields. {@code /q/*} (health, metrics) is not logged.
 */
@ApplicationScoped
public class AccessLog {

    static final String CATEGORY = "wormhole.access";
    private static final Logger LOG = Logger.getLogger(CATEGORY);
    private static final String[] FIELDS = {"request_id", "method", "path", "status", "key", "model", "route",
        "attempts", "prompt_tokens", "completion_tokens", "cached_tokens", "cost_usd", "duration_ms", "upstream_ms",
        "ttft_ms", "bytes_in", "bytes_out", "completed"};
    /** Longest value logged: a path or model name sent by a client is cut there. */
    private static final int MAX_VALUE = 256;

    private final boolean enabled;

    AccessLog(WormholeConfig config) {
        this.enabled = config.accessLog().enabled();
    }

    void install(@Observes Router router) {
        if (enabled) {
            router.route().order(-99).handler(this::watch);
        }
    }

    private void watch(RoutingContext rc) {
        if (!rc.request().path().startsWith("/q/")) {
            rc.addEndHandler(ended -> log(rc, ended.succeeded()));
        }
        rc.next();
    }

    private void log(RoutingContext rc, boolean completed) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        CallTrace trace = RequestTracing.existingTrace(rc);
        long[] billed = trace == null ? new long[4] : trace.billed();
        Long upstream = RequestTracing.upstreamNanos(rc);
        Long upstreamStarted = RequestTracing.upstreamStarted(rc);
        long arrival = RequestTracing.arrival(rc);
        String contentType = rc.response().headers().get("Content-Type");
        boolean stream = contentType != null && contentType.startsWith("text/event-stream");
        String[] values = {
            RequestTracing.requestId(rc), rc.request().method().name(), rc.request().path(),
            String.valueOf(rc.response().getStatusCode()), RequestTracing.caller(rc).name(),
            trace == null ? null : trace.model(), trace == null || trace.count() == 0 ? null : trace.route(),
            String.valueOf(trace == null ? 0 : trace.count()), String.valueOf(billed[0]), String.valueOf(billed[1]),
            String.valueOf(billed[2]), usd(billed[3]),
            RequestTracing.millis(System.nanoTime() - arrival),
            upstream == null ? null : RequestTracing.millis(upstream),
            stream && upstream != null && upstreamStarted != null
                    ? RequestTracing.millis(upstreamStarted + upstream - arrival) : null,
            String.valueOf(rc.request().bytesRead()), String.valueOf(rc.response().bytesWritten()),
            String.valueOf(completed)};
        StringBuilder line = new StringBuilder(256);
        for (int i = 0; i < FIELDS.length; i++) {
            if (values[i] != null) {
                MDC.put(FIELDS[i], values[i]);
                line.append(line.isEmpty() ? "" : " ").append(FIELDS[i]).append('=').append(quoted(values[i]));
            }
        }
        try {
            LOG.info(line);
        } finally {
            for (String field : FIELDS) {
                MDC.remove(field);
            }
        }
    }

    /** Micro-dollars as dollars with six decimals (written by hand: String.format costs more than this line). */
    static String usd(long micros) {
        String fraction = Long.toString(micros % 1_000_000);
        return micros / 1_000_000 + "." + "000000".substring(fraction.length()) + fraction;
    }

    /** The value cut to {@link #MAX_VALUE}, in double quotes when it holds a space, a quote or an equals sign. */
    private static String quoted(String whole) {
        String value = whole.length() > MAX_VALUE ? whole.substring(0, MAX_VALUE) + "..." : whole;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '"' || c == '=' || c < 0x20) {
                return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("\\p{Cntrl}", "?") + '"';
            }
        }
        return value;
    }
}
