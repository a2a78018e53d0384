package dev.wormhole.limit;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import dev.wormhole.core.Metered;
import dev.wormhole.core.Usage;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * What one admitted call holds against its key's limits until it ends: a concurrency lease (renewed while the call
 * runs) and a reservation of tokens. It ends exactly once, however the call ends (answered, failed, timed out,
 * cancelled by the client, a stream completed or cut), giving the lease back and correcting the reservation by the
 * tokens really used.
 */
public final class Permit {

    /** The permit of a caller without limits: nothing held, nothing to give back. */
    public static final Permit NONE = new Permit(null);

    private final Holding holding;
    private final AtomicBoolean ended = new AtomicBoolean();

    Permit(Holding holding) {
        this.holding = holding;
    }

    /** What a permit holds, and how to give it back with the call's real usage (null when unknown). */
    interface Holding {
        Uni<Void> end(Usage usage);

        /** The usage to assume when a stream was cut before its usage: the prompt reserved and the output seen. */
        Usage estimate(long outputTokens);
    }

    /** Holds the permit until {@code call} ends; {@code usage} reads the answer's usage. */
    public <T> Uni<T> settle(Uni<T> call, Function<T, Usage> usage) {
        if (holding == null) {
            return call;
        }
        return call.onItemOrFailure().call((item, failure) -> end(item == null ? null : usage.apply(item)))
                .onCancellation().invoke(() -> end(null).subscribe().with(ignored -> {
                }));
    }

    /**
     * Holds the permit until the opened stream ends, is cut or is cancelled, or until the opening fails; a stream
     * without a usage item is counted by its output text, about four characters a token.
     */
    public <E extends Metered> Uni<Multi<E>> settleStream(Uni<Multi<E>> opened) {
        if (holding == null) {
            return opened;
        }
        AtomicBoolean handedOver = new AtomicBoolean();
        return opened.onItem().transform(stream -> {
            handedOver.set(true);
            return tracked(stream);
        }).onTermination().invoke((stream, failure, cancelled) -> {
            if (!handedOver.get()) {
                end(null).subscribe().with(ignored -> {
                });
            }
        });
    }

    private <E extends Metered> Multi<E> tracked(Multi<E> stream) {
        AtomicReference<Usage> reported = new AtomicReference<>();
        AtomicLong characters = new AtomicLong();
        return stream.onItem().invoke(item -> {
            if (item.usage() != null) {
                reported.set(item.usage());
            }
            characters.addAndGet(item.outputCharacters());
        }).onTermination().invoke(() -> {
            Usage usage = reported.get() != null ? reported.get() : holding.estimate((characters.get() + 3) / 4);
            end(usage).subscribe().with(ignored -> {
            });
        });
    }

    /** Gives back what the permit holds, once; never fails. */
    Uni<Void> end(Usage usage) {
        if (holding == null || !ended.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        return holding.end(usage);
    }
}
