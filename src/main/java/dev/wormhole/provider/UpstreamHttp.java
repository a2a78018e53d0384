package dev.wormhole.provider;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.tracing.TracingPolicy;

/**
 * The non-blocking HTTP client of one provider instance: a keep-alive connection pool sized by
 * configuration, deadlines for connecting, for the response headers and for silences between chunks, size
 * caps, and cancellation that resets the upstream request. Dialects build their APIs on it.
 */
public final class UpstreamHttp {

    /** Reads a dialect's error body into the taxonomy. */
    @FunctionalInterface
    public interface ErrorReader {
        GatewayException read(int status, Buffer body, Duration retryAfter);
    }

    private static final int MAX_ERROR_BODY_BYTES = 64 * 1024;
    private static final TextMapSetter<RequestOptions> HEADERS = (options, name, value) -> options.putHeader(name,
            value);

    private final Vertx vertx;
    private final HttpClient client;
    private final ProviderSettings settings;
    private final ErrorReader errorReader;

    public UpstreamHttp(Vertx vertx, ProviderSettings settings, ErrorReader errorReader) {
        this.vertx = vertx;
        this.settings = settings;
        this.errorReader = errorReader;
        HttpClientOptions options = new HttpClientOptions()
                .setKeepAlive(true)
                .setConnectTimeout((int) settings.timeouts().connect().toMillis())
                .setDecompressionSupported(true)
                // The gateway's own span of the attempt is the client span, and its traceparent is sent (see
                // Exchange.start); Vert.x's generic HTTP client span would duplicate it under the wrong parent.
                .setTracingPolicy(TracingPolicy.IGNORE)
                .setName("wormhole-" + settings.id());
        this.client = vertx.httpClientBuilder().with(options)
                .with(new PoolOptions().setHttp1MaxSize(settings.maxConnections()))
                // Connection faults already fail the request that saw them; without a handler Vert.x logs
                // each one again as an error with no context.
                .withConnectHandler(connection -> connection.exceptionHandler(e -> Log.debugf(
                        "Connection to provider '%s' failed: %s", settings.id(), e.getMessage())))
                .build();
    }

    /**
     * Sends a request and streams the body of a 2xx reply. A non-2xx reply fails with the dialect's reading
     * of its error body. Lazy: nothing is sent before subscription; cancelling resets the request.
     */
    public Multi<Buffer> stream(HttpMethod method, String path, Map<String, String> headers, Buffer body) {
        return Multi.createFrom().emitter(emitter -> new Exchange(emitter).start(method, path, headers, body));
    }

    /** Like {@link #stream} but collects the whole body, failing when it exceeds the provider's body limit. */
    public Uni<Buffer> call(HttpMethod method, String path, Map<String, String> headers, Buffer body) {
        long limit = settings.maxBodyBytes();
        return stream(method, path, headers, body).collect().in(Buffer::buffer, (all, chunk) -> {
            if (all.length() + chunk.length() > limit) {
                throw GatewayException.of(ErrorKind.UPSTREAM_RESPONSE_TOO_LARGE, "upstream_body_too_large",
                        "The upstream's reply exceeded the " + limit + "-byte limit.");
            }
            all.appendBuffer(chunk);
        });
    }

    /** Closes the connection pool. */
    public void close() {
        client.close();
    }

    /** One request/response exchange feeding an emitter, with demand-driven reads. */
    private final class Exchange {
        private final MultiEmitter<? super Buffer> emitter;
        private final AtomicBoolean finished = new AtomicBoolean();
        private volatile HttpClientRequest request;
        private volatile long headerTimer = -1;
        private volatile long totalTimer = -1;
        private volatile long idleTimer = -1;
        private volatile long lastActivity;

        Exchange(MultiEmitter<? super Buffer> emitter) {
            this.emitter = emitter;
            emitter.onTermination(this::abort);
        }

        void start(HttpMethod method, String path, Map<String, String> headers, Buffer body) {
            RequestOptions options = new RequestOptions()
                    .setMethod(method)
                    .setAbsoluteURI(settings.baseUrl().toString().replaceAll("/+$", "") + path)
                    .setConnectTimeout(settings.timeouts().connect().toMillis())
                    .setIdleTimeout(settings.timeouts().idle().toMillis())
                    .setFollowRedirects(false);
            headers.forEach(options::putHeader);
            // Run while the attempt's span is current (Traced.within): the upstream continues the trace under it.
            W3CTraceContextPropagator.getInstance().inject(Context.current(), options, HEADERS);
            if (finished.get()) {
                return;
            }
            totalTimer = vertx.setTimer(settings.timeouts().total().toMillis(), id -> fail(GatewayException.of(
                    ErrorKind.UPSTREAM_TIMEOUT, "upstream_timeout", "Provider '" + settings.id()
                            + "' did not finish its reply within " + settings.timeouts().total() + ".")));
            client.request(options).onComplete(ar -> {
                if (ar.failed()) {
                    fail(ar.cause());
                    return;
                }
                HttpClientRequest req = ar.result();
                request = req;
                if (finished.get()) {
                    req.reset();
                    return;
                }
                req.exceptionHandler(this::fail);
                headerTimer = vertx.setTimer(settings.timeouts().response().toMillis(), id -> fail(
                        GatewayException.of(ErrorKind.UPSTREAM_TIMEOUT, "upstream_timeout", "Provider '"
                                + settings.id() + "' sent no response within " + settings.timeouts().response()
                                + ".")));
                Future<HttpClientResponse> sent = body == null ? req.send() : req.send(body);
                sent.onComplete(res -> {
                    vertx.cancelTimer(headerTimer);
                    if (res.failed()) {
                        fail(res.cause());
                    } else {
                        onResponse(res.result());
                    }
                });
            });
        }

        private void onResponse(HttpClientResponse response) {
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                response.pause();
                // Vert.x's request idle timeout stops at the response headers: silences inside the body are
                // watched here, with one timer that re-arms itself for the time left instead of one per chunk.
                lastActivity = System.nanoTime();
                watchIdle(settings.timeouts().idle().toMillis());
                response.handler(chunk -> {
                    lastActivity = System.nanoTime();
                    emitter.emit(chunk);
                });
                response.exceptionHandler(this::fail);
                response.endHandler(v -> {
                    if (finished.compareAndSet(false, true)) {
                        cancelTimers();
                        emitter.complete();
                    }
                });
                // Registered before reading the current demand: a request in between is fetched twice (a
                // bounded over-read into the emitter's buffer), never lost.
                emitter.onRequest(response::fetch);
                long pending = emitter.requested();
                if (pending > 0) {
                    response.fetch(pending);
                }
                return;
            }
            Duration retryAfter = UpstreamFailures.parseRetryAfter(response.getHeader("retry-after"),
                    response.getHeader("retry-after-ms"), Clock.systemUTC());
            if (retryAfter == null && status == 429) {
                retryAfter = UpstreamFailures.parseRateLimitReset(response.getHeader("x-ratelimit-reset-requests"),
                        response.getHeader("x-ratelimit-reset-tokens"));
            }
            Duration delay = retryAfter;
            Buffer errorBody = Buffer.buffer();
            response.handler(chunk -> {
                if (errorBody.length() < MAX_ERROR_BODY_BYTES) {
                    errorBody.appendBuffer(chunk);
                }
            });
            response.exceptionHandler(this::fail);
            // The error body was read to its end, so the connection stays reusable: fail without a reset.
            response.endHandler(v -> {
                if (finished.compareAndSet(false, true)) {
                    cancelTimers();
                    emitter.fail(errorReader.read(status, errorBody, delay));
                }
            });
        }

        private void watchIdle(long delayMillis) {
            idleTimer = vertx.setTimer(Math.max(1, delayMillis), id -> {
                if (finished.get()) {
                    return;
                }
                long idleMillis = settings.timeouts().idle().toMillis();
                long silentMillis = (System.nanoTime() - lastActivity) / 1_000_000;
                if (silentMillis >= idleMillis) {
                    fail(GatewayException.of(ErrorKind.UPSTREAM_TIMEOUT, "upstream_timeout", "Provider '"
                            + settings.id() + "' sent nothing for " + settings.timeouts().idle() + " mid-reply."));
                } else {
                    watchIdle(idleMillis - silentMillis);
                }
            });
        }

        private void cancelTimers() {
            vertx.cancelTimer(headerTimer);
            vertx.cancelTimer(totalTimer);
            vertx.cancelTimer(idleTimer);
        }

        private void fail(Throwable failure) {
            if (finished.compareAndSet(false, true)) {
                cancelTimers();
                HttpClientRequest req = request;
                if (req != null) {
                    req.reset();
                }
                emitter.fail(UpstreamFailures.fromThrowable(settings.id(), failure));
            }
        }

        /** Called on cancellation and on every termination; resets the request unless it ended normally. */
        private void abort() {
            if (finished.compareAndSet(false, true)) {
                cancelTimers();
                HttpClientRequest req = request;
                if (req != null) {
                    req.reset();
                }
            }
        }
    }
}
