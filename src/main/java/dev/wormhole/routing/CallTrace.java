package dev.wormhole.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.wormhole.core.Caller;
import dev.wormhole.core.Deadline;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.ModelRef;
import dev.wormhole.core.Usage;
import dev.wormhole.limit.RateStatus;
import dev.wormhole.limit.TokenDemand;
import dev.wormhole.provider.ProviderGuards;
import io.opentelemetry.context.Context;

/**
 * The upstream attempts of one client request, in order: each target tried and how it ended. Reported to the
 * client as {@code x-wormhole-attempts} and {@code x-wormhole-route}. It also carries the deadline the client
 * stated, which bounds every call of the request until its response is committed (a stream's first chunk):
 * after that, the client only bounds the silence of the stream. And it carries the {@link Caller}, the key the
 * request was authenticated with: its models are checked before any target is planned. Thread-safe: attempts of one request run one
 * after the other, possibly on different threads.
 */
public final class CallTrace {

    private final List<String> attempts = new ArrayList<>();
    private final Deadline clientDeadline;
    private final Caller caller;
    private boolean committed;
    private RateStatus rates;
    private TokenDemand demand;
    private String model;
    private long promptTokens;
    private long completionTokens;
    private long cachedTokens;
    private long costMicroUsd;
    private Context parent;
    private Integer maxTokens;
    private Double temperature;

    /** A trace for an anonymous request whose client stated no deadline. */
    public CallTrace() {
        this(null);
    }

    /** A trace for an anonymous request whose client gave up at {@code clientDeadline} (null when it stated none). */
    public CallTrace(Deadline clientDeadline) {
        this(clientDeadline, Caller.ANONYMOUS);
    }

    /** A trace for a request of {@code caller} whose client gave up at {@code clientDeadline} (or null). */
    public CallTrace(Deadline clientDeadline, Caller caller) {
        this.clientDeadline = clientDeadline;
        this.caller = caller;
    }

    /** Who the request comes from. */
    public Caller caller() {
        return caller;
    }

    /** Records what the request's next call may cost in tokens, for its key's tokens-per-minute reservation. */
    public synchronized void demand(TokenDemand tokens) {
        demand = tokens;
    }

    /** What the request's next call may cost in tokens, or null when unknown. */
    public synchronized TokenDemand demand() {
        return demand;
    }

    /** Records where the caller's key stands against its rate limits, for the response headers. */
    public synchronized void rates(RateStatus status) {
        rates = status;
    }

    /** Where the caller's key stands against its rate limits after its last call, or null when it has none. */
    public synchronized RateStatus rates() {
        return rates;
    }

    /** The deadline the client stated, or null. */
    public Deadline clientDeadline() {
        return clientDeadline;
    }

    /**
     * The deadline of one call of the request (one answer, its retries and fallbacks included): {@code configured},
     * or the client's if that comes first and the response is not yet committed.
     */
    public synchronized Deadline deadline(Deadline configured) {
        return committed ? configured : Deadline.earliest(clientDeadline, configured);
    }

    /** Records that the response has started (a stream's first chunk went out). */
    public synchronized void committed() {
        committed = true;
    }

    /** Records an attempt on a target and returns its position, for {@link #ended}. */
    public synchronized int started(ModelRef target) {
        attempts.add(target + "=pending");
        return attempts.size() - 1;
    }

    /**
     * Records how an attempt ended: {@code ok}, {@code limited} when the gateway's own quota of the provider refused
     * it before any I/O, or the HTTP status its failure maps to.
     */
    public synchronized void ended(int attempt, ModelRef target, Throwable failure) {
        String outcome;
        if (failure == null) {
            outcome = "ok";
        } else if (failure instanceof GatewayException g) {
            outcome = ProviderGuards.QUOTA_REFUSED.equals(g.code()) ? "limited" : String.valueOf(g.kind().httpStatus());
        } else {
            outcome = "error";
        }
        attempts.set(attempt, target + "=" + outcome);
    }

    /**
     * Sets the span the request's next attempts are made under (the request's, a batch item's, an agent step's);
     * null while tracing is off.
     */
    public synchronized void parent(Context span) {
        parent = span;
    }

    /** The span the request's attempts are made under, or null. */
    public synchronized Context parent() {
        return parent;
    }

    /** Records the sampling settings of the request's chat calls, for their spans (each may be null). */
    public synchronized void sampling(Integer maxTokens, Double temperature) {
        this.maxTokens = maxTokens;
        this.temperature = temperature;
    }

    /** The {@code max_tokens} of the request's chat calls, or null. */
    public synchronized Integer maxTokens() {
        return maxTokens;
    }

    /** The {@code temperature} of the request's chat calls, or null. */
    public synchronized Double temperature() {
        return temperature;
    }

    /** Records the model the client named (the request's first call, when a request makes several). */
    public synchronized void model(String requested) {
        if (model == null) {
            model = requested;
        }
    }

    /** The model the client named, or null when no call was planned. */
    public synchronized String model() {
        return model;
    }

    /** Adds what one call was billed: its usage and cost in micro-USD. */
    public synchronized void billed(Usage usage, long microUsd) {
        promptTokens += usage.promptTokens();
        completionTokens += usage.completionTokens();
        cachedTokens += usage.cachedPromptTokens();
        costMicroUsd += microUsd;
    }

    /** What the request's calls were billed, summed: prompt, completion and cached tokens, and micro-USD. */
    public synchronized long[] billed() {
        return new long[] {promptTokens, completionTokens, cachedTokens, costMicroUsd};
    }

    /** How many attempts were made, counting those a provider quota refused before any I/O. */
    public synchronized int count() {
        return attempts.size();
    }

    /** The attempts as {@code provider/model=outcome}, comma-separated, in order. */
    public synchronized String route() {
        return attempts.stream().collect(Collectors.joining(", "));
    }
}
