package dev.wormhole.provider;

import java.util.List;
import java.util.function.Function;

import io.smallrye.mutiny.Multi;

/** Helpers for dialects whose upstream events each translate into zero or more deltas. */
public final class DeltaStreams {

    private DeltaStreams() {
    }

    /**
     * Each event's translations, in order. A failure of the events (the body cut, an in-band error) is
     * delivered only after every translation of the events before it, however slowly the consumer requests.
     * (Neither a plain concatMap nor one that collects failures does that: both drop the translations of
     * the last event still waiting for demand when the failure arrives. So the failure travels as an item.)
     */
    public static <E, D> Multi<D> expand(Multi<E> events, Function<E, List<D>> translate) {
        return events.map(event -> new Step<>(translate.apply(event), null))
                .onFailure().recoverWithItem(failure -> new Step<>(List.of(), failure))
                .onItem().transformToMultiAndConcatenate(step -> step.failure() == null
                        ? Multi.createFrom().iterable(step.items())
                        : Multi.createFrom().<D> failure(step.failure()));
    }

    private record Step<D>(List<D> items, Throwable failure) {
    }
}
