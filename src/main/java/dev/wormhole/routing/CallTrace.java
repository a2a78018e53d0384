package dev.wormhole.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.wormhole.core.GatewayException;
import dev.wormhole.core.ModelRef;

/**
 * The upstream attempts of one client request, in order: each target tried and how it ended. Reported to the
 * client as {@code x-wormhole-attempts} and {@code x-wormhole-route}. Thread-safe: attempts of one request
 * run one after the other, possibly on different threads.
 */
public final class CallTrace {

    private final List<String> attempts = new ArrayList<>();

    /** Records an attempt on a target and returns its position, for {@link #ended}. */
    public synchronized int started(ModelRef target) {
        attempts.add(target + "=…");
        return attempts.size() - 1;
    }

    /** Records how an attempt ended: {@code ok}, or the HTTP status its failure maps to. */
    public synchronized void ended(int attempt, ModelRef target, Throwable failure) {
        String outcome = failure == null ? "ok"
                : failure instanceof GatewayException g ? String.valueOf(g.kind().httpStatus()) : "error";
        attempts.set(attempt, target + "=" + outcome);
    }

    /** How many upstream attempts were made. */
    public synchronized int count() {
        return attempts.size();
    }

    /** The attempts as {@code provider/model=outcome}, comma-separated, in order. */
    public synchronized String route() {
        return attempts.stream().collect(Collectors.joining(", "));
    }
}
