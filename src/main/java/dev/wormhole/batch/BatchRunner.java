package dev.wormhole.batch;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import dev.wormhole.config.BatchConfig;
import dev.wormhole.config.WormholeConfig;
import dev.wormhole.core.GatewayException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * Runs the items of a batch with a bounded number in flight: a {@code Multi} over the items, each turned
 * into its {@code Uni} and merged with the batch's concurrency. Every item's failure is recovered into its
 * outcome, so one item never fails the batch. Outcomes are emitted as items complete; cancelling the
 * returned stream cancels every item in flight and starts no further one.
 */
@ApplicationScoped
public class BatchRunner {

    private final BatchConfig config;
    private final MeterRegistry meters;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Set<BatchRun> running = ConcurrentHashMap.newKeySet();

    BatchRunner(WormholeConfig config, MeterRegistry meters) {
        this.config = config.batch();
        this.meters = meters;
        Gauge.builder("wormhole.batch.items.in_flight", inFlight, AtomicInteger::get)
                .description("Batch items currently running, across batches").register(meters);
    }

    /**
     * The concurrency a batch of {@code items} runs with: the requested one (or the default), capped by the
     * item count and the server maximum. Fails with a 400 naming {@code concurrency} for a non-positive value
     * or one larger than any batch can hold.
     */
    public int concurrency(Integer requested, int items) {
        if (requested != null && (requested < 1 || requested > config.maxItems())) {
            throw GatewayException.invalid("concurrency", "concurrency must be between 1 and " + config.maxItems()
                    + " (it is capped at " + config.maxConcurrency() + " and at the number of requests).");
        }
        int wanted = requested == null ? config.defaultConcurrency() : requested;
        return Math.max(1, Math.min(wanted, Math.min(items, config.maxConcurrency())));
    }

    /** Starts a batch's bookkeeping; {@code id} is the id of the request that runs it. */
    public BatchRun start(String id, BatchMode mode, int concurrency, int items) {
        Counter.builder("wormhole.batch.requests").description("Batches run").tag("mode", mode.name().toLowerCase())
                .register(meters).increment();
        return new BatchRun(id, mode, concurrency, items);
    }

    /**
     * Every item's outcome, in completion order. The batch counts as running ({@link #running}) from subscription
     * until the stream ends, fails or is cancelled.
     */
    public <T> Multi<ItemOutcome<T>> all(List<Supplier<Uni<T>>> items, BatchRun run) {
        return Multi.createFrom().range(0, items.size())
                .onItem().transformToUni(index -> attempt(index, items.get(index), run))
                .merge(run.concurrency())
                .onSubscription().invoke(() -> running.add(run))
                .onTermination().invoke(() -> running.remove(run));
    }

    /** The batches running now, oldest first, at most {@code max} of them. */
    public List<BatchRun> running(int max) {
        return running.stream().sorted(Comparator.comparingLong(BatchRun::elapsedMillis).reversed()).limit(max)
                .toList();
    }

    /**
     * Outcomes in completion order up to and including the first success; at that moment every other item in
     * flight is cancelled and none is started. Without any success, every item's failure.
     */
    public <T> Multi<ItemOutcome<T>> untilFirstSuccess(List<Supplier<Uni<T>>> items, BatchRun run) {
        Multi<ItemOutcome<T>> outcomes = all(items, run);
        return Multi.createFrom().emitter(emitter -> {
            AtomicBoolean won = new AtomicBoolean();
            Cancellable[] subscription = new Cancellable[1];
            subscription[0] = outcomes.subscribe().with(outcome -> {
                if (won.get()) {
                    return;
                }
                emitter.emit(outcome);
                if (outcome.succeeded() && won.compareAndSet(false, true)) {
                    emitter.complete();
                    if (subscription[0] != null) {
                        subscription[0].cancel();
                    }
                }
            }, emitter::fail, emitter::complete);
            emitter.onTermination(() -> {
                if (subscription[0] != null) {
                    subscription[0].cancel();
                }
            });
            if (won.get()) {
                subscription[0].cancel();
            }
        });
    }

    private <T> Uni<ItemOutcome<T>> attempt(int index, Supplier<Uni<T>> item, BatchRun run) {
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            run.started();
            inFlight.incrementAndGet();
            return Uni.createFrom().deferred(item::get)
                    .map(value -> new ItemOutcome<>(index, value, null, System.nanoTime() - start))
                    .onFailure().recoverWithItem(failure -> new ItemOutcome<>(index, null, failure,
                            System.nanoTime() - start))
                    .onTermination().invoke((outcome, failure, cancelled) -> {
                        run.ended(outcome != null && outcome.succeeded());
                        inFlight.decrementAndGet();
                        String result = cancelled ? "cancelled" : outcome != null && outcome.succeeded() ? "ok"
                                : "failed";
                        Timer.builder("wormhole.batch.item.duration").description("Time of one batch item")
                                .tag("outcome", result).register(meters)
                                .record(Duration.ofNanos(System.nanoTime() - start));
                    });
        });
    }
}
