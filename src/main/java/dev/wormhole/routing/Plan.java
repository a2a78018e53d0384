package dev.wormhole.routing;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

import dev.wormhole.core.Deadline;
import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.ModelRef;
import io.smallrye.mutiny.Uni;

/** The targets of one call, most preferred first, and its one deadline; tried in turn by {@link #inOrder}. */
record Plan(List<ModelRef> targets, Deadline deadline) {

    /** Failures worth trying the next target for; a caller's own mistakes are not. */
    private static final Set<ErrorKind> FALLBACKABLE = EnumSet.of(ErrorKind.RATE_LIMITED, ErrorKind.UPSTREAM_ERROR,
            ErrorKind.UNAVAILABLE, ErrorKind.UPSTREAM_TIMEOUT, ErrorKind.UPSTREAM_AUTHENTICATION,
            ErrorKind.UPSTREAM_RESPONSE_TOO_LARGE, ErrorKind.CONTEXT_LENGTH_EXCEEDED, ErrorKind.NOT_FOUND);

    /** Whether a target after {@code target} is left to fail over to. */
    boolean hasNext(ModelRef target) {
        return targets.indexOf(target) < targets.size() - 1;
    }

    /**
     * Tries the targets from the first on, moving to the next on a failure another target may not share, while the
     * deadline allows.
     */
    <T> Uni<T> inOrder(BiFunction<ModelRef, Plan, Uni<T>> call) {
        return from(0, call);
    }

    private <T> Uni<T> from(int index, BiFunction<ModelRef, Plan, Uni<T>> call) {
        Uni<T> attempt = call.apply(targets.get(index), this);
        if (index + 1 >= targets.size()) {
            return attempt;
        }
        return attempt.onFailure(failure -> fallbackable(failure) && !deadline.expired())
                .recoverWithUni(failure -> from(index + 1, call));
    }

    private static boolean fallbackable(Throwable failure) {
        return failure instanceof GatewayException g && FALLBACKABLE.contains(g.kind());
    }
}
