package dev.wormhole.usage;

import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;

import dev.wormhole.core.Caller;
import dev.wormhole.core.ModelRef;
import dev.wormhole.core.Usage;
import io.smallrye.mutiny.Uni;

/**
 * What routing asks of usage accounting: whether a caller may still spend ({@link Budgets}) before a request's
 * first upstream call, and, per upstream call, a {@link Call} to tell how it ended ({@link UsageLedger}).
 */
@ApplicationScoped
public class Spending {

    private final Budgets budgets;
    private final UsageLedger ledger;

    Spending(Budgets budgets, UsageLedger ledger) {
        this.budgets = budgets;
        this.ledger = ledger;
    }

    /** Completes when {@code caller} is within its budget; fails with a 429 {@code budget_exceeded} otherwise. */
    public Uni<Void> require(Caller caller) {
        return budgets.require(caller);
    }

    /**
     * The accounting of one call of {@code caller} on {@code target}; {@code told} hears what was recorded (the usage,
     * or zero when there was no answer, and its cost), e.g. for the request's access log.
     */
    public Call call(Caller caller, ModelRef target, BiConsumer<Usage, Price.Cost> told) {
        return (usage, failure) -> {
            Price.Cost cost = ledger.record(caller, target, usage, failure != null);
            told.accept(usage == null ? Usage.ZERO : usage, cost);
        };
    }

    /** One upstream call's accounting, told once how the call ended. */
    @FunctionalInterface
    public interface Call {

        /** A call that is not billed (a token count): nothing is recorded. */
        Call NOT_BILLED = (usage, failure) -> {
        };

        /**
         * The call ended: with the usage the client was told (a cut stream's estimate; null when there was no
         * answer), and its failure or null (a cancelled call is no failure).
         */
        void ended(Usage usage, Throwable failure);
    }
}
