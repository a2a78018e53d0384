package dev.wormhole.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;


import dev.wormhole.api.dto.BatchRequest;
import dev.wormhole.api.dto.ChatCompletionRequest;
import dev.wormhole.api.dto.EmbeddingsRequest;
import dev.wormhole.core.Caller;
import dev.wormhole.core.Deadline;
import dev.wormhole.core.GatewayException;
import dev.wormhole.routing.CallTrace;
import dev.wormhole.telemetry.GenAiKeys;
import dev.wormhole.telemetry.Traced;
import dev.wormhole.telemetry.Tracing;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;

/**
 * Turns the items of a batch into tasks that do exactly what the single endpoints do: the item body is read
 * into the same DTO, validated by the same constraints and mapper, and dispatched through the same routing,
 * leasing and error mapping. A malformed batch (bad url, method or duplicate {@code custom_id}) is rejected
 * whole; an item whose body is invalid fails alone with its 400, without reaching an upstream.
 */
@ApplicationScoped
class BatchItems {

    static final String CHAT = "/v1/chat/completions";
    static final String EMBEDDINGS = "/v1/embeddings";

    private final OpenAiOperations operations;
    private final BodyReader bodies;
    private final Tracing tracing;

    BatchItems(OpenAiOperations operations, BodyReader bodies, Tracing tracing) {
        this.operations = operations;
        this.bodies = bodies;
        this.tracing = tracing;
    }

    /** Checks the batch's structure, naming the offending field. */
    void checkStructure(List<BatchRequest.Item> items) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            BatchRequest.Item item = items.get(i);
            String at = "requests[" + i + "]";
            if (item.method() != null && !item.method().equalsIgnoreCase("POST")) {
                throw GatewayException.invalid(at + ".method", "Only POST items are supported.");
            }
            if (!item.url().equals(CHAT) && !item.url().equals(EMBEDDINGS)) {
                throw GatewayException.invalid(at + ".url", "url must be " + CHAT + " or " + EMBEDDINGS + ".");
            }
            if (!item.body().isObject()) {
                throw GatewayException.invalid(at + ".body", "body must be a JSON object.");
            }
            if (item.customId() != null) {
                Integer earlier = seen.putIfAbsent(item.customId(), i);
                if (earlier != null) {
                    throw GatewayException.invalid(at + ".custom_id", "custom_id '" + item.customId()
                            + "' is already used by requests[" + earlier + "].");
                }
            }
        }
    }

    /**
     * One task per item, in input order; each yields the item's response DTO. Each item has its own configured
     * deadline, and all share the deadline the client stated for the batch ({@code clientDeadline}, or null) and
     * its caller, whose key must allow each item's model. Each item is traced as a span of its own, {@code
     * batch_item N}, under the batch request's.
     */
    List<Supplier<Uni<Object>>> tasks(List<BatchRequest.Item> items, Deadline clientDeadline, Caller caller) {
        List<Supplier<Uni<Object>>> tasks = new ArrayList<>(items.size());
        Context batch = tracing.current();
        for (int i = 0; i < items.size(); i++) {
            BatchRequest.Item item = items.get(i);
            int index = i;
            tasks.add(() -> traced(batch, index, item, new CallTrace(clientDeadline, caller)));
        }
        return tasks;
    }

    private Uni<Object> traced(Context batch, int index, BatchRequest.Item item, CallTrace trace) {
        if (!tracing.on()) {
            return run(item, trace);
        }
        Traced span = tracing.internal(batch, "batch_item " + index, Attributes.of(GenAiKeys.BATCH_INDEX,
                (long) index, GenAiKeys.BATCH_URL, item.url(), GenAiKeys.BATCH_CUSTOM_ID,
                item.customId() == null ? "" : item.customId()));
        trace.parent(span.context());
        return Uni.createFrom().deferred(() -> run(item, trace))
                .onTermination().invoke((answer, failure, cancelled) -> span.end(failure, cancelled));
    }

    private Uni<Object> run(BatchRequest.Item item, CallTrace trace) {
        if (item.url().equals(CHAT)) {
            ChatCompletionRequest body = read(item, ChatCompletionRequest.class);
            if (Boolean.TRUE.equals(body.stream())) {
                throw GatewayException.invalid("stream", "Batch items cannot stream; leave stream unset or false.");
            }
            return operations.chat(body, trace).map(Object.class::cast);
        }
        return operations.embed(read(item, EmbeddingsRequest.class), trace).map(Object.class::cast);
    }

    private <T> T read(BatchRequest.Item item, Class<T> type) {
        return bodies.read(item.body(), type, "The item body of " + item.url());
    }
}
