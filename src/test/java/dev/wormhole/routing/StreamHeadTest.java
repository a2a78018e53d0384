package dev.wormhole.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;

class StreamHeadTest {

    @Test
    void completesWithTheWholeStreamOnceTheFirstItemArrives() {
        UnicastProcessor<String> source = UnicastProcessor.create();
        UniAssertSubscriber<Multi<String>> head = StreamHead.awaitFirst(source).subscribe()
                .withSubscriber(UniAssertSubscriber.create());

        head.assertNotTerminated();
        source.onNext("a");
        Multi<String> stream = head.awaitItem().getItem();
        AssertSubscriber<String> tail = stream.subscribe().withSubscriber(AssertSubscriber.create(10));
        source.onNext("b");
        source.onNext("c");
        source.onComplete();

        tail.awaitCompletion().assertItems("a", "b", "c");
    }

    @Test
    void failsTheUniWhenTheStreamFailsBeforeItsFirstItem() {
        Multi<String> failing = Multi.createFrom().failure(new IllegalStateException("boom"));
        StreamHead.awaitFirst(failing).subscribe().withSubscriber(UniAssertSubscriber.create())
                .awaitFailure().assertFailedWith(IllegalStateException.class, "boom");
    }

    @Test
    void failsTheStreamWhenItFailsAfterTheFirstItem() {
        Multi<String> source = Multi.createFrom().items("a", "b")
                .onCompletion().failWith(new IllegalStateException("late"));
        Multi<String> stream = StreamHead.awaitFirst(source).await().atMost(Duration.ofSeconds(5));

        stream.subscribe().withSubscriber(AssertSubscriber.create(10)).awaitFailure()
                .assertItems("a", "b").assertFailedWith(IllegalStateException.class, "late");
    }

    @Test
    void deliversATerminalSignalThatArrivedBeforeTheTailWasSubscribed() {
        Multi<String> stream = StreamHead.awaitFirst(Multi.createFrom().items("only")).await()
                .atMost(Duration.ofSeconds(5));

        stream.subscribe().withSubscriber(AssertSubscriber.create(10)).awaitCompletion().assertItems("only");
    }

    @Test
    void honoursDemandOfTheTail() {
        Multi<Integer> stream = StreamHead.awaitFirst(Multi.createFrom().range(0, 10)).await()
                .atMost(Duration.ofSeconds(5));
        AssertSubscriber<Integer> tail = stream.subscribe().withSubscriber(AssertSubscriber.create(0));

        tail.assertHasNotReceivedAnyItem();
        tail.request(1);
        tail.assertItems(0);
        tail.request(3);
        tail.assertItems(0, 1, 2, 3).assertNotTerminated();
        tail.request(100);
        tail.awaitCompletion().assertItems(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void cancellingBeforeTheFirstItemCancelsTheUpstream() {
        AtomicBoolean cancelled = new AtomicBoolean();
        Multi<String> never = Multi.createFrom().<String> nothing().onCancellation().invoke(() -> cancelled.set(true));
        UniAssertSubscriber<Multi<String>> head = StreamHead.awaitFirst(never).subscribe()
                .withSubscriber(UniAssertSubscriber.create());

        head.cancel();

        assertThat(cancelled).isTrue();
    }

    @Test
    void cancellingTheTailCancelsTheUpstream() {
        AtomicBoolean cancelled = new AtomicBoolean();
        // Ticks ignore back-pressure; dropping the ones nobody asked for keeps a slow machine from failing it.
        Multi<Long> ticks = Multi.createFrom().ticks().every(Duration.ofMillis(5)).onOverflow().drop()
                .onCancellation().invoke(() -> cancelled.set(true));
        Multi<Long> stream = StreamHead.awaitFirst(ticks).await().atMost(Duration.ofSeconds(5));
        AssertSubscriber<Long> tail = stream.subscribe().withSubscriber(AssertSubscriber.create(2));

        tail.awaitItems(2).cancel();

        assertThat(cancelled).isTrue();
    }

    @Test
    void deliversNothingAfterTheTailIsCancelled() {
        Multi<Integer> stream = StreamHead.awaitFirst(Multi.createFrom().range(0, 10)).await()
                .atMost(Duration.ofSeconds(5));
        AssertSubscriber<Integer> tail = stream.subscribe().withSubscriber(AssertSubscriber.create(0));

        tail.cancel();
        tail.request(5);

        tail.assertHasNotReceivedAnyItem().assertNotTerminated();
    }

    @Test
    void failsTheTailOnANonPositiveRequest() {
        Multi<Integer> stream = StreamHead.awaitFirst(Multi.createFrom().range(0, 10)).await()
                .atMost(Duration.ofSeconds(5));
        AssertSubscriber<Integer> tail = stream.subscribe().withSubscriber(AssertSubscriber.create(0));

        tail.request(0);

        tail.assertFailedWith(IllegalArgumentException.class);
    }

    @Test
    void aCancellationRacingTheFirstItemNeverLeavesTheUpstreamRunning() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 2_000; i++) {
                UnicastProcessor<String> source = UnicastProcessor.create();
                AtomicBoolean cancelled = new AtomicBoolean();
                AtomicBoolean delivered = new AtomicBoolean();
                UniAssertSubscriber<Multi<String>> head = StreamHead.awaitFirst(
                        source.onCancellation().invoke(() -> cancelled.set(true))).subscribe()
                        .withSubscriber(UniAssertSubscriber.create());
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                java.util.concurrent.Future<?> emit = pool.submit(() -> {
                    go.await();
                    source.onNext("a");
                    return null;
                });
                java.util.concurrent.Future<?> cancel = pool.submit(() -> {
                    go.await();
                    head.cancel();
                    return null;
                });
                go.countDown();
                emit.get();
                cancel.get();
                delivered.set(head.getItem() != null);
                // Either the client got the stream (and owns its cancellation) or the upstream was cancelled.
                assertThat(delivered.get() || cancelled.get()).as("iteration %d", i).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void subscribesToTheSourceOncePerSubscriptionOfTheUni() {
        AtomicInteger subscriptions = new AtomicInteger();
        Multi<String> source = Multi.createFrom().items("x").onSubscription().invoke(subscriptions::incrementAndGet);
        Uni<Multi<String>> head = StreamHead.awaitFirst(source);

        assertThat(subscriptions).hasValue(0);
        head.await().atMost(Duration.ofSeconds(5));
        head.await().atMost(Duration.ofSeconds(5));
        assertThat(subscriptions).hasValue(2);
    }

    @Test
    void rejectsASecondTailSubscriber() {
        Multi<String> stream = StreamHead.awaitFirst(Multi.createFrom().items("a", "b")).await()
                .atMost(Duration.ofSeconds(5));
        stream.subscribe().withSubscriber(AssertSubscriber.create(10)).awaitCompletion();

        stream.subscribe().withSubscriber(AssertSubscriber.create(10)).awaitFailure()
                .assertFailedWith(IllegalStateException.class);
    }
}
