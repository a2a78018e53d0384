package dev.wormhole.usage;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.wormhole.core.BudgetPeriod;
import dev.wormhole.core.Caller;
import dev.wormhole.core.ModelRef;
import dev.wormhole.core.Usage;
import dev.wormhole.state.StateStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Records each upstream call's usage and cost once it has ended: one atomic {@code incrementFields} on the row of
 * its key, UTC day and {@code provider/model} ({@link UsageRows}), the row in the index, the key's spend counters
 * ({@link SpendCounters}, virtual keys only) and the per-key metrics. Recording runs after the response and never
 * fails it: a store failure is logged and counted ({@code wormhole.usage.record.failures}).
 */
@ApplicationScoped
public class UsageLedger {

    private final StateStore store;
    private final Prices prices;
    private final SpendMetrics metrics;
    private final Counter failures;
    private final Clock clock;

    @Inject
    UsageLedger(StateStore store, Prices prices, SpendMetrics metrics, MeterRegistry meters) {
        this(store, prices, metrics, meters, Clock.systemUTC());
    }

    UsageLedger(StateStore store, Prices prices, SpendMetrics metrics, MeterRegistry meters, Clock clock) {
        this.store = store;
        this.prices = prices;
        this.metrics = metrics;
        this.clock = clock;
        this.failures = Counter.builder("wormhole.usage.record.failures")
                .description("Usage records the state store failed to take").register(meters);
    }

    /**
     * Records a call of {@code caller} on {@code target} that ended: {@code usage} is what the client was told (or,
     * for a cut stream, the estimate), null when the call failed before any answer; {@code failed} counts it as an
     * error. Returns at once, with the call's cost; the store writes go on after.
     */
    public Price.Cost record(Caller caller, ModelRef target, Usage usage, boolean failed) {
        Usage counted = usage == null ? Usage.ZERO : usage;
        Price.Cost cost = prices.of(target).cost(counted);
        Instant now = clock.instant();
        metrics.record(caller.name(), target, counted, cost.microUsd());
        write(caller, target, counted, cost, failed, now).subscribe().with(done -> {
        }, failure -> {
            failures.increment();
            Log.warnf(failure, "Usage of a call by key %s on %s was not recorded", caller.keyId(), target);
        });
        return cost;
    }

    /** The store writes of one record, all started at once. */
    Uni<Void> write(Caller caller, ModelRef target, Usage usage, Price.Cost cost, boolean failed, Instant now) {
        UsageRows.RowId row = UsageRows.row(LocalDate.ofInstant(now, ZoneOffset.UTC), caller.keyId(), target);
        Map<String, Long> deltas = new LinkedHashMap<>();
        deltas.put(UsageRows.REQUESTS, 1L);
        deltas.put(UsageRows.ERRORS, failed ? 1L : 0L);
        deltas.put(UsageRows.PROMPT, usage.promptTokens());
        deltas.put(UsageRows.COMPLETION, usage.completionTokens());
        deltas.put(UsageRows.CACHED, usage.cachedPromptTokens());
        deltas.put(UsageRows.COST, cost.microUsd());
        deltas.put(UsageRows.UNPRICED, cost.priced() ? 0L : 1L);
        List<Uni<?>> writes = new ArrayList<>();
        writes.add(store.incrementFields(row.key(), deltas, StateStore.FOREVER));
        writes.add(store.indexAdd(UsageRows.INDEX, row.member()));
        if (caller.virtual() && cost.microUsd() > 0) {
            // Every period is counted, so that a budget set later starts from the spend of its period so far.
            for (BudgetPeriod period : BudgetPeriod.values()) {
                writes.add(store.increment(SpendCounters.key(caller.keyId(), period, now), cost.microUsd(),
                        SpendCounters.ttl(period, now)));
            }
        }
        return Uni.combine().all().unis(writes).discardItems();
    }
}
