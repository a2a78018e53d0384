package dev.wormhole.testing;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * An OpenAI-speaking upstream on its own Vert.x that answers chat completions after a delay named by the
 * model ({@code delay-250} waits 250 ms; {@code fail} answers 500 at once; {@code fail-after-250} answers
 * 500 after 250 ms) and echoes the first message back as the answer. It counts requests in flight, their
 * peak, and the requests whose connection was closed before their answer: how tests see concurrency limits
 * and cancellations from the outside.
 */
public final class CountingUpstream implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger abandoned = new AtomicInteger();

    public CountingUpstream() throws Exception {
        server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public int port() {
        return server.actualPort();
    }

    /** Requests in flight now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** The most requests that were in flight at once since the last reset. */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** Requests received since the last reset. */
    public int received() {
        return received.get();
    }

    /** Requests whose connection closed before they were answered, since the last reset. */
    public int abandoned() {
        return abandoned.get();
    }

    public void reset() {
        maxInFlight.set(inFlight.get());
        received.set(0);
        abandoned.set(0);
    }

    private void handle(HttpServerRequest request) {
        if (!request.path().endsWith("/chat/completions")) {
            request.response().setStatusCode(404).end();
            return;
        }
        request.body().onSuccess(body -> {
            JsonObject json = body.toJsonObject();
            received.incrementAndGet();
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            String model = json.getString("model", "");
            String echo = json.getJsonArray("messages", new JsonArray()).getJsonObject(0).getString("content", "");
            boolean[] done = { false };
            request.connection().closeHandler(v -> {
                if (!done[0]) {
                    done[0] = true;
                    inFlight.decrementAndGet();
                    abandoned.incrementAndGet();
                }
            });
            long delay = model.contains("-") ? Long.parseLong(model.substring(model.lastIndexOf('-') + 1)) : 0;
            Runnable answer = () -> {
                if (done[0]) {
                    return;
                }
                done[0] = true;
                inFlight.decrementAndGet();
                if (model.startsWith("fail")) {
                    request.response().setStatusCode(500).putHeader("Content-Type", "application/json")
                            .end("{\"error\":{\"message\":\"simulated failure\",\"type\":\"server_error\"}}");
                    return;
                }
                request.response().putHeader("Content-Type", "application/json").end(new JsonObject()
                        .put("id", "chatcmpl-count").put("object", "chat.completion").put("created", 1)
                        .put("model", model)
                        .put("choices", new JsonArray().add(new JsonObject().put("index", 0)
                                .put("message", new JsonObject().put("role", "assistant").put("content", echo))
                                .put("finish_reason", "stop")))
                        .put("usage", new JsonObject().put("prompt_tokens", 3).put("completion_tokens", 2)
                                .put("total_tokens", 5))
                        .encode());
            };
            if (delay > 0) {
                vertx.setTimer(delay, id -> answer.run());
            } else {
                answer.run();
            }
        });
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
