package dev.wormhole.api.dashboard;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.wormhole.api.RequestTracing;
import dev.wormhole.api.ResponseHook;
import dev.wormhole.api.dto.ErrorEnvelope;
import io.vertx.ext.web.RoutingContext;

/**
 * The last {@link #CAPACITY} error responses of the API ({@code /v1/**} and {@code /admin/**}), newest first, for the
 * dashboard. Fed from one place: the response hook every response passes, with the error body the exception mappers
 * and the edge noted ({@link RequestTracing#error}). Kept: time, request id, method, route, status, error code and
 * message (the gateway's own, caller-safe text, shortened); never a request body, never a header.
 */
@ApplicationScoped
public class RecentErrors implements ResponseHook {

    static final int CAPACITY = 50;
    private static final int MAX_TEXT = 240;

    private final Deque<DashboardView.ErrorRow> ring = new ArrayDeque<>(CAPACITY);

    @Override
    public void beforeHeaders(RoutingContext rc) {
        int status = rc.response().getStatusCode();
        String path = rc.request().path();
        if (status < 400 || path == null || !(path.startsWith("/v1/") || path.startsWith("/admin/"))) {
            return;
        }
        ErrorEnvelope.Body error = RequestTracing.error(rc);
        add(new DashboardView.ErrorRow(Instant.now().toString(), RequestTracing.requestId(rc),
                rc.request().method().name(), safe(path), status, error == null ? null : safe(error.code()),
                error == null ? null : safe(error.message())));
    }

    private synchronized void add(DashboardView.ErrorRow row) {
        if (ring.size() == CAPACITY) {
            ring.removeLast();
        }
        ring.addFirst(row);
    }

    /** The errors kept, newest first. */
    public synchronized List<DashboardView.ErrorRow> latest() {
        return new ArrayList<>(ring);
    }

    /** Text that may hold client input (a path, a model name), shortened and without control characters. */
    private static String safe(String text) {
        if (text == null) {
            return null;
        }
        String shortened = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "…" : text;
        return shortened.replaceAll("\\p{Cntrl}", " ");
    }
}
