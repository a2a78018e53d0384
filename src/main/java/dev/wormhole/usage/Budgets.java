package dev.wormhole.usage;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.wormhole.core.Caller;
import dev.wormhole.core.ErrorKind;
import dev.wormhole.core.GatewayException;
import dev.wormhole.core.KeyLimits;
import dev.wormhole.state.StateStore;
import io.smallrye.mutiny.Uni;

/**
 * Refuses a call of a key that has spent its budget for the current period ({@code budget.usd} per {@code day},
 * {@code month} or {@code total}): a 429 {@code budget_exceeded} before any upstream call. The spend is what
 * {@link UsageLedger} has recorded, so calls in flight when the budget runs out still complete: a budget can be
 * overrun by what those calls cost, never by a call that starts after.
 */
@ApplicationScoped
public class Budgets {

    private static final BigDecimal MICROS = BigDecimal.valueOf(1_000_000);

    private final StateStore store;
    private final Clock clock;

    @Inject
    Budgets(StateStore store) {
        this(store, Clock.systemUTC());
    }

    Budgets(StateStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Completes when {@code caller} may spend more; fails with a 429 {@code budget_exceeded} when it may not. */
    public Uni<Void> require(Caller caller) {
        KeyLimits.Budget budget = caller.limits().budget();
        if (budget == null || budget.usd() == null || budget.period() == null) {
            return Uni.createFrom().voidItem();
        }
        Instant now = clock.instant();
        long limit = budget.usd().multiply(MICROS).longValue();
        return store.counter(SpendCounters.key(caller.keyId(), budget.period(), now)).map(spent -> {
            if (spent >= limit) {
                throw exceeded(budget, now);
            }
            return null;
        });
    }

    private static GatewayException exceeded(KeyLimits.Budget budget, Instant now) {
        Instant reset = SpendCounters.resetsAt(budget.period(), now);
        String usd = budget.usd().stripTrailingZeros().toPlainString();
        if (reset == null) {
            return GatewayException.of(ErrorKind.BUDGET_EXCEEDED, "budget_exceeded", "This API key has spent its "
                    + "total budget of $" + usd + ", which does not reset; ask the key's owner to raise it.");
        }
        return GatewayException.of(ErrorKind.BUDGET_EXCEEDED, "budget_exceeded", "This API key has spent its budget "
                + "of $" + usd + " for the " + budget.period().wireName() + " (UTC); it resets at " + reset + ".")
                .withRetryAfter(Duration.between(now, reset));
    }
}
