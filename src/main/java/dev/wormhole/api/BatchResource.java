package dev.wormhole.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestMulti;

import dev.wormhole.api.dto.BatchItemResult;
import dev.wormhole.api.dto.BatchRequest;
import dev.wormhole.api.dto.BatchResponse;
import dev.wormhole.api.dto.ErrorEnvelope;
import dev.wormhole.api.sse.SseFrames;
import dev.wormhole.batch.BatchMode;
import dev.wormhole.batch.BatchRun;
import dev.wormhole.batch.BatchRunner;
import dev.wormhole.batch.ItemOutcome;
import dev.wormhole.config.WormholeConfig;
import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import dev.wormhole.idempotency.IdempotentReply;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /v1/batch}: many chat or embedding requests at once, any mix of providers, with a bounded number
 * in flight. Answers one JSON document, or with {@code Accept: application/x-ndjson} (or
 * {@code text/event-stream}) each item's result as soon as it completes and a summary last. The one-document form
 * may carry an {@code Idempotency-Key} ({@link Idempotency}); the streamed forms ignore it.
 */
@Path("/v1/batch")
public class BatchResource {

    private static final String NDJSON = "application/x-ndjson";

    private final BatchRunner runner;
    private final BatchItems items;
    private final BatchResults results;
    private final JsonWriter json;
    private final Idempotency idempotency;
    private final int maxItems;

    BatchResource(BatchRunner runner, BatchItems items, BatchResults results, JsonWriter json,
            Idempotency idempotency, WormholeConfig config) {
        this.runner = runner;
        this.items = items;
        this.results = results;
        this.json = json;
        this.idempotency = idempotency;
        this.maxItems = config.batch().maxItems();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Run many chat/embedding requests with bounded concurrency (modes all, collect, first)")
    public RestMulti<byte[]> run(@Valid @NotNull(message = "a JSON body is required") BatchRequest body,
            @HeaderParam("Accept") String accept, RoutingContext rc) {
        BatchMode mode = mode(body.mode());
        if (body.requests().size() > maxItems) {
            throw GatewayException.invalid("requests", "A batch holds at most " + maxItems + " requests, not "
                    + body.requests().size() + " (wormhole.batch.max-items).");
        }
        items.checkStructure(body.requests());
        int concurrency = runner.concurrency(body.concurrency(), body.requests().size());
        int total = body.requests().size();
        String streamType = streamType(accept);
        if (streamType != null) {
            Started started = start(body, mode, concurrency, rc);
            return RestMulti.fromMultiData(stream(started.results(), mode, started.run(), total, streamType))
                    .header("Content-Type", streamType).header("Cache-Control", "no-cache").status(200).build();
        }
        return idempotency.reply(rc, body, () -> {
            Started started = start(body, mode, concurrency, rc);
            return started.results().collect().asList()
                    .map(list -> respond(mode, list, started.run(), total))
                    .map(r -> IdempotentReply.fresh(r.status(), MediaType.APPLICATION_JSON, json.bytes(r.body())));
        });
    }

    /** A batch under way: its run and its items' results as they complete. */
    private record Started(BatchRun run, Multi<BatchItemResult> results) {
    }

    private Started start(BatchRequest body, BatchMode mode, int concurrency, RoutingContext rc) {
        BatchRun run = runner.start(RequestTracing.requestId(rc), mode, concurrency, body.requests().size());
        List<Supplier<Uni<Object>>> tasks = items.tasks(body.requests(), RequestTracing.clientDeadline(rc),
                RequestTracing.caller(rc));
        Multi<ItemOutcome<Object>> outcomes = mode == BatchMode.FIRST ? runner.untilFirstSuccess(tasks, run)
                : runner.all(tasks, run);
        String requestId = RequestTracing.requestId(rc);
        List<BatchRequest.Item> requested = body.requests();
        return new Started(run, outcomes.map(o -> results.of(o, requested.get(o.index()), requestId)));
    }

    private record Response(int status, Object body) {
    }

    private Response respond(BatchMode mode, List<BatchItemResult> list, BatchRun run, int total) {
        List<BatchItemResult> ordered = new ArrayList<>(list);
        ordered.sort(Comparator.comparingInt(BatchItemResult::index));
        List<BatchItemResult> ok = ordered.stream().filter(r -> r.error() == null).toList();
        List<BatchItemResult> failed = ordered.stream().filter(r -> r.error() != null).toList();
        BatchResponse.Stats stats = results.stats(ok.size(), failed.size(), total, run);
        return switch (mode) {
            case ALL -> new Response(200, new BatchResponse("batch.result", "all", ordered, null, null, null,
                    results.usage(ok), stats));
            case COLLECT -> new Response(200, new BatchResponse("batch.result", "collect", null, ok, failed, null,
                    results.usage(ok), stats));
            case FIRST -> ok.isEmpty()
                    ? new Response(502, new BatchResponse.AllFailed(new ErrorEnvelope.Body("Every request of the "
                            + "batch failed; see 'failed' for each one's error.", ErrorKind.UPSTREAM_ERROR.openAiType(),
                            null, "batch_all_failed"), failed, stats))
                    : new Response(200, new BatchResponse("batch.result", "first", null, null, failed, ok.get(0),
                            results.usage(ok), stats));
        };
    }

    private Multi<byte[]> stream(Multi<BatchItemResult> itemResults, BatchMode mode, BatchRun run, int total,
            String type) {
        List<BatchItemResult> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        return itemResults
                .invoke(seen::add)
                .map(result -> frame(result, type))
                .onCompletion().switchTo(() -> {
                    List<BatchItemResult> ok = seen.stream().filter(r -> r.error() == null).toList();
                    BatchResponse summary = new BatchResponse("batch.summary", mode.name().toLowerCase(Locale.ROOT),
                            null, null, null, null, results.usage(ok),
                            results.stats(ok.size(), seen.size() - ok.size(), total, run));
                    return Multi.createFrom().item(frame(summary, type));
                });
    }

    private byte[] frame(Object value, String type) {
        byte[] bytes = json.bytes(value);
        if (!NDJSON.equals(type)) {
            return SseFrames.data(bytes);
        }
        byte[] line = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        line[bytes.length] = '\n';
        return line;
    }

    private static String streamType(String accept) {
        if (accept == null) {
            return null;
        }
        if (accept.contains(NDJSON)) {
            return NDJSON;
        }
        return accept.contains("text/event-stream") ? SseFrames.CONTENT_TYPE : null;
    }

    private static BatchMode mode(String mode) {
        if (mode == null) {
            return BatchMode.ALL;
        }
        try {
            return BatchMode.valueOf(mode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw GatewayException.invalid("mode", "mode must be 'all', 'collect' or 'first'.");
        }
    }
}
