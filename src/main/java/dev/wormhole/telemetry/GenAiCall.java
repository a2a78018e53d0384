package dev.wormhole.telemetry;

import static dev.wormhole.telemetry.GenAiKeys.ATTEMPT;
import static dev.wormhole.telemetry.GenAiKeys.CACHED_TOKENS;
import static dev.wormhole.telemetry.GenAiKeys.FALLBACK;
import static dev.wormhole.telemetry.GenAiKeys.FINISH_REASONS;
import static dev.wormhole.telemetry.GenAiKeys.FIRST_CHUNK;
import static dev.wormhole.telemetry.GenAiKeys.INPUT_TOKENS;
import static dev.wormhole.telemetry.GenAiKeys.MAX_TOKENS;
import static dev.wormhole.telemetry.GenAiKeys.OPERATION;
import static dev.wormhole.telemetry.GenAiKeys.OUTPUT_TOKENS;
import static dev.wormhole.telemetry.GenAiKeys.PROVIDER;
import static dev.wormhole.telemetry.GenAiKeys.REQUEST_MODEL;
import static dev.wormhole.telemetry.GenAiKeys.RESPONSE_ID;
import static dev.wormhole.telemetry.GenAiKeys.RESPONSE_MODEL;
import static dev.wormhole.telemetry.GenAiKeys.SERVER_ADDRESS;
import static dev.wormhole.telemetry.GenAiKeys.SERVER_PORT;
import static dev.wormhole.telemetry.GenAiKeys.TARGET;
import static dev.wormhole.telemetry.GenAiKeys.TEMPERATURE;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.wormhole.core.ChatDelta;
import dev.wormhole.core.ChatResult;
import dev.wormhole.core.EmbeddingResult;
import dev.wormhole.core.FinishReason;
import dev.wormhole.core.Usage;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.context.Context;

/**
 * The client span of one upstream attempt, named and attributed per the OpenTelemetry GenAI semantic
 * conventions ({@code chat gpt-4o}, {@code gen_ai.*}), plus where the attempt sits in its route
 * ({@code wormhole.attempt}, {@code wormhole.target}, {@code wormhole.fallback}). A stream's span lasts until the
 * stream ends and marks its first chunk with a {@code gen_ai.first_chunk} event. Never records content.
 */
public final class GenAiCall {

    /** What the span says about the request before it is sent. */
    public record Request(String operation, String providerName, String providerId, String model, Long maxTokens,
            Double temperature, int attempt, boolean fallback, URI server) {
    }


    private final Traced traced;
    private final long started = System.nanoTime();
    private final Set<String> finishReasons = new LinkedHashSet<>();
    private boolean sawChunk;
    private boolean ended;
    private String responseId;
    private String responseModel;

    private GenAiCall(Traced traced) {
        this.traced = traced;
    }

    /** The span of an attempt under {@code parent}, or null when tracing is off. */
    public static GenAiCall start(Tracing tracing, Context parent, Request request) {
        if (!tracing.on()) {
            return null;
        }
        AttributesBuilder attributes = Attributes.builder()
                .put(OPERATION, request.operation())
                .put(PROVIDER, request.providerName())
                .put(REQUEST_MODEL, request.model())
                .put(ATTEMPT, request.attempt())
                .put(TARGET, request.providerId() + "/" + request.model())
                .put(FALLBACK, request.fallback());
        if (request.maxTokens() != null) {
            attributes.put(MAX_TOKENS, request.maxTokens());
        }
        if (request.temperature() != null) {
            attributes.put(TEMPERATURE, request.temperature());
        }
        if (request.server() != null && request.server().getHost() != null) {
            attributes.put(SERVER_ADDRESS, request.server().getHost());
            attributes.put(SERVER_PORT, port(request.server()));
        }
        return new GenAiCall(tracing.client(parent, request.operation() + " " + request.model(), attributes.build()));
    }

    /** The span's handle, for {@link Traced#within}; null when {@code call} is. */
    public static Traced traced(GenAiCall call) {
        return call == null ? null : call.traced;
    }

    /** Notes a streamed item: the first one as an event, and the response's id, model and finish reasons. */
    public synchronized void item(Object item) {
        if (!sawChunk) {
            sawChunk = true;
            double seconds = (System.nanoTime() - started) / (double) TimeUnit.SECONDS.toNanos(1);
            traced.span().setAttribute(FIRST_CHUNK, seconds);
            traced.span().addEvent("gen_ai.first_chunk");
        }
        if (item instanceof ChatDelta delta) {
            facts(delta.id(), delta.model());
            delta.choices().forEach(c -> finish(c.finishReason()));
        }
    }

    /** Ends the span of {@code call} (if any) with what the answer says: id, model, finish reasons and usage. */
    public static void end(GenAiCall call, Object answer, Usage usage, Throwable failure, boolean cancelled) {
        if (call != null) {
            call.ended(answer, usage, failure, cancelled);
        }
    }

    private synchronized void ended(Object answer, Usage usage, Throwable failure, boolean cancelled) {
        if (ended) {
            return;
        }
        ended = true;
        if (answer instanceof ChatResult result) {
            facts(result.id(), result.model());
            result.choices().forEach(c -> finish(c.finishReason()));
        } else if (answer instanceof EmbeddingResult result) {
            facts(null, result.model());
        }
        var span = traced.span();
        if (responseId != null) {
            span.setAttribute(RESPONSE_ID, responseId);
        }
        if (responseModel != null) {
            span.setAttribute(RESPONSE_MODEL, responseModel);
        }
        if (!finishReasons.isEmpty()) {
            span.setAttribute(FINISH_REASONS, List.copyOf(finishReasons));
        }
        if (usage != null) {
            span.setAttribute(INPUT_TOKENS, usage.promptTokens());
            span.setAttribute(OUTPUT_TOKENS, usage.completionTokens());
            if (usage.cachedPromptTokens() > 0) {
                span.setAttribute(CACHED_TOKENS, usage.cachedPromptTokens());
            }
        }
        traced.end(failure, cancelled);
    }

    private void facts(String id, String model) {
        if (id != null && !id.isEmpty()) {
            responseId = id;
        }
        if (model != null && !model.isEmpty()) {
            responseModel = model;
        }
    }

    private void finish(FinishReason reason) {
        if (reason != null) {
            finishReasons.add(reason.name().toLowerCase(Locale.ROOT));
        }
    }

    private static long port(URI server) {
        if (server.getPort() > 0) {
            return server.getPort();
        }
        return "https".equalsIgnoreCase(server.getScheme()) ? 443 : 80;
    }
}
